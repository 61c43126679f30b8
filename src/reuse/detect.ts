/**
 * Reprint detection over a set of documents: match keys → winnowed n-gram
 * fingerprints (Schleimer et al. 2003) → inverted index with a
 * document-frequency cap → candidate pairs → alignment (passim's pipeline,
 * Smith et al. 2013). Pure and deterministic: the same docs in any order give
 * the same passages.
 *
 * Offsets: passages are reported in UTF-16 offsets into `Doc.text`, never into
 * a page. The key range of an aligned passage is mapped back through the match
 * key's map, then widened over adjacent punctuation (opening marks before,
 * closing and sentence-final marks after: `“…。”`), which the key drops. A
 * caller whose `Doc.text` was built from a page maps these offsets to page
 * offsets with `pageSpan` (the CLI does, at output time), so that stories and
 * explanations, which read `Doc.text`, share one offset space with passages.
 *
 * Orientation: in every passage `a` is the earlier document (by date, then by
 * id; undated documents count as latest), so `a` is the likelier source.
 */
import type { Doc, Passage } from './types.js';
import { matchKey, matchKeyText, keyToText } from './matchKey.js';
import type { MatchKey } from './matchKey.js';
import { ngramHashes } from './ngramHashes.js';
import { winnowHashes, winnowHashesInto, type Fingerprints } from './winnow.js';
import { PostingsBuilder, candidatePairs, isCommon, MAX_DOCS } from './fingerprintIndex.js';
import type { Candidates, DocMeta, FingerprintIndex } from './fingerprintIndex.js';
import { align } from './align.js';

export interface DetectOptions {
  /** Character n-gram size of fingerprints and alignment seeds. */
  ngram: number;
  /** Winnowing window (n-grams); any shared run of ngram + window − 1 key characters is found. */
  window: number;
  /**
   * Fingerprints in more than this many series (outlets), or in more than this
   * many documents at more than two per series, are stock phrases and dropped
   * (`isStock` in fingerprintIndex.ts).
   */
  maxDf: number;
  /** Smallest passage, in key characters on each side. */
  minLength: number;
  /** Largest gap (key characters) inside one passage; longer cuts or insertions split it. */
  gap: number;
  /** Largest distance in days between two dated documents; Infinity for no limit. */
  days: number;
  /** Also pair documents of the same series. */
  withinSeries: boolean;
  /** Distinct rare fingerprints a pair must share to be aligned. */
  minShared: number;
  /**
   * Called at each stage boundary (for benchmarks: memory and CPU snapshots):
   * `postings` (fingerprints of every document added), `index` (postings
   * sorted, stock phrases dropped), `candidates`, `aligned`, with counts.
   */
  trace?: (stage: string, counts: Record<string, number>) => void;
}

export const DEFAULT_DETECT_OPTIONS: Readonly<DetectOptions> = {
  ngram: 5,
  window: 10,
  maxDf: 100,
  minLength: 50,
  gap: 100,
  days: 7,
  withinSeries: false,
  minShared: 3,
};

export function detect(docs: readonly Doc[], options: Partial<DetectOptions> = {}): Passage[] {
  const opts: DetectOptions = { ...DEFAULT_DETECT_OPTIONS, ...options };
  if (docs.length > MAX_DOCS) throw new RangeError(`detect: at most ${MAX_DOCS} documents per call`);
  const seriesIds = new Map<string, number>();
  const meta: DocMeta[] = docs.map((d) => {
    let s = seriesIds.get(d.series);
    if (s === undefined) seriesIds.set(d.series, (s = seriesIds.size));
    return { series: s, day: dayNumber(d.date) };
  });
  const { cand, common: stock } = candidates(docs, meta, opts);
  opts.trace?.('candidates', { pairs: cand.a.length });
  const out = alignCandidates((d) => docs[d]!, cand.a, cand.b, stock, opts);
  opts.trace?.('aligned', { passages: out.length });
  return out.sort(comparePassages);
}

/**
 * The passages of candidate pairs `(a[i], b[i])` of documents `doc(d)`,
 * sorted by their first document (each first document's key, n-gram hashes
 * and fingerprints are computed once per run of pairs). `stock`: the
 * stock-phrase hashes, ascending, which never seed an alignment. The store's
 * incremental detection finds its candidates itself and aligns them here, so
 * that it reports the passages `detect` would.
 */
