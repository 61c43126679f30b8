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
import { matchKey, keyToText } from './matchKey.js';
import type { MatchKey } from './matchKey.js';
import { ngramHashes } from './ngramHashes.js';
import { winnowHashes } from './winnow.js';
import { fingerprintIndex, candidatePairs, isCommon } from './fingerprintIndex.js';
import type { DocMeta } from './fingerprintIndex.js';
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
  const keys: MatchKey[] = docs.map((d) => matchKey(d.text));
  const prints = keys.map((k) => winnowHashes(ngramHashes(k.key, opts.ngram), opts.window));
  const perDoc = prints.map((f) => f.hash);
  const seriesIds = new Map<string, number>();
  const meta: DocMeta[] = docs.map((d) => {
    let s = seriesIds.get(d.series);
    if (s === undefined) seriesIds.set(d.series, (s = seriesIds.size));
    return { series: s, day: dayNumber(d.date) };
  });
  const index = fingerprintIndex(
    perDoc,
    opts.maxDf,
    meta.map((m) => m.series),
  );
  const cand = candidatePairs(index, meta, { minShared: opts.minShared, withinSeries: opts.withinSeries, days: opts.days });
  const common = index.common.length > 0 ? (h: number) => isCommon(index, h) : undefined;
  const sorted: Array<SortedPrints | undefined> = [];
  const sortedOf = (d: number): SortedPrints => (sorted[d] ??= sortPrints(prints[d]!.hash, prints[d]!.pos));
  const reach = 2 * opts.gap;
  const out: Passage[] = [];
  // Candidates come sorted by their first document: its n-gram hashes are computed once per run of pairs.
  let lastDoc = -1;
  let lastGrams: Uint32Array = new Uint32Array(0);
  for (let c = 0; c < cand.a.length; c++) {
    let x = cand.a[c]!;
    let y = cand.b[c]!;
    if (x !== lastDoc) lastGrams = ngramHashes(keys[(lastDoc = x)]!.key, opts.ngram);
    let gx = lastGrams;
    let gy = ngramHashes(keys[y]!.key, opts.ngram);
    if (earlier(docs[y]!, docs[x]!)) [x, y, gx, gy] = [y, x, gy, gx];
    const [sx, sy] = seedRanges(sortedOf(x), sortedOf(y), gx.length, gy.length, opts.ngram, reach, common);
    const dx = docs[x]!;
    const dy = docs[y]!;
    const kx = keys[x]!;
    const ky = keys[y]!;
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
    for (const p of found) {
      out.push({
        a: { id: dx.id, ...widen(dx.text, keyToText(kx, dx.text, p.aStart, p.aEnd)) },
        b: { id: dy.id, ...widen(dy.text, keyToText(ky, dy.text, p.bStart, p.bEnd)) },
        chars: p.chars,
        identity: p.chars > 0 ? p.matches / p.chars : 0,
      });
    }
  }
  return out.sort(comparePassages);
}

interface SortedPrints {
  hash: Uint32Array;
  pos: Int32Array;
}

/** A document's fingerprints ordered by hash (then position). */
function sortPrints(hash: Uint32Array, pos: Uint32Array): SortedPrints {
  const order = Array.from(hash.keys()).sort((i, j) => hash[i]! - hash[j]! || pos[i]! - pos[j]!);
  return { hash: Uint32Array.from(order, (i) => hash[i]!), pos: Int32Array.from(order, (i) => pos[i]!) };
}

/**
 * Where `align` may seed for one pair: the n-gram positions within `reach` of
 * a rare fingerprint the two documents share, on each side. A pair that
 * shares a few fingerprints by chance is probed around them only, not over
 * both whole texts; a side whose neighbourhoods cover most of it is left
 * whole (undefined). Runs found there still widen and extend without limit.
 */
function seedRanges(
  x: SortedPrints,
  y: SortedPrints,
  xGrams: number,
  yGrams: number,
  ngram: number,
  reach: number,
  common: ((h: number) => boolean) | undefined,
): [Int32Array | undefined, Int32Array | undefined] {
  const xs: number[] = [];
  const ys: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.hash.length && j < y.hash.length) {
    const hx = x.hash[i]!;
    const hy = y.hash[j]!;
    if (hx < hy) i++;
    else if (hy < hx) j++;
    else {
      let i2 = i;
      let j2 = j;
      while (i2 < x.hash.length && x.hash[i2] === hx) i2++;
      while (j2 < y.hash.length && y.hash[j2] === hx) j2++;
      if (!common || !common(hx)) {
        for (let k = i; k < i2; k++) xs.push(x.pos[k]!);
        for (let k = j; k < j2; k++) ys.push(y.pos[k]!);
      }
      i = i2;
      j = j2;
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
function widen(text: string, span: { start: number; end: number }): { start: number; end: number } {
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
