/**
 * A positional inverted index as immutable segments, for an engine whose own
 * full-text index costs too much to write (PostgreSQL's GIN over ~1,070
 * bigram terms per article: 3.6–5.9 ms of server time per article, and no
 * cheaper when built at once; see docs/decisions.md).
 *
 * Each write makes a segment: the postings of its articles, sorted by term
 * and cut into blocks of about BLOCK_BYTES, one row each; full tiers of
 * segments are merged into one of the next tier, as log-structured merge
 * trees do (O'Neil et al. 1996, "The Log-Structured Merge-Tree"; Lucene's
 * segments). A segment covers a range of article numbers no other segment
 * overlaps, so merging a term's postings is a concatenation.
 *
 * Encoding (unsigned LEB128 varints throughout):
 * - a block is a run of entries: term length, term (UTF-8), document
 *   frequency, the posting's smallest article number, posting length, posting;
 * - a posting lists its articles newest first: the first number, then each
 *   gap to the next (smaller) one; after each number the count of positions
 *   and the positions (the first, then gaps). Filter terms have no positions.
 *
 * Terms are ordered by code point, which is the byte order of their UTF-8
 * form, so a database compares block keys (bytea) as this module sorts them.
 */

export const BLOCK_BYTES = 4096;

/** An article as the index takes it: its terms in text order (the position is the index) and its filter terms. */
export interface DocTerms {
  num: number;
  terms: string[];
  tags: string[];
}

/** One block row of a segment: its first term (UTF-8, the row's key) and its entries. */
export interface Block {
  first: Buffer;
  data: Buffer;
}

/** One term of a block: where its posting lies in `data`. */
export interface Entry {
  term: string;
  df: number;
  /** The smallest article number of the posting (its last). */
  last: number;
  data: Buffer;
  start: number;
  end: number;
}

/** A growable byte buffer with varint writes. */
class Bytes {
  buf: Buffer;
  len = 0;
  constructor(size = 256) {
    this.buf = Buffer.allocUnsafe(size);
  }
  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  varint(v: number): void {
    this.room(5);
    while (v >= 0x80) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.len++] = v;
  }
  bytes(b: Uint8Array, start = 0, end = b.length): void {
    this.room(end - start);
    this.buf.set(b.subarray(start, end), this.len);
    this.len += end - start;
  }
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.len));
    this.len = 0;
    return out;
  }
}

/** Reads a varint at `at[0]` of `b`, advancing it. */
function readVarint(b: Uint8Array, at: { i: number }): number {
  let v = 0;
  let shift = 0;
  for (;;) {
    const x = b[at.i++]!;
    v += (x & 0x7f) * 2 ** shift;
    if (x < 0x80) return v;
    shift += 7;
  }
}

/** Code-point order of two strings (UTF-16 order differs for characters outside the BMP). */
export function compareTerms(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fold(x) - fold(y);
  }
  return a.length - b.length;
}
/** Moves surrogates above U+E000–U+FFFF, so code units compare as code points. */
function fold(c: number): number {
  return c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c;
}

/** Cuts term-ordered entries into blocks of about BLOCK_BYTES. */
export class BlockWriter {
  private readonly out = new Bytes(BLOCK_BYTES * 2);
  private first: Buffer | null = null;
  readonly blocks: Block[] = [];
  constructor(private readonly size = BLOCK_BYTES) {}

