/**
 * The inverted index of fingerprints and the candidate pairs it yields, after
 * passim (Smith, Cordell & Mullen, "Infectious Texts", 2013; and
 * "Computational methods for uncovering reprinted texts", 2015): n-gram
 * postings, a document-frequency cap, then only pairs sharing enough rare
 * n-grams go on to alignment.
 *
 * - A hash posted by more than `maxDf` series (or, counting documents, more
 *   than `maxDf` documents at more than two per series: `isStock`) is a stock
 *   phrase (习近平新时代中国特色社会主义思想, 高质量发展, 坚持以…为指导) or
 *   boiler plate: it is dropped and listed in `common`, so it never links two
 *   documents by itself (and `align` does not anchor on it either).
 * - Candidates are pairs of documents sharing at least `minShared` distinct
 *   rare hashes, from different series unless `withinSeries`, and, when both
 *   dates are known, at most `days` days apart.
 *
 * Memory-lean and sort-based: postings are (32-bit hash, 32-bit document)
 * pairs in typed arrays, no per-document objects and no positions (alignment
 * recomputes those), built a document at a time (`PostingsBuilder`) and
 * radix-sorted by hash (stable, so documents stay ascending within a hash);
 * co-occurring pairs are packed into one float64 (a · 2^21 + b) and counted by
 * sorting, in chunks of first documents of bounded size. Cost is O(P) in
 * postings plus O(Σ min(df, 2·maxDf)²) pairs, never all pairs of documents.
 * Limit: 2^21 (2,097,152) documents per index.
 */

export const MAX_DOCS = 1 << 21;
const DOC_SCALE = MAX_DOCS;

export interface FingerprintIndex {
  /** Number of documents indexed. */
  docs: number;
  /** Distinct (hash, doc) postings, sorted by hash then doc. */
  hash: Uint32Array;
  doc: Uint32Array;
  /** Hashes posted by more than `maxDf` documents, ascending. */
  common: Uint32Array;
}

/**
 * Builds the index from each document's fingerprint hashes (any order, repeats
 * allowed). With `seriesOf` (each document's series number) the cap counts
 * series, as passim does, so that a story reprinted by up to `maxDf` outlets
 * stays linkable even when they print it in more than `maxDf` documents
 * (editions, pages); see `isStock` for the rule. For a large corpus use
 * `PostingsBuilder` directly, so that no document's hashes need be held.
 */
export function fingerprintIndex(perDoc: readonly Uint32Array[], maxDf: number, seriesOf?: ArrayLike<number>): FingerprintIndex {
  if (perDoc.length > MAX_DOCS) throw new RangeError(`fingerprintIndex: at most ${MAX_DOCS} documents per index`);
  const b = new PostingsBuilder();
  perDoc.forEach((hashes, d) => b.add(d, hashes));
  return b.finish(perDoc.length, maxDf, seriesOf);
}

/** Top bits of the hash that choose a posting's bucket; the rest are sorted inside it. */
const TOP_BITS = 11;
const BUCKETS = 1 << TOP_BITS;
const LOW_BITS = 32 - TOP_BITS;
/** Postings per block of a bucket: blocks start small (tiny inputs stay tiny) and double up to this. */
const MAX_BLOCK = 1 << 14;

/**
 * Streaming construction of the index: documents are added one at a time, in
 * ascending order, and only their (hash, document) postings are kept — 8 bytes
 * each, appended to one of 2,048 buckets chosen by the hash's top 11 bits
 * (blocks of at most 16 K postings, so no array is ever copied to grow).
 * `finish` sorts one bucket at a time (a stable two-pass radix sort on the low
 * 21 bits, so documents stay ascending within a hash), drops repeats and
 * stock phrases, and frees the bucket's blocks: peak memory is about twice the
 * postings, never four times.
 */
