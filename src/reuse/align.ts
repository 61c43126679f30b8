/**
 * Local alignment of two match keys, seed-and-extend as in BLAST and passim
 * (Smith et al. 2013, who align with Smith-Waterman between n-gram anchors):
 *
 * 1. Seeds: every n-gram the keys share (by hash, checked character by
 *    character), except n-grams the index marked common and n-grams repeated
 *    more than `MAX_REPEAT` times in `a`. Seeds on one diagonal merge into
 *    runs, each widened to a maximal exact match.
 * 2. Chains: runs in order on both sides, linked when the gap between them is
 *    at most `gap` key characters on each side and the link costs less than
 *    the chain has earned (a gap costs its larger side). The best chain is
 *    taken first, then the best of the runs left, so reordered paragraphs come
 *    out as separate chains.
 * 3. Alignment: the gaps inside a chain are aligned globally (edit distance,
 *    Needleman-Wunsch, at most `gap`² cells); each chain end is extended by a
 *    small Smith-Waterman-style DP (`EXTEND` characters) while that gains
 *    score, so boundaries are exact to the character.
 * 4. Passages: the aligned columns are cut where the running score falls
 *    `XDROP` below its best (match +1, mismatch −1, an insertion or deletion
 *    −1 for each of its first `INDEL_CAP` columns: a cut or added sentence is
 *    an edit, a stretch of unrelated text is a boundary), and pieces with
 *    fewer than `minLength` key characters on either side are dropped.
 *    A pair that shares only stock phrases therefore yields nothing.
 *
 * Everything is in key offsets; `detect` maps them back to text.
 */
import { ngramHashes } from './ngramHashes.js';

export interface AlignOptions {
  /** Seed n-gram size (the index's n-gram size). */
  ngram: number;
  /** Largest gap (key characters, on either side) inside one passage. */
  gap: number;
  /** Smallest passage, in key characters on each side. */
  minLength: number;
  /** N-gram hashes that must not anchor an alignment (stock phrases). */
  isCommon?: (hash: number) => boolean;
  /** `ngramHashes(a, ngram)` and `ngramHashes(b, ngram)`, when the caller has them already. */
  aHashes?: Uint32Array;
  bHashes?: Uint32Array;
  /**
   * Where seeds may start, as ascending, disjoint `[start, end)` pairs of
   * n-gram positions, flat (`detect` passes the neighbourhoods of the
   * fingerprints a pair shares). Runs still widen, and chains still extend,
   * beyond them. Absent: everywhere.
   */
  aSeeds?: Int32Array;
  bSeeds?: Int32Array;
}

/** One aligned passage in key offsets. */
export interface KeyPassage {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
  /** Alignment columns (matches + mismatches + inserted + deleted). */
  chars: number;
  matches: number;
}

const MAX_REPEAT = 8;
const EXTEND = 32;
const XDROP = 15;
const INDEL_CAP = 4;

interface Run {
  a: number;
  b: number;
  len: number;
}

/** Aligns keys `a` and `b`: every passage they share, ordered by `aStart`, then `bStart`. */
export function align(a: string, b: string, opts: AlignOptions): KeyPassage[] {
  const runs = findRuns(a, b, opts);
  if (runs.length === 0) return [];
  const chains = chainRuns(runs, opts.gap);
  const out: Piece[] = [];
  for (const chain of chains) {
    let total = 0;
    for (const r of chain) total += r.len;
    if (total < opts.minLength / 2) continue;
    const ops = alignChain(a, b, chain);
    for (const p of cut(ops, opts.minLength)) out.push(p);
  }
  return trimOverlaps(dedupe(out), opts.minLength).map(({ aStart, aEnd, bStart, bEnd, chars, matches }) => ({ aStart, aEnd, bStart, bEnd, chars, matches }));
}

/** A passage with the alignment columns it was cut from: `ops[from, to)`. */
interface Piece extends KeyPassage {
  ops: number[];
  from: number;
  to: number;
}