  /** Appends a term's posting: `pieces` newest first, each a posting with its first number absolute. */
  add(term: string, df: number, last: number, pieces: { data: Uint8Array; start: number; end: number; last: number }[]): void {
    const t = Buffer.from(term, 'utf8');
    if (this.first === null) this.first = t;
    let len = 0;
    const heads: Buffer[] = [];
    for (let k = 0; k < pieces.length; k++) {
      // The first number of a later piece becomes a gap from the last number of the one before.
      const p = pieces[k]!;
      const at = { i: p.start };
      const firstNum = readVarint(p.data, at);
      const head = new Bytes(8);
      head.varint(k === 0 ? firstNum : pieces[k - 1]!.last - firstNum);
      const h = head.take();
      heads.push(h);
      len += h.length + (p.end - at.i);
    }
    const o = this.out;
    o.varint(t.length);
    o.bytes(t);
    o.varint(df);
    o.varint(last);
    o.varint(len);
    for (let k = 0; k < pieces.length; k++) {
      const p = pieces[k]!;
      const at = { i: p.start };
      readVarint(p.data, at);
      o.bytes(heads[k]!);
      o.bytes(p.data, at.i, p.end);
    }
    if (o.len >= this.size) this.cut();
  }

  /** Ends the last block; returns every block. */
  finish(): Block[] {
    if (this.out.len > 0) this.cut();
    return this.blocks;
  }

  private cut(): void {
    this.blocks.push({ first: this.first!, data: this.out.take() });
    this.first = null;
  }
}

/** Builds one segment's blocks from articles with ascending, distinct numbers. */
export function buildSegment(docs: DocTerms[], blockBytes = BLOCK_BYTES): Block[] {
  const postings = new Map<string, { vals: number[]; df: number; prev: number }>();
  const local = new Map<string, number[]>();
  for (let d = docs.length - 1; d >= 0; d--) {
    const doc = docs[d]!;
    local.clear();
    doc.terms.forEach((t, p) => {
      const ps = local.get(t);
      if (ps) ps.push(p);
      else local.set(t, [p]);
    });
    for (const t of doc.tags) if (!local.has(t)) local.set(t, []);
    for (const [t, ps] of local) {
      let e = postings.get(t);
      if (!e) postings.set(t, (e = { vals: [], df: 0, prev: -1 }));
      e.vals.push(e.prev < 0 ? doc.num : e.prev - doc.num, ps.length);
      let prev = 0;
      for (const p of ps) {
        e.vals.push(p - prev);
        prev = p;
      }
      e.df++;
      e.prev = doc.num;
    }
  }
  const w = new BlockWriter(blockBytes);
  const b = new Bytes(1024);
  for (const t of [...postings.keys()].sort(compareTerms)) {
    const e = postings.get(t)!;
    for (const v of e.vals) b.varint(v);
    const data = b.take();
    w.add(t, e.df, e.prev, [{ data, start: 0, end: data.length, last: e.prev }]);
  }
  return w.finish();
}

/** The entries of a block, in term order. */
export function* blockEntries(data: Buffer): Generator<Entry> {
  const at = { i: 0 };
  while (at.i < data.length) {
    const tl = readVarint(data, at);
    const term = data.toString('utf8', at.i, at.i + tl);
    at.i += tl;
    const df = readVarint(data, at);
    const last = readVarint(data, at);
    const len = readVarint(data, at);
    yield { term, df, last, data, start: at.i, end: at.i + len };
    at.i += len;
  }
}

/** The entry of `term` in a block, if it holds one. */
export function findEntry(data: Buffer, term: string): Entry | undefined {
  for (const e of blockEntries(data)) {
    const c = compareTerms(e.term, term);
    if (c === 0) return e;
    if (c > 0) return undefined;
  }
  return undefined;
}

/** A decoded posting: article numbers newest first, and for each its positions (`pos[from[i]..from[i + 1])`). */
export interface Posting {
  nums: number[];
  from: number[];
  pos: number[];
}

export function decodePosting(e: Pick<Entry, 'data' | 'start' | 'end'>): Posting {
  const out: Posting = { nums: [], from: [0], pos: [] };
  const at = { i: e.start };
  let num = -1;
  while (at.i < e.end) {
    const g = readVarint(e.data, at);
    num = num < 0 ? g : num - g;
    out.nums.push(num);
    const n = readVarint(e.data, at);
    let p = 0;
    for (let k = 0; k < n; k++) {
      p += readVarint(e.data, at);
      out.pos.push(p);
    }
    out.from.push(out.pos.length);
  }
  return out;
}

