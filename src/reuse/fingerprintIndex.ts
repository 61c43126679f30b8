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
 * Memory-lean and sort-based: the postings are radix-sorted by hash (stable,
 * so documents stay ascending within a hash) and grouped; co-occurring pairs
 * are packed into one float64 (a · 2^21 + b) and counted by sorting. Cost is
 * O(P) in postings plus O(Σ min(df, 2·maxDf)²) pairs, never all pairs of
 * documents. Limit: 2^21 (2,097,152) documents per index.
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
 * (editions, pages); see `isStock` for the rule.
 */
export function fingerprintIndex(perDoc: readonly Uint32Array[], maxDf: number, seriesOf?: ArrayLike<number>): FingerprintIndex {
  if (perDoc.length > MAX_DOCS) throw new RangeError(`fingerprintIndex: at most ${MAX_DOCS} documents per index`);
  let total = 0;
  for (const h of perDoc) total += h.length;
  // Postings in document order, then a stable LSD radix sort on the hash (three passes of 11 bits,
  // few enough buckets to stay in cache): within a hash, documents stay ascending.
  let hash = new Uint32Array(total);
  let doc = new Uint32Array(total);
  let k = 0;
  perDoc.forEach((hashes, d) => {
    hash.set(hashes, k);
    doc.fill(d, k, k + hashes.length);
    k += hashes.length;
  });
  let hash2 = new Uint32Array(total);
  let doc2 = new Uint32Array(total);
  const count = new Uint32Array(RADIX);
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    radixPass(hash, doc, hash2, doc2, shift, count);
    const h = hash;
    hash = hash2;
    hash2 = h;
    const d = doc;
    doc = doc2;
    doc2 = d;
  }
  // Drop repeated (hash, doc) postings and the groups above the cap.
  const common: number[] = [];
  const seen = new Set<number>();
  let m = 0;
  for (let i = 0; i < total; ) {
    let j = i + 1;
    while (j < total && hash[j] === hash[i]) j++;
    const start = m;
    for (let t = i; t < j; t++) {
      if (t > i && doc[t] === doc[t - 1]) continue;
      hash[m] = hash[t]!;
      doc[m++] = doc[t]!;
    }
    const docs = m - start;
    let series = docs;
    if (seriesOf && docs > maxDf) {
      seen.clear();
      for (let t = start; t < m; t++) seen.add(seriesOf[doc[t]!]!);
      series = seen.size;
    }
    if (isStock(docs, series, maxDf)) {
      common.push(hash[start]!);
      m = start;
    }
    i = j;
  }
  return { docs: perDoc.length, hash: hash.slice(0, m), doc: doc.slice(0, m), common: Uint32Array.from(common) };
}

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;

/** One counting-sort pass of postings on bits [shift, shift + RADIX_BITS) of the hash, stable. */
function radixPass(hash: Uint32Array, doc: Uint32Array, hashOut: Uint32Array, docOut: Uint32Array, shift: number, count: Uint32Array): void {
  const n = hash.length;
  const mask = RADIX - 1;
  count.fill(0);
  for (let i = 0; i < n; i++) count[(hash[i]! >>> shift) & mask]!++;
  let sum = 0;
  for (let b = 0; b < RADIX; b++) {
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

/** The candidate pairs of the index (see the module comment). */
export function candidatePairs(index: FingerprintIndex, meta: readonly DocMeta[], opts: CandidateOptions): Candidates {
  const { hash, doc } = index;
  let pairs = new Float64Array(1024);
  let np = 0;
  for (let i = 0; i < hash.length; ) {
    let j = i + 1;
    while (j < hash.length && hash[j] === hash[i]) j++;
    for (let x = i; x < j; x++) {
      const dx = doc[x]!;
      const mx = meta[dx]!;
      for (let y = x + 1; y < j; y++) {
        const dy = doc[y]!;
        const my = meta[dy]!;
        if (!opts.withinSeries && mx.series === my.series) continue;
        if (Math.abs(mx.day - my.day) > opts.days) continue; // NaN compares false: unknown dates pass
        if (np === pairs.length) {
          const grown = new Float64Array(pairs.length * 2);
          grown.set(pairs);
          pairs = grown;
        }
        pairs[np++] = dx * DOC_SCALE + dy; // doc[] ascending within a group, so dx < dy
      }
    }
    i = j;
  }
  const sorted = pairs.subarray(0, np).sort();
  const a: number[] = [];
  const b: number[] = [];
  const shared: number[] = [];
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
  return { a: Uint32Array.from(a), b: Uint32Array.from(b), shared: Uint32Array.from(shared) };
}