export function alignCandidates(
  doc: (d: number) => Doc,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  stock: Uint32Array,
  opts: Pick<DetectOptions, 'ngram' | 'window' | 'gap' | 'minLength'>,
): Passage[] {
  const stockOnly: FingerprintIndex = { docs: 0, hash: EMPTY, doc: EMPTY, common: stock };
  const common = stock.length > 0 ? (h: number) => isCommon(stockOnly, h) : undefined;
  const reach = 2 * opts.gap;
  const out: Passage[] = [];
  // Candidates come sorted by their first document: its key, n-gram hashes and fingerprints are
  // computed once per run of pairs; the second document's are computed per pair (with the offset
  // map, which a pair with passages needs), so no key is held beyond its pairs.
  let lastDoc = -1;
  let lastKey: MatchKey = { key: '', map: EMPTY };
  let lastGrams: Uint32Array = EMPTY;
  let lastPrints = new Map<number, number[]>();
  let gyScratch = new Uint32Array(4096);
  for (let c = 0; c < a.length; c++) {
    let x = a[c]!;
    let y = b[c]!;
    if (x !== lastDoc) {
      lastKey = matchKey(doc((lastDoc = x)).text);
      lastGrams = ngramHashes(lastKey.key, opts.ngram);
      lastPrints = printMap(winnowHashes(lastGrams, opts.window));
    }
    let kx = lastKey;
    let ky = matchKey(doc(y).text);
    let gx = lastGrams;
    if (ky.key.length > gyScratch.length) gyScratch = new Uint32Array(ky.key.length * 2);
    let gy = ngramHashes(ky.key, opts.ngram, gyScratch); // a view of the scratch, used within this pair only
    let [sx, sy] = seedRanges(lastPrints, winnowHashes(gy, opts.window), gx.length, gy.length, opts.ngram, reach, common);
    if (earlier(doc(y), doc(x))) [x, y, kx, ky, gx, gy, sx, sy] = [y, x, ky, kx, gy, gx, sy, sx];
    const found = align(kx.key, ky.key, {
      ngram: opts.ngram,
      gap: opts.gap,
      minLength: opts.minLength,
      isCommon: common,
      aHashes: gx,
      bHashes: gy,
      aSeeds: sx,
      bSeeds: sy,
    });
    if (found.length === 0) continue;
    const dx = doc(x);
    const dy = doc(y);
    for (const p of found) {
      out.push({
        a: { id: dx.id, ...widen(dx.text, keyToText(kx, dx.text, p.aStart, p.aEnd)) },
        b: { id: dy.id, ...widen(dy.text, keyToText(ky, dy.text, p.bStart, p.bEnd)) },
        chars: p.chars,
        identity: p.chars > 0 ? p.matches / p.chars : 0,
      });
    }
  }
  return out;
}

const EMPTY = new Uint32Array(0);

/**
 * Streaming fingerprints: one document's key and n-gram hashes at a time, only
 * its (hash, document) postings kept; then the candidate pairs. The postings
 * are dropped on return: alignment needs only the stock-phrase hashes.
 */
function candidates(docs: readonly Doc[], meta: readonly DocMeta[], opts: DetectOptions): { cand: Candidates; common: Uint32Array } {
  // About 2/(window + 1) fingerprints per key character, keys no longer than texts.
  let chars = 0;
  for (const d of docs) chars += d.text.length;
  const builder = new PostingsBuilder(Math.ceil((chars * 2) / (opts.window + 1)) + 1024);
  const prints = fingerprinter(opts);
  for (let d = 0; d < docs.length; d++) builder.add(d, prints(docs[d]!.text));
  opts.trace?.('postings', { postings: builder.total });
  const index = builder.finish(
    docs.length,
    opts.maxDf,
    meta.map((m) => m.series),
    true,
  );
  opts.trace?.('index', { postings: index.hash.length, stock: index.common.length });
  const cand = candidatePairs(index, meta, { minShared: opts.minShared, withinSeries: opts.withinSeries, days: opts.days });
  return { cand, common: index.common };
}

