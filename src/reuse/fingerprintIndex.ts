/**
 * The inverted index of fingerprints and the candidate pairs it yields, after
 * passim (Smith, Cordell & Mullen, "Infectious Texts", 2013; and
 * "Computational methods for uncovering reprinted texts", 2015): n-gram
 * postings, a document-frequency cap, then only pairs sharing enough rare
 * n-grams go on to alignment.
 *
 * - A hash posted by more than `maxDf` documents is a stock phrase
 *   (习近平新时代中国特色社会主义思想, 高质量发展, 坚持以…为指导) or boiler
 *   plate: it is dropped and listed in `common`, so it never links two
 *   documents by itself (and `align` does not anchor on it either).
 * - Candidates are pairs of documents sharing at least `minShared` distinct
 *   rare hashes, from different series unless `withinSeries`, and, when both
 *   dates are known, at most `days` days apart.
 *
 * Memory-lean and sort-based: each posting is packed into one float64
 * (hash · 2^21 + doc), the postings are sorted once and grouped by hash;
 * co-occurring pairs are packed the same way (a · 2^21 + b) and counted by
 * sorting. Cost is O(P log P) in postings plus O(Σ min(df, maxDf)²) pairs,
 * never all pairs of documents. Limit: 2^21 (2,097,152) documents per index.
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

/** Builds the index from each document's fingerprint hashes (any order, repeats allowed). */
export function fingerprintIndex(perDoc: readonly Uint32Array[], maxDf: number): FingerprintIndex {
  if (perDoc.length > MAX_DOCS) throw new RangeError(`fingerprintIndex: at most ${MAX_DOCS} documents per index`);
  let total = 0;
  for (const h of perDoc) total += h.length;
  const packed = new Float64Array(total);
  let k = 0;
  perDoc.forEach((hashes, d) => {
    for (let i = 0; i < hashes.length; i++) packed[k++] = hashes[i]! * DOC_SCALE + d;
  });
  packed.sort();
  const hash = new Uint32Array(total);
  const doc = new Uint32Array(total);
  const common: number[] = [];
  let n = 0;
  let prev = -1;
  for (let i = 0; i < total; i++) {
    const p = packed[i]!;
    if (p === prev) continue;
    prev = p;
    const h = Math.floor(p / DOC_SCALE);
    hash[n] = h;
    doc[n++] = p - h * DOC_SCALE;
  }
  // Drop the groups above the cap.
  let m = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && hash[j] === hash[i]) j++;
    if (j - i > maxDf) common.push(hash[i]!);
    else for (let t = i; t < j; t++, m++) (hash[m] = hash[t]!), (doc[m] = doc[t]!);
    i = j;
  }
  return { docs: perDoc.length, hash: hash.slice(0, m), doc: doc.slice(0, m), common: Uint32Array.from(common) };
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