export class PostingsBuilder {
  private readonly blocksH: Uint32Array[][] = Array.from({ length: BUCKETS }, () => []);
  private readonly blocksD: Uint32Array[][] = Array.from({ length: BUCKETS }, () => []);
  private readonly curH: Uint32Array[] = new Array<Uint32Array>(BUCKETS).fill(EMPTY);
  private readonly curD: Uint32Array[] = new Array<Uint32Array>(BUCKETS).fill(EMPTY);
  private readonly fill = new Uint32Array(BUCKETS);
  private readonly count = new Float64Array(BUCKETS);
  private lastDoc = -1;
  /** Blocks are views into large slabs: few big buffers (V8 runs a full GC per ~64 MB of new external memory). */
  private slabH: Uint32Array = EMPTY;
  private slabD: Uint32Array = EMPTY;
  private slabUsed = 0;
  private nextSlab: number;
  /** Postings added so far (repeats included). */
  total = 0;

  /** `expected`: about how many postings will be added (the first slab's size; untouched pages cost no memory). */
  constructor(expected = 1 << 16) {
    this.nextSlab = Math.max(1 << 16, Math.min(expected, 2 ** 30));
  }

  private block(size: number): [Uint32Array, Uint32Array] {
    if (this.slabUsed + size > this.slabH.length) {
      const n = Math.max(size, this.nextSlab);
      this.slabH = new Uint32Array(n);
      this.slabD = new Uint32Array(n);
      this.slabUsed = 0;
      this.nextSlab = Math.min(2 * n, 1 << 26);
    }
    const at = this.slabUsed;
    this.slabUsed += size;
    return [this.slabH.subarray(at, at + size), this.slabD.subarray(at, at + size)];
  }

  /** Adds document `d`'s fingerprint hashes; `d` must not be below any document added before. */
  add(d: number, hashes: ArrayLike<number>): void {
    if (d < this.lastDoc) throw new RangeError('PostingsBuilder: documents must be added in ascending order');
    if (d >= MAX_DOCS) throw new RangeError(`fingerprintIndex: at most ${MAX_DOCS} documents per index`);
    this.lastDoc = d;
    const { fill, curH, curD } = this;
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i]! >>> 0;
      const b = h >>> LOW_BITS;
      let f = fill[b]!;
      let ch = curH[b]!;
      if (f === ch.length) {
        const [bh, bd] = this.block(Math.min(MAX_BLOCK, Math.max(64, ch.length * 2)));
        this.blocksH[b]!.push((ch = curH[b] = bh));
        this.blocksD[b]!.push((curD[b] = bd));
        f = 0;
      }
      ch[f] = h;
      curD[b]![f] = d;
      fill[b] = f + 1;
      this.count[b]!++;
    }
    this.total += hashes.length;
  }

  /**
   * The index over documents `0 … docs − 1`; the builder is emptied. With
   * `shared`, hashes kept in only one document are left out of `hash`/`doc`
   * too (they never make a candidate pair): at a million documents they are
   * four postings in five.
   */
  finish(docs: number, maxDf: number, seriesOf?: ArrayLike<number>, shared = false): FingerprintIndex {
    const total = this.total;
    // Room for every posting: one allocation; with `shared` most of it is never touched (no memory).
    const hash = new Uint32Array(total);
    const doc = new Uint32Array(total);
    let largest = 0;
    for (let b = 0; b < BUCKETS; b++) largest = Math.max(largest, this.count[b]!);
    const h1 = new Uint32Array(largest);
    const d1 = new Uint32Array(largest);
    const h2 = new Uint32Array(largest);
    const d2 = new Uint32Array(largest);
    const cnt = new Uint32Array(RADIX);
    const common: number[] = [];
    const seen = new Set<number>();
    let m = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const n = this.count[b]!;
      if (n === 0) continue;
      // Gather the bucket in insertion (= document) order, then free its blocks.
      let k = 0;
      const bh = this.blocksH[b]!;
      const bd = this.blocksD[b]!;
      for (let q = 0; q < bh.length; q++) {
        const len = q === bh.length - 1 ? this.fill[b]! : bh[q]!.length;
        h1.set(bh[q]!.subarray(0, len), k);
        d1.set(bd[q]!.subarray(0, len), k);
        k += len;
      }
      this.blocksH[b] = [];
      this.blocksD[b] = [];
      this.curH[b] = this.curD[b] = EMPTY;
      // Stable LSD radix sort on bits [0, 11) then [11, 21): the top bits are the bucket's.
      radixPass(h1, d1, h2, d2, n, 0, RADIX_BITS, cnt);
      radixPass(h2, d2, h1, d1, n, RADIX_BITS, LOW_BITS - RADIX_BITS, cnt);
      // Drop repeated (hash, doc) postings and the groups above the cap, compacting in place.
      let w = 0;
      for (let i = 0; i < n; ) {
        const hi = h1[i]!;
        let j = i + 1;
        while (j < n && h1[j] === hi) j++;
        const start = w;
        for (let t = i; t < j; t++) {
          if (t > i && d1[t] === d1[t - 1]) continue;
          h1[w] = hi;
          d1[w++] = d1[t]!;
        }
        const count = w - start;
        let series = count;
        if (seriesOf && count > maxDf) {
          seen.clear();
          for (let t = start; t < w; t++) seen.add(seriesOf[d1[t]!]!);
          series = seen.size;
        }
        if (isStock(count, series, maxDf)) {
          common.push(hi);
          w = start;
        } else if (shared && count === 1) w = start;
        i = j;
      }
      hash.set(h1.subarray(0, w), m);
      doc.set(d1.subarray(0, w), m);
      m += w;
    }
    this.slabH = this.slabD = EMPTY;
    this.slabUsed = 0;
    this.fill.fill(0);
    this.count.fill(0);
    this.total = 0;
    this.lastDoc = -1;
    return { docs, hash: hash.subarray(0, m), doc: doc.subarray(0, m), common: Uint32Array.from(common) };
  }
}

