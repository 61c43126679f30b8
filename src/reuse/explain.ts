/**
 * What a copy changed against its story's origin.
 *
 * Both sides are compared on their match keys (see `matchKey`), so reflow,
 * white space, punctuation, full/half width and traditional/simplified script
 * are not edits. The key diff is pinned first at anchors: runs of `ANCHOR` key
 * units that occur exactly once on each side (the unique-line anchors of P.
 * Heckel, "A technique for isolating differences between files", CACM 21(4),
 * 1978, as patience diff uses them), kept in the same order on both sides by
 * a longest increasing subsequence and extended to their whole common run.
 * Between anchors, the shortest edit script of Myers' O(ND) algorithm (E. W.
 * Myers, "An O(ND) Difference Algorithm and Its Variations", Algorithmica
 * 1(2), 1986), as implemented by jsdiff (`diffArrays` of the `diff` package)
 * over UTF-16 key units. A copy that keeps a fifth of a long origin costs time
 * linear in the lengths instead of their product (D, the edit distance, is
 * the omitted length).
 *
 * The script is summarised as spans: a run removed from the origin is
 * `omitted`, a run inserted in the copy `added`, and a removal next to an
 * insertion `changed`. Operations separated by at most `MERGE_GAP` unchanged
 * key characters are merged into one span (the unchanged characters between
 * them included on both sides), so 改 一 字 改 reads as one change rather than
 * three. Offsets are half-open UTF-16 ranges into each doc's own `text`, from
 * the first to the last key character of the span (punctuation around it is
 * not included).
 *
 * A `changed` span is flagged `name: true` when it swaps one person's name for
 * another: on each side, a person token of jieba (jieba-wasm, the jieba-rs segmenter compiled to WebAssembly) overlaps the span
 * and the two names differ. jieba-rs tags words missing from its dictionary
 * `x`, so a token counts as a person when tagged `nr…`, or tagged `x` with two
 * or three Han characters the first of which is a common surname (the rule in
 * ../shared/DEPENDENCIES.md §1). Adjacent person tokens (赵|永清) form one name.
 */
import { diffArrays } from 'diff';
import jiebaWasm from 'jieba-wasm';
import { keyToText, docKey, type MatchKey } from './matchKey.js';
import type { Doc, Edit } from './types.js';

export interface Range {
  start: number;
  end: number;
}

/** Unchanged key characters allowed between two operations that are merged into one span. */
export const MERGE_GAP = 2;

interface Op {
  /** Key ranges: origin [os, oe), copy [cs, ce). */
  os: number;
  oe: number;
  cs: number;
  ce: number;
}

export function explainMember(origin: Doc, originSpan: Range, copy: Doc, copySpan: Range): Edit[] {
  const ok = docKey(origin);
  const ck = docKey(copy);
  const [o0, o1] = keyRange(ok, originSpan);
  const [c0, c1] = keyRange(ck, copySpan);

  // Raw operations from the diff, in key coordinates.
  const ops: Op[] = [];
  let io = o0;
  let ic = c0;
  for (const ch of keyDiff(ok.key.slice(o0, o1), ck.key.slice(c0, c1))) {
    if (ch.added) {
      pushOp(ops, { os: io, oe: io, cs: ic, ce: ic + ch.count });
      ic += ch.count;
    } else if (ch.removed) {
      pushOp(ops, { os: io, oe: io + ch.count, cs: ic, ce: ic });
      io += ch.count;
    } else {
      io += ch.count;
      ic += ch.count;
    }
  }

  // Merge operations separated by a short unchanged run.
  const merged: Op[] = [];
  for (const op of ops) {
    const last = merged[merged.length - 1];
    if (last && op.os - last.oe <= MERGE_GAP && op.cs - last.ce <= MERGE_GAP) {
      last.oe = op.oe;
      last.ce = op.ce;
    } else merged.push({ ...op });
  }

  return merged.map((op) => {
    const o = op.oe > op.os ? side(ok, origin.text, op.os, op.oe) : null;
    const c = op.ce > op.cs ? side(ck, copy.text, op.cs, op.ce) : null;
    const edit: Edit = { op: o && c ? 'changed' : o ? 'omitted' : 'added', origin: o, copy: c };
    if (o && c && swapsName(origin.text, o, copy.text, c)) edit.name = true;
    return edit;
  });
}

/** Length in key units of an anchor (see the module comment). */
export const ANCHOR = 12;

interface Run {
  count: number;
  added?: boolean;
  removed?: boolean;
}