/**
 * The winnowed n-gram fingerprints of a text's match key, as `detect` indexes
 * them (repeats included), into buffers reused from call to call: the array
 * returned is valid until the next call.
 */
export function fingerprinter(opts: Pick<DetectOptions, 'ngram' | 'window'>): (text: string) => Uint32Array {
  let grams = new Uint32Array(4096);
  let prints = new Uint32Array(4096);
  return (text) => {
    const key = matchKeyText(text);
    if (key.length > grams.length) {
      grams = new Uint32Array(key.length * 2);
      prints = new Uint32Array(key.length * 2);
    }
    const n = winnowHashesInto(ngramHashes(key, opts.ngram, grams), opts.window, prints);
    return prints.subarray(0, n);
  };
}

/** A document's fingerprints: hash → positions. */
function printMap(f: Fingerprints): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (let i = 0; i < f.hash.length; i++) {
    const list = m.get(f.hash[i]!);
    if (list) list.push(f.pos[i]!);
    else m.set(f.hash[i]!, [f.pos[i]!]);
  }
  return m;
}

/**
 * Where `align` may seed for one pair: the n-gram positions within `reach` of
 * a rare fingerprint the two documents share, on each side. A pair that
 * shares a few fingerprints by chance is probed around them only, not over
 * both whole texts; a side whose neighbourhoods cover most of it is left
 * whole (undefined). Runs found there still widen and extend without limit.
 */
function seedRanges(
  x: Map<number, number[]>,
  y: Fingerprints,
  xGrams: number,
  yGrams: number,
  ngram: number,
  reach: number,
  common: ((h: number) => boolean) | undefined,
): [Int32Array | undefined, Int32Array | undefined] {
  const xs: number[] = [];
  const ys: number[] = [];
  const taken = new Set<number>();
  for (let j = 0; j < y.hash.length; j++) {
    const h = y.hash[j]!;
    const at = x.get(h);
    if (!at || (common && common(h))) continue;
    ys.push(y.pos[j]!);
    if (!taken.has(h)) {
      taken.add(h);
      for (const p of at) xs.push(p);
    }
  }
  return [around(xs, xGrams, ngram, reach), around(ys, yGrams, ngram, reach)];
}

/** Merged `[p − reach, p + ngram + reach)` ranges, clipped to [0, grams); undefined when they cover ¾ of it. */
function around(ps: number[], grams: number, ngram: number, reach: number): Int32Array | undefined {
  ps.sort((p, q) => p - q);
  const out: number[] = [];
  let covered = 0;
  for (const p of ps) {
    const s = Math.max(0, p - reach);
    const e = Math.min(grams, p + ngram + reach);
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) {
      covered += Math.max(0, e - out[last]!);
      out[last] = Math.max(out[last]!, e);
    } else {
      out.push(s, e);
      covered += e - s;
    }
  }
  return covered * 4 >= grams * 3 ? undefined : Int32Array.from(out);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (a longer ISO string is cut to its date), NaN when absent or malformed. */
export function dayNumber(date: string | null | undefined): number {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000;
}

function earlier(x: Doc, y: Doc): boolean {
  const dx = dayNumber(x.date);
  const dy = dayNumber(y.date);
  if (dx !== dy && !(Number.isNaN(dx) && Number.isNaN(dy))) {
    if (Number.isNaN(dx)) return false;
    if (Number.isNaN(dy)) return true;
    return dx < dy;
  }
  return x.id < y.id;
}

const OPENING = new Set([...'“‘「『《〈（(【〔［[']);
const CLOSING = new Set([...'”’」』》〉）)】〕］]。！？!?…；;：:，,、.']);

/** Widens a text range over the punctuation right before (opening marks) and after (closing marks) it. */
export function widen(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = span;
  while (start > 0 && OPENING.has(text[start - 1]!)) start--;
  while (end < text.length && CLOSING.has(text[end]!)) end++;
  return { start, end };
}

export function comparePassages(x: Passage, y: Passage): number {
  return (
    cmp(x.a.id, y.a.id) || cmp(x.b.id, y.b.id) || x.a.start - y.a.start || x.b.start - y.b.start || x.a.end - y.a.end || x.b.end - y.b.end
  );
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