/** Postings that share articles: the union, with positions merged in order (a prefix query's terms). */
export function unionPostings(list: Posting[]): Posting {
  if (list.length === 1) return list[0]!;
  const by = new Map<number, number[]>();
  for (const p of list)
    p.nums.forEach((n, i) => {
      const ps = by.get(n);
      const mine = p.pos.slice(p.from[i]!, p.from[i + 1]!);
      if (ps) ps.push(...mine);
      else by.set(n, mine);
    });
  const out: Posting = { nums: [], from: [0], pos: [] };
  for (const n of [...by.keys()].sort((a, b) => b - a)) {
    out.nums.push(n);
    out.pos.push(...by.get(n)!.sort((a, b) => a - b));
    out.from.push(out.pos.length);
  }
  return out;
}

/**
 * Articles where `phrase[i]` stands at position p + i for every i, newest
 * first, each with how many such p it has. Checked from the rarest term
 * outwards; `phrase` may repeat a posting (a query like 哈哈哈).
 */
export function phraseMatches(phrase: Posting[]): { num: number; tf: number }[] {
  let a = 0;
  phrase.forEach((p, i) => {
    if (p.nums.length < phrase[a]!.nums.length) a = i;
  });
  const index = phrase.map((p, i) => (i === a ? null : new Map(p.nums.map((n, k) => [n, k]))));
  const out: { num: number; tf: number }[] = [];
  const anchor = phrase[a]!;
  anchor.nums.forEach((num, ai) => {
    const at: number[] = [];
    for (let i = 0; i < phrase.length; i++) {
      const m = index[i];
      if (m === null) at.push(-1);
      else {
        const k = m!.get(num);
        if (k === undefined) return;
        at.push(k);
      }
    }
    let tf = 0;
    for (let q = anchor.from[ai]!; q < anchor.from[ai + 1]!; q++) {
      const start = anchor.pos[q]! - a;
      if (start < 0) continue;
      let ok = true;
      for (let i = 0; i < phrase.length && ok; i++) {
        if (at[i] === -1) continue;
        const p = phrase[i]!;
        ok = hasPosition(p.pos, p.from[at[i]!]!, p.from[at[i]! + 1]!, start + i);
      }
      if (ok) tf++;
    }
    if (tf > 0) out.push({ num, tf });
  });
  return out;
}

function hasPosition(pos: number[], lo: number, hi: number, want: number): boolean {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = pos[mid]!;
    if (v === want) return true;
    if (v < want) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/**
 * Merges segments' term-ordered entries into new blocks. `sources` are in
 * recency order, newest first: a term's postings are concatenated in it.
 */
export async function mergeEntries(sources: AsyncIterator<Entry>[], w: BlockWriter, flush: () => Promise<void>): Promise<void> {
  const heads: (Entry | null)[] = [];
  for (const s of sources) heads.push(await next(s));
  for (;;) {
    let min: string | null = null;
    for (const h of heads) if (h && (min === null || compareTerms(h.term, min) < 0)) min = h.term;
    if (min === null) break;
    const pieces: Entry[] = [];
    for (let k = 0; k < heads.length; k++) {
      const h = heads[k];
      if (h && h.term === min) {
        pieces.push(h);
        heads[k] = await next(sources[k]!);
      }
    }
    w.add(
      min,
      pieces.reduce((s, p) => s + p.df, 0),
      pieces[pieces.length - 1]!.last,
      pieces,
    );
    if (w.blocks.length >= 64) await flush();
  }
}

async function next(s: AsyncIterator<Entry>): Promise<Entry | null> {
  const r = await s.next();
  return r.done ? null : r.value;
}

/**
 * Okapi BM25 (Robertson & Zaragoza 2009) of a phrase in an article: the
 * phrase's idf is the same for every article of one query, so it is left out.
 */
export function bm25(tf: number, len: number, avgLen: number, k1 = 1.2, b = 0.75): number {
  return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / Math.max(avgLen, 1)));
}