/** The edit script turning `a` into `b`, as runs: anchored, with Myers' diff between anchors (see the module comment). */
export function keyDiff(a: string, b: string): Run[] {
  const runs: Run[] = [];
  const push = (r: Run): void => {
    if (r.count === 0) return;
    const last = runs[runs.length - 1];
    if (last && !last.added === !r.added && !last.removed === !r.removed) last.count += r.count;
    else runs.push(r);
  };
  const gap = (a0: number, a1: number, b0: number, b1: number): void => {
    if (a1 === a0 || b1 === b0) {
      push({ count: a1 - a0, removed: true });
      push({ count: b1 - b0, added: true });
      return;
    }
    for (const ch of diffArrays(a.slice(a0, a1).split(''), b.slice(b0, b1).split(''))) push({ count: ch.count, added: ch.added, removed: ch.removed });
  };
  let pa = 0;
  let pb = 0;
  for (const [i, j] of anchors(a, b)) {
    if (i < pa || j < pb) continue; // inside the common run of an earlier anchor
    gap(pa, i, pb, j);
    let k = 0;
    while (i + k < a.length && j + k < b.length && a.charCodeAt(i + k) === b.charCodeAt(j + k)) k++;
    push({ count: k });
    pa = i + k;
    pb = j + k;
  }
  gap(pa, a.length, pb, b.length);
  return runs;
}

/** Positions [i, j] of the k-grams found once in `a` and once in `b`, in an order increasing on both sides (longest such chain). */
function anchors(a: string, b: string): Array<[number, number]> {
  if (a.length < ANCHOR || b.length < ANCHOR) return [];
  const once = (s: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (let i = 0; i + ANCHOR <= s.length; i++) {
      const g = s.slice(i, i + ANCHOR);
      m.set(g, m.has(g) ? -1 : i);
    }
    return m;
  };
  const inA = once(a);
  const inB = once(b);
  const pairs: Array<[number, number]> = [];
  for (const [g, j] of inB) {
    const i = inA.get(g);
    if (j >= 0 && i !== undefined && i >= 0) pairs.push([i, j]);
  }
  pairs.sort((x, y) => x[1] - y[1]);
  // Longest chain increasing in i too (patience sorting: tails[k] ends the best chain of length k + 1).
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const i = pairs[p]![0];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pairs[tails[mid]!]![0] < i) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const chain: Array<[number, number]> = [];
  for (let p = tails.length > 0 ? tails[tails.length - 1]! : -1; p >= 0; p = prev[p]!) chain.push(pairs[p]!);
  return chain.reverse();
}

/** Append, joining with the previous op when they touch (a removal then an insertion). */
function pushOp(ops: Op[], op: Op): void {
  const last = ops[ops.length - 1];
  if (last && last.oe === op.os && last.ce === op.cs) {
    last.oe = op.oe;
    last.ce = op.ce;
  } else ops.push(op);
}

/** The key units whose text offset lies in `span`. */
function keyRange(mk: MatchKey, span: Range): [number, number] {
  return [lowerBound(mk.map, span.start), lowerBound(mk.map, span.end)];
}

function lowerBound(map: Uint32Array, x: number): number {
  let lo = 0;
  let hi = map.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (map[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function side(mk: MatchKey, text: string, ks: number, ke: number): { start: number; end: number; text: string } {
  const { start, end } = keyToText(mk, text, ks, ke);
  return { start, end, text: text.slice(start, end) };
}

// ------------------------------------------------------------------ names

/** Common single-character surnames (the most frequent of the 百家姓 in modern use). */
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
);
const HAN = /^\p{Script=Han}+$/u;

/** Whether a jieba token is a person's name under the rule in the module comment. */
export function isPersonToken(word: string, tag: string): boolean {
  if (tag.startsWith('nr')) return true;
  return tag === 'x' && (word.length === 2 || word.length === 3) && HAN.test(word) && SURNAMES.has(word[0]!);
}

/** Person names overlapping `[start, end)` of `text`, tagged with some context around the span. */
export function namesAt(text: string, start: number, end: number): string[] {
  const from = Math.max(0, start - 8);
  const to = Math.min(text.length, end + 8);
  const tokens = jiebaWasm.tag(text.slice(from, to), true);
  const names: string[] = [];
  let at = from;
  let current: { word: string; start: number; end: number } | null = null;
  const flush = (): void => {
    if (current && current.start < end && current.end > start) names.push(current.word);
    current = null;
  };
  for (const t of tokens) {
    const s = at;
    at += t.word.length;
    if (isPersonToken(t.word, t.tag)) {
      if (current) {
        current.word += t.word;
        current.end = at;
      } else current = { word: t.word, start: s, end: at };
    } else flush();
  }
  flush();
  return names;
}

function swapsName(oText: string, o: Range, cText: string, c: Range): boolean {
  const on = namesAt(oText, o.start, o.end);
  const cn = namesAt(cText, c.start, c.end);
  return on.length > 0 && cn.length > 0 && on.some((n) => !cn.includes(n));
}
