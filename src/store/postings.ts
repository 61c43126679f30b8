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

/** An article as the index takes it: its terms in text order, space-separated (`searchTerms`), and its filter terms. */
export interface DocTerms {
  num: number;
  terms: string;
  tags: string[];
}

/** Term ids by a nonzero 32-bit key: open addressing with linear probing (Knuth, TAOCP vol. 3, 6.4, algorithm L). */
class TermIds {
  private keys = new Uint32Array(1 << 16);
  private ids = new Int32Array(1 << 16);
  private count = 0;

  private shift = 16;

  /** Fibonacci hashing: the product's high bits (its low bits would depend on the key's low bits alone). */
  private slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = this.slot(key); ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key) return this.ids[i]!;
      if (k === 0) return -1;
    }
  }

  set(key: number, id: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = this.slot(key);
    while (this.keys[i] !== 0) i = (i + 1) & mask;
    this.keys[i] = key;
    this.ids[i] = id;
    this.count++;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    this.shift--;
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i]!, ids[i]!);
  }
}

/** One block row of a segment: its first term (UTF-8, the row's key) and its entries. */
export interface Block {
  first: Buffer;
  data: Buffer;
}

/** One term of a block: its UTF-8 bytes `data[t0..t1)` and its posting `data[start..end)`. */
export interface Entry {
  data: Buffer;
  t0: number;
  t1: number;
  df: number;
  /** The smallest article number of the posting (its last). */
  last: number;
  start: number;
  end: number;
}

/** Byte order of two entries' terms (code-point order); a loop, as terms are a few bytes and a native call costs more. */
function compareEntries(a: Entry, b: Entry): number {
  const x = a.data;
  const y = b.data;
  const n = Math.min(a.t1 - a.t0, b.t1 - b.t0);
  for (let i = 0; i < n; i++) {
    const d = x[a.t0 + i]! - y[b.t0 + i]!;
    if (d !== 0) return d;
  }
  return a.t1 - a.t0 - (b.t1 - b.t0);
}

/** The next blocks of a segment in term order, or null (or none) at its end. */
export type BlockSource = () => Promise<Buffer[] | null>;

/**
 * Walks a segment's entries in place (one object, no allocation per entry:
 * a merge reads millions). `step` moves to the next entry of the blocks at
 * hand, `load` fetches more when it returns false.
 */
class EntryCursor implements Entry {
  data: Buffer = Buffer.alloc(0);
  t0 = 0;
  t1 = 0;
  df = 0;
  last = 0;
  start = 0;
  end = 0;
  private blocks: Buffer[] = [];
  private bi = 0;
  /** Where the next entry starts in the current block. */
  private readonly at = { i: 0 };
  ended = false;
  constructor(private readonly source: BlockSource) {}

  step(): boolean {
    while (this.bi < this.blocks.length && this.at.i >= this.blocks[this.bi]!.length) {
      this.bi++;
      this.at.i = 0;
    }
    if (this.bi >= this.blocks.length) return false;
    const d = (this.data = this.blocks[this.bi]!);
    const at = this.at;
    const tl = readVarint(d, at);
    this.t0 = at.i;
    this.t1 = at.i += tl;
    this.df = readVarint(d, at);
    this.last = readVarint(d, at);
    const len = readVarint(d, at);
    this.start = at.i;
    this.end = at.i += len;
    return true;
  }

  /** Fetches the next blocks; false (and `ended`) when the segment has no more. */
  async load(): Promise<boolean> {
    const b = await this.source();
    this.blocks = b ?? [];
    this.bi = 0;
    this.at.i = 0;
    this.ended = this.blocks.length === 0;
    return !this.ended;
  }

  /** Moves to the next entry, fetching blocks as needed; false at the end. */
  async next(): Promise<boolean> {
    while (!this.step()) if (!(await this.load())) return false;
    return true;
  }

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
  bytes(b: Buffer, start = 0, end = b.length): void {
    this.room(end - start);
    if (end - start > 32) this.len += b.copy(this.buf, this.len, start, end);
    else for (let i = start; i < end; i++) this.buf[this.len++] = b[i]!;
  }
  /** Writes a term as its length and UTF-8 bytes (by hand for the terms of one or two BMP characters that are nearly all). */
  term(t: string): void {
    const x = t.charCodeAt(0);
    const y = t.length === 2 ? t.charCodeAt(1) : 0;
    if (t.length > 2 || t.length === 0 || (x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) {
      const n = Buffer.byteLength(t, 'utf8');
      this.varint(n);
      this.room(n);
      this.len += this.buf.write(t, this.len, 'utf8');
      return;
    }
    this.varint(utf8Length(x) + (t.length === 2 ? utf8Length(y) : 0));
    this.room(6);
    this.char(x);
    if (t.length === 2) this.char(y);
  }
  private char(c: number): void {
    const b = this.buf;
    if (c < 0x80) b[this.len++] = c;
    else if (c < 0x800) {
      b[this.len++] = 0xc0 | (c >> 6);
      b[this.len++] = 0x80 | (c & 0x3f);
    } else {
      b[this.len++] = 0xe0 | (c >> 12);
      b[this.len++] = 0x80 | ((c >> 6) & 0x3f);
      b[this.len++] = 0x80 | (c & 0x3f);
    }
  }
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.len));
    this.len = 0;
    return out;
  }
}

