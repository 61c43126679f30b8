/**
 * How much of a heading line a stretch of body text repeats: the share of the
 * line's character bigrams (punctuation and spaces skipped) found in the text.
 * Headlines echo their article's lead; this is how headings extracted out of
 * order are matched back, and how the main headline is told from a kicker.
 */

function isKeyChar(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/*
 * Bigram and trigram statistics hash each n-gram to 32 bits and keep them in
 * small open-addressing tables (sized to the text at hand, so they stay in
 * cache) instead of Set<number>: allocation-free and several times faster. A
 * false hit needs a full 32-bit collision. The tables are module scratch
 * space: calls are synchronous and never re-entered.
 */

/** An open-addressing table of 32-bit keys with a count each; cleared in O(1) by bumping `round`. */
class Table {
  keys = new Int32Array(1 << 12);
  stamps = new Uint32Array(1 << 12);
  counts = new Uint16Array(1 << 12);
  mask = (1 << 12) - 1;
  round = 1;

  /** Empties the table, growing it to hold `n` keys at half load. */
  clear(n: number): void {
    if (n * 2 > this.keys.length) {
      let size = this.keys.length;
      while (size < n * 2) size *= 2;
      this.keys = new Int32Array(size);
      this.stamps = new Uint32Array(size);
      this.counts = new Uint16Array(size);
      this.mask = size - 1;
      this.round = 1;
    } else if (++this.round === 0xffffffff) {
      this.stamps.fill(0);
      this.round = 1;
    }
  }

  /** The slot of `key`: where it is, or the empty slot where it would go (check `has`). */
  slot(key: number): number {
    let i = (key ^ (key >>> 16)) & this.mask;
    while (this.stamps[i] === this.round && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  has(i: number): boolean {
    return this.stamps[i] === this.round;
  }

  /** Puts `key` at slot `i` (from `slot`) with count 0 if absent. */
  put(i: number, key: number): void {
    if (this.stamps[i] !== this.round) {
      this.stamps[i] = this.round;
      this.keys[i] = key;
      this.counts[i] = 0;
    }
  }
}

const before = new Table();
const dedupe = new Table();
const pageTable = new Table();
/** For `pageTable`: the last paragraph each trigram was counted in. */
let lastSeen = new Int32Array(1 << 12);
let scratch = new Int32Array(4096);

function fmix(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h | 0;
}

/** The hashes of the Han trigrams of `text`, in order, in a shared buffer valid until the next call. */
function trigramHashes(text: string): Int32Array {
  if (scratch.length < text.length) scratch = new Int32Array(text.length * 2);
  let n = 0;
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400 || c > 0x9fff) continue;
    if (a >= 0) scratch[n++] = fmix(Math.imul(a, 0x01000193) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35));
    a = b;
    b = c;
  }
  return scratch.subarray(0, n);
}

/** The hashes of the bigrams of key characters of `text` (punctuation and spaces skipped), in a shared buffer. */
function bigramHashes(text: string): Int32Array {
  if (scratch.length < text.length) scratch = new Int32Array(text.length * 2);
  let n = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isKeyChar(c)) continue;
    if (prev >= 0) scratch[n++] = fmix(Math.imul(prev, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b));
    prev = c;
  }
  return scratch.subarray(0, n);
}

/** Share of the distinct hashes of `own` found in the `before` table, skipping those `skip` rejects. */
function shareIn(own: Int32Array, skip: ((h: number) => boolean) | null): number {
  dedupe.clear(own.length);
  let total = 0;
  let hit = 0;
  for (let i = 0; i < own.length; i++) {
    const h = own[i]!;
    const d = dedupe.slot(h);
    if (dedupe.has(d)) continue;
    dedupe.put(d, h);
    if (skip && skip(h)) continue;
    total++;
    if (before.has(before.slot(h))) hit++;
  }
  return total === 0 ? 0 : hit / total;
}

function fill(hashes: Int32Array): void {
  before.clear(hashes.length);
  for (let i = 0; i < hashes.length; i++) before.put(before.slot(hashes[i]!), hashes[i]!);
}

/**
 * How much of each line `text` repeats: the share of the line's distinct
 * bigrams found in `text`; 0 for a line with none.
 */
export function echoes(lines: readonly string[], text: string): number[] {
  return echoesOf(lines.map(distinctBigrams), text);
}

/** The distinct bigram hashes of a line, for `echoesOf` (prepare once, compare with many texts). */
export function distinctBigrams(line: string): Int32Array {
  const own = bigramHashes(line);
  dedupe.clear(own.length);
  const out: number[] = [];
  for (let i = 0; i < own.length; i++) {
    const h = own[i]!;
    const d = dedupe.slot(h);
    if (dedupe.has(d)) continue;
    dedupe.put(d, h);
    out.push(h);
  }
  return Int32Array.from(out);
}

/** `echoes` for lines prepared with `distinctBigrams`. */
export function echoesOf(lines: readonly Int32Array[], text: string): number[] {
  fill(bigramHashes(text));
  return lines.map((own) => {
    let hit = 0;
    for (let i = 0; i < own.length; i++) if (before.has(before.slot(own[i]!))) hit++;
    return own.length === 0 ? 0 : hit / own.length;
  });
}

export function echo(line: string, text: string): number {
  return echoes([line], text)[0]!;
}

/** Trigrams found in many paragraphs of a page; see `cohesion`. */
export interface Common {
  has(hash: number): boolean;
}

/**
 * Trigrams found in many paragraphs of a page (中华人民共和国成立70周年 on a
 * page of anniversary news): they tie every article to every other, so
 * cohesion ignores them. Valid until the next call (it reads a shared table).
 */
export function commonTrigrams(paragraphs: string[]): Common {
  pageTable.clear(paragraphs.reduce((n, p) => n + p.length, 0));
  if (lastSeen.length < pageTable.keys.length) lastSeen = new Int32Array(pageTable.keys.length);
  paragraphs.forEach((p, k) => {
    const own = trigramHashes(p);
    for (let i = 0; i < own.length; i++) {
      const h = own[i]!;
      const slot = pageTable.slot(h);
      if (!pageTable.has(slot)) {
        pageTable.put(slot, h);
        lastSeen[slot] = -1;
      }
      // Count each paragraph once per trigram.
      if (lastSeen[slot] !== k) {
        lastSeen[slot] = k;
        if (pageTable.counts[slot]! < 0xffff) pageTable.counts[slot]!++;
      }
    }
  });
  const cap = Math.max(4, paragraphs.length * 0.1);
  return { has: (h) => { const i = pageTable.slot(h); return pageTable.has(i) && pageTable.counts[i]! >= cap; } };
}

/**
 * Lexical cohesion of two stretches of text: the share of the trigrams of
 * `after` (less the page's common ones) that `before` has. Within one article
 * it is high, across an article boundary near zero (the idea of Hearst's
 * TextTiling, 1997, with trigrams, which Chinese function words rarely make).
 */
export function cohesion(after: string, beforeText: string, common: Common): number {
  fill(trigramHashes(beforeText));
  return shareIn(trigramHashes(after), (h) => common.has(h));
}