const EMPTY = new Uint32Array(0);
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;

/** One counting-sort pass of the first `n` postings on bits [shift, shift + bits) of the hash, stable. */
function radixPass(
  hash: Uint32Array,
  doc: Uint32Array,
  hashOut: Uint32Array,
  docOut: Uint32Array,
  n: number,
  shift: number,
  bits: number,
  count: Uint32Array,
): void {
  const mask = (1 << bits) - 1;
  count.fill(0);
  for (let i = 0; i < n; i++) count[(hash[i]! >>> shift) & mask]!++;
  let sum = 0;
  for (let b = 0; b <= mask; b++) {
    const c = count[b]!;
    count[b] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) {
    const h = hash[i]!;
    const at = count[(h >>> shift) & mask]!++;
    hashOut[at] = h;
    docOut[at] = doc[i]!;
  }
}

/** Documents per series above which a frequent fingerprint is a phrase the outlets keep using, not one story. */
export const MAX_COPIES_PER_SERIES = 2;

/**
 * Whether a fingerprint in `docs` documents of `series` series is a stock
 * phrase: it is in more than `maxDf` series, or in more than `maxDf`
 * documents at more than MAX_COPIES_PER_SERIES per series on average. A wire
 * story is printed about once per outlet; 高质量发展 turns up in an outlet's
 * articles day after day, so a corpus of few outlets still drops it, and no
 * fingerprint kept is in more than MAX_COPIES_PER_SERIES × maxDf documents
 * (the candidate count stays bounded). Without series, `series` = `docs`.
 */
export function isStock(docs: number, series: number, maxDf: number): boolean {
  return series > maxDf || (docs > maxDf && docs > MAX_COPIES_PER_SERIES * series);
}

/** True when `h` was dropped as a stock phrase (binary search in `common`). */
export function isCommon(index: FingerprintIndex, h: number): boolean {
  const c = index.common;
  let lo = 0;
  let hi = c.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  return lo < c.length && c[lo] === h;
}

export interface DocMeta {
  /** Series (outlet) number: documents with the same number are one series. */
  series: number;
  /** Days since the epoch, or NaN when the date is unknown. */
  day: number;
}

export interface CandidateOptions {
  /** Minimum number of distinct shared rare fingerprints. */
  minShared: number;
  withinSeries: boolean;
  /** Maximum distance in days between two dated documents; Infinity for none. */
  days: number;
}