function varintLength(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

function utf8Length(c: number): number {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
}

/** Reads a varint at `at[0]` of `b`, advancing it. */
function readVarint(b: Buffer, at: { i: number }): number {
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

  /** Appends a term's posting (`data[start..end)`, its first number absolute). */
  add(term: string, df: number, last: number, data: Buffer, start: number, end: number): void {
    const o = this.out;
    if (this.first === null) this.first = Buffer.from(term, 'utf8');
    o.term(term);
    this.tail(df, last, data, start, end);
  }

  /** Appends the term of `e` with the postings of `pieces` (`e` among them), newest first, each with its first number absolute. */
  addPieces(e: Entry, df: number, last: number, pieces: Entry[]): void {
    const o = this.out;
    if (this.first === null) this.first = Buffer.from(e.data.subarray(e.t0, e.t1));
    o.varint(e.t1 - e.t0);
    o.bytes(e.data, e.t0, e.t1);
    o.varint(df);
    o.varint(last);
    // The first number of a later piece becomes a gap from the last number of the one before.
    const at = { i: 0 };
    let len = 0;
    for (let k = 0; k < pieces.length; k++) {
      const p = pieces[k]!;
      at.i = p.start;
      const first = readVarint(p.data, at);
      len += varintLength(k === 0 ? first : pieces[k - 1]!.last - first) + p.end - at.i;
    }
    o.varint(len);
    for (let k = 0; k < pieces.length; k++) {
      const p = pieces[k]!;
      at.i = p.start;
      const first = readVarint(p.data, at);
      o.varint(k === 0 ? first : pieces[k - 1]!.last - first);
      o.bytes(p.data, at.i, p.end);
    }
    if (o.len >= this.size) this.cut();
  }

  private tail(df: number, last: number, data: Buffer, start: number, end: number): void {
    const o = this.out;
    o.varint(df);
    o.varint(last);
    o.varint(end - start);
    o.bytes(data, start, end);
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

/**
 * Term ids in code-point order of their terms. Terms of one or two BMP
 * characters (nearly all) sort as numbers, key × 2²¹ + id in a Float64Array
 * (exact below 2⁵³: keys < 2³², ids < 2²¹); the rest by comparison, merged in.
 */
function termOrder(names: string[]): number[] {
  const short: number[] = [];
  const long: number[] = [];
  names.forEach((t, id) => {
    const x = t.charCodeAt(0);
    const y = t.length === 2 ? t.charCodeAt(1) : -1;
    if (t.length > 2 || t.length === 0 || id >= 2 ** 21 || (x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) long.push(id);
    else short.push((x * 0x10001 + (y + 1)) * 2 ** 21 + id);
  });
  const s = Float64Array.from(short).sort();
  long.sort((a, b) => compareTerms(names[a]!, names[b]!));
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    const id = s[i]! % 2 ** 21;
    while (j < long.length && compareTerms(names[long[j]!]!, names[id]!) < 0) out.push(long[j++]!);
    out.push(id);
  }
  while (j < long.length) out.push(long[j++]!);
  return out;
}

/**
 * Builds one segment's blocks from articles with ascending, distinct
 * numbers. Terms are interned to ids; every occurrence is listed newest
 * article first, positions ascending, then counting-sorted by term id
 * (stable, so each term's occurrences keep that order).
 */
export function buildSegment(docs: DocTerms[], blockBytes = BLOCK_BYTES): Block[] {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const short = new TermIds();
  let total = 0;
  for (const d of docs) total += Math.ceil((d.terms.length + 1) / 2) + d.tags.length;
  const occTerm = new Int32Array(total);
  const occDoc = new Int32Array(total);
  const occPos = new Int32Array(total);
  let n = 0;
  const idOf = (t: string): number => {
    let id = ids.get(t);
    if (id === undefined) {
      id = names.length;
      ids.set(t, id);
      names.push(t);
    }
    return id;
  };
  for (let d = docs.length - 1; d >= 0; d--) {
    const doc = docs[d]!;
    const text = doc.terms;
    // Terms of one or two BMP characters (nearly all) are interned by their code units, without a string.
    for (let i = 0, p = 0; i < text.length; p++) {
      let e = i;
      while (e < text.length && text.charCodeAt(e) !== 0x20) e++;
      const x = text.charCodeAt(i);
      const y = e - i === 2 ? text.charCodeAt(i + 1) : 0;
      let id: number;
      if (e - i <= 2 && (x < 0xd800 || x > 0xdfff) && (y < 0xd800 || y > 0xdfff)) {
        const key = ((x << 16) | y) >>> 0;
        id = short.get(key);
        if (id < 0) {
          id = names.length;
          short.set(key, id);
          names.push(text.slice(i, e));
        }
      } else id = idOf(text.slice(i, e));
      occTerm[n] = id;
      occDoc[n] = doc.num;
      occPos[n++] = p;
      i = e + 1;
    }
    // A filter term has no position (-1).
    for (const t of doc.tags) {
      occTerm[n] = idOf(t);
      occDoc[n] = doc.num;
      occPos[n++] = -1;
    }
  }
  const start = new Int32Array(names.length + 1);
  for (let i = 0; i < n; i++) start[occTerm[i]! + 1]!++;
  for (let t = 0; t < names.length; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, names.length);
  const sortedDoc = new Int32Array(n);
  const sortedPos = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = fill[occTerm[i]!]!++;
    sortedDoc[k] = occDoc[i]!;
    sortedPos[k] = occPos[i]!;
  }
  const order = termOrder(names);
  const w = new BlockWriter(blockBytes);
  const post = new Bytes(1024);
  for (const t of order) {
    post.len = 0;
    let df = 0;
    let prev = -1;
    for (let i = start[t]!, end = start[t + 1]!; i < end; ) {
      const num = sortedDoc[i]!;
      let j = i;
      while (j < end && sortedDoc[j] === num) j++;
      post.varint(prev < 0 ? num : prev - num);
      const positioned = sortedPos[i]! >= 0;
      post.varint(positioned ? j - i : 0);
      if (positioned) {
        let last = 0;
        for (let k = i; k < j; k++) {
          post.varint(sortedPos[k]! - last);
          last = sortedPos[k]!;
        }
      }
      df++;
      prev = num;
      i = j;
    }
    w.add(names[t]!, df, prev, post.buf, 0, post.len);
  }
  return w.finish();
}

/** The entries of a block, in term order. */
export function blockEntries(data: Buffer): Entry[] {
  const out: Entry[] = [];
  const at = { i: 0 };
  while (at.i < data.length) {
    const tl = readVarint(data, at);
    const t0 = at.i;
    at.i += tl;
    const df = readVarint(data, at);
    const last = readVarint(data, at);
    const len = readVarint(data, at);
    out.push({ data, t0, t1: t0 + tl, df, last, start: at.i, end: at.i + len });
    at.i += len;
  }
  return out;
}

/** The entry of the term `key` (UTF-8) in a block, if it holds one. */
export function findEntry(data: Buffer, key: Buffer): Entry | undefined {
  for (const e of blockEntries(data)) {
    const c = data.compare(key, 0, key.length, e.t0, e.t1);
    if (c === 0) return e;
    if (c > 0) return undefined;
  }
  return undefined;
}

/** Whether the term of `e` starts with the bytes of `prefix`. */
export function startsWith(e: Entry, prefix: Buffer): boolean {
  return e.t1 - e.t0 >= prefix.length && e.data.compare(prefix, 0, prefix.length, e.t0, e.t0 + prefix.length) === 0;
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

/**
 * The articles of several postings (the terms a one-character query starts),
 * newest first, each with its positions counted over all of them; positions
 * themselves are skipped, not decoded.
 */
export function countUnion(entries: Pick<Entry, 'data' | 'start' | 'end'>[]): { num: number; tf: number }[] {
  const tf = new Map<number, number>();
  const at = { i: 0 };
  for (const e of entries) {
    at.i = e.start;
    let num = -1;
    while (at.i < e.end) {
      const g = readVarint(e.data, at);
      num = num < 0 ? g : num - g;
      const n = readVarint(e.data, at);
      for (let k = 0; k < n; k++) while (e.data[at.i++]! >= 0x80);
      tf.set(num, (tf.get(num) ?? 0) + n);
    }
  }
  return [...tf].sort((x, y) => y[0] - x[0]).map(([num, n]) => ({ num, tf: n }));
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
 * Merges segments into new blocks. `sources` are in recency order, newest
 * first: a term's postings are concatenated in it.
 */
export async function mergeEntries(sources: BlockSource[], w: BlockWriter, flush: () => Promise<void>): Promise<void> {
  const live: EntryCursor[] = [];
  for (const s of sources) {
    const c = new EntryCursor(s);
    if (await c.next()) live.push(c);
  }
  const pieces: EntryCursor[] = [];
  while (live.length > 0) {
    let min = live[0]!;
    for (let k = 1; k < live.length; k++) if (compareEntries(live[k]!, min) < 0) min = live[k]!;
    pieces.length = 0;
    let df = 0;
    for (const c of live)
      if (c === min || compareEntries(c, min) === 0) {
        pieces.push(c);
        df += c.df;
      }
    w.addPieces(min, df, pieces[pieces.length - 1]!.last, pieces);
    for (const c of pieces) if (!c.step() && !(await c.next())) live.splice(live.indexOf(c), 1);
    if (w.blocks.length >= 64) await flush();
  }
}

/**
 * Okapi BM25 (Robertson & Zaragoza 2009) of a phrase in an article: the
 * phrase's idf is the same for every article of one query, so it is left out.
 */
export function bm25(tf: number, len: number, avgLen: number, k1 = 1.2, b = 0.75): number {
  return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / Math.max(avgLen, 1)));
}