/** Maximal exact matches grown from shared rare n-grams. */
function findRuns(a: string, b: string, opts: AlignOptions): Run[] {
  const n = opts.ngram;
  const ha = opts.aHashes ?? ngramHashes(a, n);
  const hb = opts.bHashes ?? ngramHashes(b, n);
  if (ha.length === 0 || hb.length === 0) return [];
  const aSeeds = opts.aSeeds ?? Int32Array.of(0, ha.length);
  const bSeeds = opts.bSeeds ?? Int32Array.of(0, hb.length);
  let inA = 0;
  for (let r = 0; r < aSeeds.length; r += 2) inA += Math.min(aSeeds[r + 1]!, ha.length) - aSeeds[r]!;
  // Hash table of a's n-grams: open addressing over a power of two, chained positions.
  let size = 1;
  while (size < inA * 2) size <<= 1;
  const buf = scratch(size, ha.length, a.length + b.length + 1);
  const { slotHash, slotHead, slotCount, next, filter, covered } = buf;
  slotHead.fill(-1, 0, size);
  slotCount.fill(0, 0, size);
  filter.fill(0);
  covered.fill(0, 0, a.length + b.length + 1);
  const mask = size - 1;
  // A 2^16-bit filter on the hashes' high halves (8 KiB, stays in L1) skips most probes for n-grams a lacks.
  // Inserted from the last position down, so that each chain runs in ascending order.
  for (let r = aSeeds.length - 2; r >= 0; r -= 2) {
    for (let i = Math.min(aSeeds[r + 1]!, ha.length) - 1; i >= aSeeds[r]!; i--) {
      const h = ha[i]!;
      filter[h >>> 21]! |= 1 << ((h >>> 16) & 31);
      let s = h & mask;
      while (slotHead[s] !== -1 && slotHash[s] !== h) s = (s + 1) & mask;
      slotHash[s] = h;
      next[i] = slotHead[s]!;
      slotHead[s] = i;
      if (slotCount[s]! < 0xffff) slotCount[s]!++;
    }
  }
  const common = opts.isCommon;
  const runs: Run[] = [];
  // Per diagonal (i - j, offset by b.length): the b position where the last run on it ends.
  // A seed inside a run is skipped, so each run is widened once: O(shared length) in all.
  for (let r = 0; r < bSeeds.length; r += 2) {
    const jEnd = Math.min(bSeeds[r + 1]!, hb.length);
    for (let j = bSeeds[r]!; j < jEnd; j++) {
      const h = hb[j]!;
      if ((filter[h >>> 21]! & (1 << ((h >>> 16) & 31))) === 0) continue;
      let s = h & mask;
      while (slotHead[s] !== -1 && slotHash[s] !== h) s = (s + 1) & mask;
      if (slotHead[s] === -1 || slotCount[s]! > MAX_REPEAT) continue;
      if (common && common(h)) continue;
      for (let i = slotHead[s]!; i !== -1; i = next[i]!) {
        const d = i - j + b.length;
        if (covered[d]! > j) continue;
        if (!sameText(a, i, b, j, n)) continue;
        let back = 0;
        while (i - back - 1 >= 0 && j - back - 1 >= 0 && a.charCodeAt(i - back - 1) === b.charCodeAt(j - back - 1)) back++;
        let fwd = n;
        while (i + fwd < a.length && j + fwd < b.length && a.charCodeAt(i + fwd) === b.charCodeAt(j + fwd)) fwd++;
        covered[d] = j + fwd;
        runs.push({ a: i - back, b: j - back, len: back + fwd });
      }
    }
  }
  runs.sort((x, y) => x.a - y.a || x.b - y.b);
  return runs;
}

interface Scratch {
  slotHash: Uint32Array;
  slotHead: Int32Array;
  slotCount: Uint16Array;
  next: Int32Array;
  filter: Int32Array;
  covered: Int32Array;
}

let buffers: Scratch | null = null;

/**
 * findRuns' tables, kept between calls and grown as needed: `detect` aligns
 * thousands of pairs, and allocating (and collecting) them per pair cost more
 * than the probing. Callers reset the parts they use.
 */
function scratch(slots: number, positions: number, diagonals: number): Scratch {
  let s = buffers;
  if (!s || s.slotHash.length < slots || s.next.length < positions || s.covered.length < diagonals) {
    const grow = (have: number, want: number) => Math.max(have, want, 1024);
    const slotsN = grow(s?.slotHash.length ?? 0, slots);
    s = buffers = {
      slotHash: new Uint32Array(slotsN),
      slotHead: new Int32Array(slotsN),
      slotCount: new Uint16Array(slotsN),
      next: new Int32Array(grow(s?.next.length ?? 0, positions)),
      filter: new Int32Array(2048),
      covered: new Int32Array(grow(s?.covered.length ?? 0, diagonals)),
    };
  }
  return s;
}