export interface Candidates {
  /** Document numbers, `a[i] < b[i]`, sorted by (a, b). */
  a: Uint32Array;
  b: Uint32Array;
  /** Distinct rare fingerprints each pair shares. */
  shared: Uint32Array;
}

/** Pairs counted in one chunk of the candidate stage (8 bytes each): bounds its memory at 128 MB. */
export const PAIR_CHUNK = 1 << 24;

/**
 * The candidate pairs of the index (see the module comment). Co-occurring
 * pairs are counted in chunks of first documents: a first pass counts, per
 * document, the pairs it opens (Σ df·(df − 1)/2 over the shared hashes, before
 * the series and date filters); documents are then cut into ranges of at most
 * `chunk` pairs, and each range is enumerated, sorted and counted on its own,
 * so memory stays bounded however many pairs chance-shared fingerprints
 * spawn. Only hashes in two or more documents are scanned again.
 */
export function candidatePairs(index: FingerprintIndex, meta: readonly DocMeta[], opts: CandidateOptions, chunk = PAIR_CHUNK): Candidates {
  const { hash, doc } = index;
  const nDocs = Math.max(index.docs, meta.length);
  const series = new Int32Array(nDocs);
  const day = new Float64Array(nDocs);
  meta.forEach((m, d) => {
    series[d] = m.series;
    day[d] = m.day;
  });
  // Groups of two or more documents, and the pairs each document opens.
  let groups = new Uint32Array(1024);
  let ng = 0;
  const opens = new Float64Array(nDocs);
  for (let i = 0; i < hash.length; ) {
    let j = i + 1;
    while (j < hash.length && hash[j] === hash[i]) j++;
    if (j - i > 1) {
      if (ng + 2 > groups.length) {
        const grown = new Uint32Array(groups.length * 2);
        grown.set(groups);
        groups = grown;
      }
      groups[ng++] = i;
      groups[ng++] = j;
      for (let x = i; x < j - 1; x++) opens[doc[x]!]! += j - 1 - x;
    }
    i = j;
  }
  const a: number[] = [];
  const b: number[] = [];
  const shared: number[] = [];
  let pairs = new Float64Array(0);
  for (let lo = 0; lo < nDocs; ) {
    // The next range of first documents: at least one, at most `chunk` pairs unless one document opens more.
    let hi = lo;
    let want = 0;
    while (hi < nDocs && (hi === lo || want + opens[hi]! <= chunk)) want += opens[hi++]!;
    if (want === 0) {
      lo = hi;
      continue;
    }
    if (pairs.length < want) pairs = new Float64Array(want);
    let np = 0;
    for (let g = 0; g < ng; g += 2) {
      const i = groups[g]!;
      const j = groups[g + 1]!;
      if (doc[j - 2]! < lo || doc[i]! >= hi) continue;
      for (let x = i; x < j - 1; x++) {
        const dx = doc[x]!;
        if (dx < lo) continue;
        if (dx >= hi) break;
        const sx = series[dx]!;
        const tx = day[dx]!;
        for (let y = x + 1; y < j; y++) {
          const dy = doc[y]!;
          if (!opts.withinSeries && sx === series[dy]) continue;
          if (Math.abs(tx - day[dy]!) > opts.days) continue; // NaN compares false: unknown dates pass
          pairs[np++] = dx * DOC_SCALE + dy; // doc[] ascending within a group, so dx < dy
        }
      }
    }
    const sorted = pairs.subarray(0, np).sort();
    for (let i = 0; i < np; ) {
      let j = i + 1;
      while (j < np && sorted[j] === sorted[i]) j++;
      if (j - i >= opts.minShared) {
        const p = sorted[i]!;
        const da = Math.floor(p / DOC_SCALE);
        a.push(da);
        b.push(p - da * DOC_SCALE);
        shared.push(j - i);
      }
      i = j;
    }
    lo = hi;
  }
  return { a: Uint32Array.from(a), b: Uint32Array.from(b), shared: Uint32Array.from(shared) };
}