function sameText(a: string, i: number, b: string, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

/** Colinear chains of runs, best first; each run in at most one chain. */
function chainRuns(runs: Run[], gap: number): Run[][] {
  const R = runs.length;
  const best = new Float64Array(R);
  const pred = new Int32Array(R).fill(-1);
  const LOOKBACK = 256;
  for (let r = 0; r < R; r++) {
    const cur = runs[r]!;
    let bestScore = cur.len;
    let bestPred = -1;
    for (let p = r - 1; p >= 0 && p >= r - LOOKBACK; p--) {
      const prev = runs[p]!;
      const ga = cur.a - (prev.a + prev.len);
      const gb = cur.b - (prev.b + prev.len);
      if (ga > gap || gb > gap) continue;
      // Overlap is allowed up to the shorter run (an indel near a run end); the overlap is trimmed later.
      const ov = Math.max(0, -ga, -gb);
      if (ov >= cur.len || cur.b <= prev.b || cur.a <= prev.a) continue;
      const cost = Math.max(ga, gb, 0);
      const score = best[p]! - cost + cur.len - ov;
      if (score > bestScore) {
        bestScore = score;
        bestPred = p;
      }
    }
    best[r] = bestScore;
    pred[r] = bestPred;
  }
  const order = Array.from({ length: R }, (_, i) => i).sort((x, y) => best[y]! - best[x]! || x - y);
  const used = new Uint8Array(R);
  const chains: Run[][] = [];
  for (const end of order) {
    if (used[end]) continue;
    const chain: Run[] = [];
    for (let r = end; r !== -1 && !used[r]; r = pred[r]!) {
      used[r] = 1;
      chain.push(runs[r]!);
    }
    chain.reverse();
    chains.push(chain);
  }
  return chains;
}

/** Alignment ops: 0 match, 1 mismatch, 2 a-only (deleted in b), 3 b-only (inserted in b). */
export const M = 0;
export const X = 1;
export const DEL = 2;
export const INS = 3;

/**
 * The global alignment (unit-cost edit distance) of two whole keys as ops
 * (M, X, DEL, INS): for showing a passage's differences. Quadratic: meant for
 * one passage at a time, not for search.
 */
export function editScript(a: string, b: string): number[] {
  return editOps(a, 0, a.length, b, 0, b.length);
}

interface Ops {
  aStart: number;
  bStart: number;
  ops: number[];
}

function alignChain(a: string, b: string, chain: Run[]): Ops {
  const first = chain[0]!;
  const pre = extend(a, b, first.a, first.b, -1);
  const ops: number[] = pre.ops;
  let pa = first.a;
  let pb = first.b;
  for (const r of chain) {
    // Trim any overlap with what is already aligned.
    const ov = Math.max(0, pa - r.a, pb - r.b);
    const ra = r.a + ov;
    const rb = r.b + ov;
    const len = r.len - ov;
    if (ra > pa || rb > pb) for (const op of editOps(a, pa, ra, b, pb, rb)) ops.push(op);
    for (let k = 0; k < len; k++) ops.push(M);
    pa = ra + len;
    pb = rb + len;
  }
  const post = extend(a, b, pa, pb, 1);
  for (const op of post.ops) ops.push(op);
  return { aStart: first.a - pre.da, bStart: first.b - pre.db, ops };
}

/** Global alignment (unit edit distance) of a[a0, a1) against b[b0, b1). */
function editOps(a: string, a0: number, a1: number, b: string, b0: number, b1: number): number[] {
  const la = a1 - a0;
  const lb = b1 - b0;
  if (la === 0) return new Array<number>(lb).fill(INS);
  if (lb === 0) return new Array<number>(la).fill(DEL);
  const w = lb + 1;
  const d = new Uint32Array((la + 1) * w);
  for (let j = 0; j <= lb; j++) d[j] = j;
  for (let i = 1; i <= la; i++) {
    d[i * w] = i;
    const ca = a.charCodeAt(a0 + i - 1);
    for (let j = 1; j <= lb; j++) {
      const sub = d[(i - 1) * w + j - 1]! + (ca === b.charCodeAt(b0 + j - 1) ? 0 : 1);
      const del = d[(i - 1) * w + j]! + 1;
      const ins = d[i * w + j - 1]! + 1;
      d[i * w + j] = Math.min(sub, del, ins);
    }
  }
  const rev: number[] = [];
  let i = la;
  let j = lb;
  while (i > 0 || j > 0) {
    const here = d[i * w + j]!;
    if (i > 0 && j > 0) {
      const same = a.charCodeAt(a0 + i - 1) === b.charCodeAt(b0 + j - 1);
      if (here === d[(i - 1) * w + j - 1]! + (same ? 0 : 1)) {
        rev.push(same ? M : X);
        i--;
        j--;
        continue;
      }
    }
    if (i > 0 && here === d[(i - 1) * w + j]! + 1) {
      rev.push(DEL);
      i--;
    } else {
      rev.push(INS);
      j--;
    }
  }
  return rev.reverse();
}

/**
 * Best-scoring extension from (ai, bi) forwards (dir 1) or backwards (dir −1)
 * over at most EXTEND characters: match +1, mismatch or indel −1; empty unless
 * it gains score. Returns the ops in forward order and the characters consumed.
 */
function extend(a: string, b: string, ai: number, bi: number, dir: 1 | -1): { ops: number[]; da: number; db: number } {
  const la = Math.min(EXTEND, dir > 0 ? a.length - ai : ai);
  const lb = Math.min(EXTEND, dir > 0 ? b.length - bi : bi);
  if (la === 0 || lb === 0) return { ops: [], da: 0, db: 0 };
  const at = (i: number): number => (dir > 0 ? a.charCodeAt(ai + i) : a.charCodeAt(ai - 1 - i));
  const bt = (j: number): number => (dir > 0 ? b.charCodeAt(bi + j) : b.charCodeAt(bi - 1 - j));
  const w = lb + 1;
  const s = new Int32Array((la + 1) * w);
  for (let j = 0; j <= lb; j++) s[j] = -j;
  let best = 0;
  let bestI = 0;
  let bestJ = 0;
  for (let i = 1; i <= la; i++) {
    s[i * w] = -i;
    const ca = at(i - 1);
    for (let j = 1; j <= lb; j++) {
      const v = Math.max(s[(i - 1) * w + j - 1]! + (ca === bt(j - 1) ? 1 : -1), s[(i - 1) * w + j]! - 1, s[i * w + j - 1]! - 1);
      s[i * w + j] = v;
      if (v > best) {
        best = v;
        bestI = i;
        bestJ = j;
      }
    }
  }
  const rev: number[] = [];
  let i = bestI;
  let j = bestJ;
  while (i > 0 || j > 0) {
    const here = s[i * w + j]!;
    if (i > 0 && j > 0) {
      const same = at(i - 1) === bt(j - 1);
      if (here === s[(i - 1) * w + j - 1]! + (same ? 1 : -1)) {
        rev.push(same ? M : X);
        i--;
        j--;
        continue;
      }
    }
    if (i > 0 && here === s[(i - 1) * w + j]! - 1) {
      rev.push(DEL);
      i--;
    } else {
      rev.push(INS);
      j--;
    }
  }
  // rev runs from the far end back to the seed: forwards that is reversed, backwards it is already in text order.
  const ops = dir > 0 ? rev.reverse() : rev;
  return { ops, da: bestI, db: bestJ };
}

/** Splits aligned columns into passages by X-drop (see the module comment). */
function cut(al: Ops, minLength: number): Piece[] {
  const { ops } = al;
  const out: Piece[] = [];
  // Positions before each column.
  const n = ops.length;
  const pa = new Int32Array(n + 1);
  const pb = new Int32Array(n + 1);
  pa[0] = al.aStart;
  pb[0] = al.bStart;
  for (let k = 0; k < n; k++) {
    const op = ops[k]!;
    pa[k + 1] = pa[k]! + (op === INS ? 0 : 1);
    pb[k + 1] = pb[k]! + (op === DEL ? 0 : 1);
  }
  let k = 0;
  while (k < n) {
    while (k < n && ops[k] !== M) k++;
    if (k >= n) break;
    const start = k;
    let score = 0;
    let best = 0;
    let bestEnd = k;
    let indelRun = 0;
    let prev = M;
    for (; k < n; k++) {
      const op = ops[k]!;
      if (op === M) score += 1;
      else if (op === X) score -= 1;
      else {
        indelRun = op === prev ? indelRun + 1 : 1;
        if (indelRun <= INDEL_CAP) score -= 1;
      }
      prev = op;
      if (score > best) {
        best = score;
        bestEnd = k;
      } else if (score < best - XDROP) break;
    }
    let matches = 0;
    for (let t = start; t <= bestEnd; t++) if (ops[t] === M) matches++;
    const p: Piece = {
      ops,
      from: start,
      to: bestEnd + 1,
      aStart: pa[start]!,
      aEnd: pa[bestEnd + 1]!,
      bStart: pb[start]!,
      bEnd: pb[bestEnd + 1]!,
      chars: bestEnd + 1 - start,
      matches,
    };
    if (p.aEnd - p.aStart >= minLength && p.bEnd - p.bStart >= minLength) out.push(p);
    k = bestEnd + 1;
  }
  return out;
}

/** Drops passages mostly (over half on both sides) inside a larger one; orders the rest. */
function dedupe(ps: Piece[]): Piece[] {
  const bySize = [...ps].sort((x, y) => y.chars - x.chars || x.aStart - y.aStart || x.bStart - y.bStart);
  const kept: Piece[] = [];
  for (const p of bySize) {
    const inside = kept.some(
      (q) =>
        overlap(p.aStart, p.aEnd, q.aStart, q.aEnd) * 2 > p.aEnd - p.aStart &&
        overlap(p.bStart, p.bEnd, q.bStart, q.bEnd) * 2 > p.bEnd - p.bStart,
    );
    if (!inside) kept.push(p);
  }
  return kept.sort((x, y) => x.aStart - y.aStart || x.bStart - y.bStart);
}

function overlap(s1: number, e1: number, s2: number, e2: number): number {
  return Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
}

/**
 * Removes the few characters two passages both claim on one side where one
 * chain's end runs into the next one's start (a reordered paragraph that
 * begins with the words the previous one ended with: `…慰问。` / `慰问。…`).
 * The later passage gives up its head (columns up to the end of the earlier
 * one on that side, then up to its next match), on both sides at once, so the
 * two sides stay aligned. Overlaps of half the shorter passage or more are
 * kept: that is the same text twice in the other document, two passages in
 * their own right. Passages left shorter than `minLength` are dropped.
 */
function trimOverlaps(ps: Piece[], minLength: number): Piece[] {
  for (const side of ['a', 'b'] as const) {
    const start = (p: Piece) => (side === 'a' ? p.aStart : p.bStart);
    const end = (p: Piece) => (side === 'a' ? p.aEnd : p.bEnd);
    const order = [...ps].sort((x, y) => start(x) - start(y) || end(x) - end(y));
    for (let i = 1; i < order.length; i++) {
      const p = order[i - 1]!;
      const q = order[i]!;
      const k = end(p) - start(q);
      if (k <= 0 || 2 * k >= Math.min(end(p) - start(p), end(q) - start(q))) continue;
      trimHead(q, side, end(p));
    }
  }
  return ps.filter((p) => p.aEnd - p.aStart >= minLength && p.bEnd - p.bStart >= minLength).sort((x, y) => x.aStart - y.aStart || x.bStart - y.bStart);
}

/** Drops `q`'s leading columns until its `side` starts at `at` or later and its first column is a match. */
function trimHead(q: Piece, side: 'a' | 'b', at: number): void {
  let c = q.from;
  while (c < q.to && ((side === 'a' ? q.aStart : q.bStart) < at || q.ops[c] !== M)) {
    const op = q.ops[c++]!;
    if (op !== INS) q.aStart++;
    if (op !== DEL) q.bStart++;
    if (op === M) q.matches--;
    q.chars--;
  }
  q.from = c;
  if (c === q.to) q.aEnd = q.aStart, q.bEnd = q.bStart;
}
