/**
 * Lexical similarity on a page: how much of a heading line a stretch of body
 * text repeats (echo, over character bigrams) and how much two stretches of
 * body text share (cohesion, over Han trigrams).
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

/** An open-addressing table of 32-bit keys with a count (or any integer) each; cleared in O(1) by bumping `round`. */
class Table {
  keys = new Int32Array(1 << 12);
  stamps = new Uint32Array(1 << 12);
  counts = new Int32Array(1 << 12);
  mask = (1 << 12) - 1;
  round = 1;

  /** Empties the table, growing it to hold `n` keys at half load. */
  clear(n: number): void {
    if (n * 2 > this.keys.length) {
      let size = this.keys.length;
      while (size < n * 2) size *= 2;
      this.keys = new Int32Array(size);
      this.stamps = new Uint32Array(size);
      this.counts = new Int32Array(size);
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
function fmix(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h | 0;
}

/**
 * The hashes of the Han trigrams of `text`, in order. Han characters fit in
 * 16 bits, so two of them pack into one 32-bit word: one multiply mixes in
 * the third, one more and a shift mix the lot. (The shift is not 16: the
 * tables fold a key's high half into its low one, which would undo it and
 * leave the first character out of the low bits.)
 */
function trigramHashes(text: string, out = new Int32Array(Math.max(0, text.length - 2))): Int32Array {
  let n = 0;
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400 || c > 0x9fff) continue;
    if (a >= 0) {
      const h = Math.imul(((a << 16) | b) ^ Math.imul(c, 0x85ebca6b), 0x9e3779b1);
      out[n++] = h ^ (h >>> 15);
    }
    a = b;
    b = c;
  }
  return out.subarray(0, n);
}

function bigramHash(prev: number, c: number): number {
  return fmix(Math.imul(prev, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b));
}

/**
 * Heading lines indexed by their bigrams (of key characters: punctuation and
 * spaces skipped), to measure how much of every line a text repeats in one
 * pass over the text: each text bigram is looked up once in a table small
 * enough to stay in cache, instead of filling a table with the text and
 * probing it with every line. Headlines echo their article's lead; this is
 * how headings extracted out of order are matched back, and how the main
 * headline is told from a kicker.
 */
export class EchoIndex {
  readonly lines: number;
  private readonly keys: Int32Array;
  private readonly used: Uint8Array;
  /** Per slot: the scan that last saw this bigram (a text bigram counts once). */
  private readonly seen: Uint32Array;
  /** Per slot: its first posting; postings chain through `next` and name a line each. */
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly line: Int32Array;
  private readonly mask: number;
  /** Distinct bigrams per line, and how many of them the current scan found. */
  private readonly totals: Int32Array;
  private readonly hits: Int32Array;
  private round = 0;
  private prev = -1;

  constructor(lines: readonly string[]) {
    this.lines = lines.length;
    const total = lines.reduce((n, l) => n + l.length, 0);
    let size = 16;
    while (size < total * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.seen = new Uint32Array(size);
    this.head = new Int32Array(size).fill(-1);
    this.next = new Int32Array(total);
    this.line = new Int32Array(total);
    this.mask = size - 1;
    this.totals = new Int32Array(lines.length);
    this.hits = new Int32Array(lines.length);
    let postings = 0;
    lines.forEach((text, l) => {
      let prev = -1;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (!isKeyChar(c)) continue;
        if (prev >= 0) {
          const slot = this.slot(bigramHash(prev, c));
          // A line's bigram counts once: its posting is the newest of the slot.
          if (this.head[slot]! < 0 || this.line[this.head[slot]!] !== l) {
            this.line[postings] = l;
            this.next[postings] = this.head[slot]!;
            this.head[slot] = postings++;
            this.totals[l]!++;
          }
        }
        prev = c;
      }
    });
  }

  private slot(key: number): number {
    let i = (key ^ (key >>> 16)) & this.mask;
    while (this.used[i] === 1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    if (this.used[i] === 0) {
      this.used[i] = 1;
      this.keys[i] = key;
    }
    return i;
  }

  /** Starts a new text. */
  begin(): this {
    this.hits.fill(0);
    this.prev = -1;
    if (++this.round === 0xffffffff) {
      this.seen.fill(0);
      this.round = 1;
    }
    return this;
  }

  /**
   * Adds `text` from `from` to the current text (a bigram may span the join)
   * and returns how far it read: up to `limit`.
   */
  scan(text: string, limit = Infinity, from = 0): number {
    const n = Math.min(text.length, limit);
    let prev = this.prev;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!isKeyChar(c)) continue;
      if (prev >= 0) {
        const key = bigramHash(prev, c);
        let s = (key ^ (key >>> 16)) & this.mask;
        while (this.used[s] === 1 && this.keys[s] !== key) s = (s + 1) & this.mask;
        if (this.used[s] === 1 && this.seen[s] !== this.round) {
          this.seen[s] = this.round;
          for (let p = this.head[s]!; p >= 0; p = this.next[p]!) this.hits[this.line[p]!]!++;
        }
      }
      prev = c;
    }
    this.prev = prev;
    return n;
  }

  /** Line `l`'s echo in the current text: the share of its distinct bigrams found; 0 for a line with none. */
  echo(l: number): number {
    const t = this.totals[l]!;
    return t === 0 ? 0 : this.hits[l]! / t;
  }

  /** Every line's echo in the current text. */
  echoes(): number[] {
    const out = new Array<number>(this.lines);
    for (let l = 0; l < this.lines; l++) out[l] = this.echo(l);
    return out;
  }
}

/**
 * How much of each line `text` repeats: the share of the line's distinct
 * bigrams found in `text`; 0 for a line with none.
 */
export function echoes(lines: readonly string[], text: string): number[] {
  const index = new EchoIndex(lines).begin();
  index.scan(text);
  return index.echoes();
}

/*
 * How many paragraphs of the page hold each trigram, in a count-min sketch
 * with a single row (Cormode and Muthukrishnan, 2005): a counter per bucket
 * of the hash, no keys. A rare trigram sharing a bucket with a common one is
 * taken for common too, which only drops it from cohesion; with a page's few
 * thousand trigrams in 2^15 buckets that is rare. Module scratch space, like
 * the tables above: valid for the newest PageTrigrams only.
 */
const SKETCH_MASK = (1 << 15) - 1;
const sketchCounts = new Uint16Array(SKETCH_MASK + 1);
/** Per bucket: the last paragraph counted in it (a paragraph counts once). */
const sketchSeen = new Int32Array(SKETCH_MASK + 1);
let sketchOwner: PageTrigrams | null = null;
/** Per bucket: how often its trigrams stand in the window before and after a gap (`PageTrigrams.topics`). */
const topicBefore = new Uint16Array(SKETCH_MASK + 1);
const topicAfter = new Uint16Array(SKETCH_MASK + 1);

/**
 * The trigrams of a page's paragraphs, hashed once per page, and which of
 * them are found in many paragraphs (中华人民共和国成立70周年 on a page of
 * anniversary news): those tie every article to every other, so cohesion
 * ignores them. Only the newest instance may be used (its counts are module
 * scratch space).
 */
export class PageTrigrams {
  /** Per text: its trigram hashes, and whether the common ones were dropped yet. */
  private readonly cache = new Map<string, { hashes: Int32Array; filtered: boolean }>();
  private readonly cap: number;
  private readonly paragraphs: number;

  constructor(paragraphs: readonly string[]) {
    sketchOwner = this;
    sketchCounts.fill(0);
    sketchSeen.fill(-1);
    // One buffer for the whole page, each paragraph's hashes a view of it: one allocation instead of one per paragraph.
    const buffer = new Int32Array(paragraphs.reduce((n, p) => n + Math.max(0, p.length - 2), 0));
    let at = 0;
    paragraphs.forEach((p, k) => {
      const own = trigramHashes(p, buffer.subarray(at, at + Math.max(0, p.length - 2)));
      at += Math.max(0, p.length - 2);
      for (let i = 0; i < own.length; i++) {
        const b = own[i]! & SKETCH_MASK;
        if (sketchSeen[b] !== k) {
          sketchSeen[b] = k;
          if (sketchCounts[b]! < 0xffff) sketchCounts[b]!++;
        }
      }
      this.cache.set(p, { hashes: own, filtered: false });
    });
    this.cap = Math.max(4, paragraphs.length * 0.1);
    this.paragraphs = Math.max(1, paragraphs.length);
  }

  /**
   * Topical similarity across every gap between pieces at once (pieces: the
   * trigram hashes of texts in page order, from `of`): entry `k` is the
   * cosine of the tf-idf vectors (Salton and Buckley, 1988) of the last
   * `beforeMax` trigrams before piece `k` and the first `afterMax` from it
   * (0 for the first), each trigram weighted by log(paragraphs / paragraphs
   * holding it). Where cohesion says whether the text carries straight on,
   * this says whether it is still about the same things (session 5: on the
   * pdf boundary decisions its AUC is 0.85 against 0.79 for cohesion). The
   * windows slide, each trigram entering and leaving each once, with the dot
   * product and norms kept up to date, so a page costs one pass however many
   * gaps it has. Trigrams are counted by their sketch bucket, as the page's
   * document frequencies are: two sharing a bucket count as one, which is rare.
   */
  topics(pieces: readonly Int32Array[], beforeMax: number, afterMax: number): Float64Array {
    if (sketchOwner !== this) throw new Error('PageTrigrams: a newer page was hashed since');
    let n = 0;
    for (const p of pieces) n += p.length;
    const buckets = new Int32Array(n);
    const startOf = new Int32Array(pieces.length + 1);
    n = 0;
    pieces.forEach((p, k) => {
      startOf[k] = n;
      for (let i = 0; i < p.length; i++) buckets[n++] = p[i]! & SKETCH_MASK;
    });
    startOf[pieces.length] = n;
    // Squared idf by document frequency: the pieces hold only trigrams below the cap.
    const idf2 = Float64Array.from({ length: Math.ceil(this.cap) + 1 }, (_, df) => Math.log(this.paragraphs / Math.max(1, df)) ** 2);
    topicBefore.fill(0);
    topicAfter.fill(0);
    let dot = 0;
    let nl = 0;
    let nr = 0;
    const out = new Float64Array(pieces.length);
    // Every position enters the window after a gap, moves to the one before it, and leaves.
    let lo = 0;
    let gap = 0;
    let hi = 0;
    for (let k = 1; k < pieces.length; k++) {
      const at = startOf[k]!;
      for (const end = Math.min(n, at + afterMax); hi < end; hi++) {
        const b = buckets[hi]!;
        const w = idf2[sketchCounts[b]!] ?? 0;
        nr += (2 * topicAfter[b]! + 1) * w;
        dot += topicBefore[b]! * w;
        topicAfter[b]!++;
      }
      for (; gap < at; gap++) {
        const b = buckets[gap]!;
        const w = idf2[sketchCounts[b]!] ?? 0;
        topicAfter[b]!--;
        nr -= (2 * topicAfter[b]! + 1) * w;
        dot -= topicBefore[b]! * w;
        nl += (2 * topicBefore[b]! + 1) * w;
        dot += topicAfter[b]! * w;
        topicBefore[b]!++;
      }
      for (; lo < at - beforeMax; lo++) {
        const b = buckets[lo]!;
        const w = idf2[sketchCounts[b]!] ?? 0;
        topicBefore[b]!--;
        nl -= (2 * topicBefore[b]! + 1) * w;
        dot -= topicAfter[b]! * w;
      }
      out[k] = nl > 1e-9 && nr > 1e-9 ? Math.max(0, dot) / Math.sqrt(nl * nr) : 0;
    }
    return out;
  }

  /** The trigram hashes of `text` less the page's common ones. */
  of(text: string): Int32Array {
    if (sketchOwner !== this) throw new Error('PageTrigrams: a newer page was hashed since');
    let entry = this.cache.get(text);
    if (entry === undefined) {
      entry = { hashes: trigramHashes(text), filtered: false };
      this.cache.set(text, entry);
    }
    if (!entry.filtered) {
      const own = entry.hashes;
      let n = 0;
      for (let i = 0; i < own.length; i++) if (sketchCounts[own[i]! & SKETCH_MASK]! < this.cap) own[n++] = own[i]!;
      entry.hashes = own.subarray(0, n);
      entry.filtered = true;
    }
    return entry.hashes;
  }
}

/**
 * Lexical cohesion across a gap between pieces of text, given as the trigram
 * hashes of the pieces in page order (`PageTrigrams.of`): pieces `[at, …)`
 * come after the gap, pieces `[…, at)` before it. The share of the distinct
 * trigrams among the first `afterMax` after the gap that the last `beforeMax`
 * before it have. Within one article it is high, across an article boundary
 * near zero (the idea of Hearst's TextTiling, 1997, with trigrams, which
 * Chinese function words rarely make).
 */
export function cohesion(pieces: readonly Int32Array[], at: number, afterMax: number, beforeMax: number): number {
  let size = 0;
  for (let k = at - 1; k >= 0 && size < beforeMax; k--) size += pieces[k]!.length;
  before.clear(Math.min(size, beforeMax) + afterMax);
  let room = beforeMax;
  for (let k = at - 1; k >= 0 && room > 0; k--) {
    const own = pieces[k]!;
    for (let i = own.length - 1; i >= 0 && room > 0; i--, room--) before.put(before.slot(own[i]!), own[i]!);
  }
  // Each distinct trigram after the gap counts once: marked with count 1 when seen.
  let total = 0;
  let hit = 0;
  room = afterMax;
  for (let k = at; k < pieces.length && room > 0; k++) {
    const own = pieces[k]!;
    for (let i = 0; i < own.length && room > 0; i++, room--) {
      const slot = before.slot(own[i]!);
      if (!before.has(slot)) {
        before.put(slot, own[i]!);
        before.counts[slot] = 1;
        total++;
      } else if (before.counts[slot] === 0) {
        before.counts[slot] = 1;
        total++;
        hit++;
      }
    }
  }
  return total === 0 ? 0 : hit / total;
}

/**
 * `cohesion` at every gap between pieces at once: entry `k` is the cohesion
 * across the gap before piece `k` (0 for the first). The pieces' hashes are
 * laid end to end and each occurrence learns where its trigram last occurred
 * before it, in one pass; then a trigram after the gap is new to the window
 * after it when its last occurrence lies before the gap, and is shared when
 * that occurrence lies within `beforeMax` of the gap. Each gap costs a scan
 * of `afterMax` integers instead of filling a table with the window before.
 */
export function gapCohesions(pieces: readonly Int32Array[], afterMax: number, beforeMax: number): Float64Array {
  let n = 0;
  for (const p of pieces) n += p.length;
  const previous = new Int32Array(n);
  before.clear(n);
  let i = 0;
  for (const p of pieces) {
    for (let j = 0; j < p.length; j++, i++) {
      const slot = before.slot(p[j]!);
      previous[i] = before.has(slot) ? before.counts[slot]! : -1;
      before.put(slot, p[j]!);
      before.counts[slot] = i;
    }
  }
  const out = new Float64Array(pieces.length);
  let gap = pieces[0]?.length ?? 0;
  for (let k = 1; k < pieces.length; k++) {
    let total = 0;
    let hit = 0;
    const from = Math.max(0, gap - beforeMax);
    for (let x = gap, end = Math.min(n, gap + afterMax); x < end; x++) {
      const last = previous[x]!;
      if (last < gap) {
        total++;
        if (last >= from) hit++;
      }
    }
    out[k] = total === 0 ? 0 : hit / total;
    gap += pieces[k]!.length;
  }
  return out;
}

const HAN_FIRST = 0x3400;
/** Per Han character (U+3400 to U+9FFF, less U+3400): its number on the page being read plus one; 0 between pages. */
const characterIds = new Uint16Array(0x9fff - HAN_FIRST + 1);
/** f·log(f + 1) for small counts f. */
const F_LOG_F = Float64Array.from({ length: 1 << 12 }, (_, f) => f * Math.log(f + 1));

function fLogF(f: number): number {
  return f < F_LOG_F.length ? F_LOG_F[f]! : f * Math.log(f + 1);
}

/** A segment's cost under Utiyama and Isahara's model (see `SegmentCosts`): n·log(n + k) − Σ f(w)·log(f(w) + 1). */
function segmentCost(n: number, sumFLogF: number, vocabulary: number): number {
  return n === 0 ? 0 : n * Math.log(n + vocabulary) - sumFLogF;
}

/**
 * The Han characters (U+3400 to U+9FFF) of a page's pieces of text, end to
 * end, each numbered densely in order of first appearance, so that counts
 * per character fit in a small array that stays in cache; where each
 * piece's characters start; and how often each occurs on the page. Read
 * once per page for `SegmentCosts` and `gapSplitGains`.
 */
export class PageCharacters {
  readonly codes: Uint16Array;
  /** Per piece, and one past the last: the index in `codes` of its first character. */
  readonly pieceAt: Int32Array;
  /** Per character number: its occurrences on the page. */
  readonly counts: Int32Array;

  constructor(pieces: readonly string[]) {
    this.codes = new Uint16Array(pieces.reduce((n, p) => n + p.length, 0));
    this.pieceAt = new Int32Array(pieces.length + 1);
    const seen: number[] = [];
    let n = 0;
    pieces.forEach((p, k) => {
      this.pieceAt[k] = n;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i) - HAN_FIRST;
        if (c < 0 || c >= characterIds.length) continue;
        if (characterIds[c] === 0) characterIds[c] = seen.push(c);
        this.codes[n++] = characterIds[c]! - 1;
      }
    });
    this.pieceAt[pieces.length] = n;
    this.codes = this.codes.subarray(0, n);
    this.counts = new Int32Array(seen.length);
    for (let i = 0; i < n; i++) this.counts[this.codes[i]!]!++;
    for (const c of seen) characterIds[c] = 0;
  }

  /** How many different characters the page has. */
  get vocabulary(): number {
    return this.counts.length;
  }
}

/**
 * What splitting the text at each gap between pieces of `characters` saves,
 * in nats: entry `k` is cost(A + B) − cost(A) − cost(B) for the `window` Han
 * characters A before piece `k` and the `window` from it B (0 for the first
 * piece), each costed as one segment under Utiyama and Isahara's model
 * (2001; see `SegmentCosts`) over the pieces' vocabulary. Positive when
 * either side repeats its own characters (two texts on two things), negative
 * when they share them. Where cohesion counts shared trigrams, this weighs
 * every character by how often each side uses it, so short texts and
 * paraphrase still register (the pdf boundary model's gains: `SPLIT_WINDOWS`
 * in trailing.ts). The windows slide: each character enters and leaves each
 * once, and the three sums of f·log(f + 1) are kept up to date.
 */
export function gapSplitGains(characters: PageCharacters, window: number): Float64Array {
  if (2 * window >= F_LOG_F.length) throw new RangeError(`gapSplitGains: a window of ${window} is past the f·log f table`);
  const { codes, pieceAt, vocabulary } = characters;
  const n = codes.length;
  const pieces = pieceAt.length - 1;
  const windowBefore = new Int32Array(vocabulary);
  const windowAfter = new Int32Array(vocabulary);
  // Σ f·log(f + 1) over the window before, the one after and both; the counts stay below the table's end.
  const f = F_LOG_F;
  let sumA = 0;
  let sumB = 0;
  let sumAB = 0;
  const out = new Float64Array(pieces);
  // The before window is [lo, gap), the after window [gap, hi). Crossing the gap leaves a character's count in both
  // together as it was; entering the window after or leaving the one before leaves its count before or after.
  let lo = 0;
  let gap = 0;
  let hi = 0;
  for (let k = 1; k < pieces; k++) {
    const at = pieceAt[k]!;
    for (const end = Math.min(n, at + window); hi < end; hi++) {
      const c = codes[hi]!;
      const a = windowBefore[c]!;
      const b = windowAfter[c]!++;
      sumB += f[b + 1]! - f[b]!;
      sumAB += f[a + b + 1]! - f[a + b]!;
    }
    for (; gap < at; gap++) {
      const c = codes[gap]!;
      const a = windowBefore[c]!++;
      const b = windowAfter[c]!--;
      sumA += f[a + 1]! - f[a]!;
      sumB += f[b - 1]! - f[b]!;
    }
    for (; lo < at - window; lo++) {
      const c = codes[lo]!;
      const a = windowBefore[c]!--;
      const b = windowAfter[c]!;
      sumA += f[a - 1]! - f[a]!;
      sumAB += f[a + b - 1]! - f[a + b]!;
    }
    const a = gap - lo;
    const b = hi - gap;
    out[k] = segmentCost(a + b, sumAB, vocabulary) - segmentCost(a, sumA, vocabulary) - segmentCost(b, sumB, vocabulary);
  }
  return out;
}

/**
 * Per Han character c (less U+3400): its count in the texts before and after a split (`splitGain`), at 2c and 2c + 1,
 * side by side in one cache line; 0 between calls.
 */
const splitCounts = new Int32Array(2 * (0x9fff - HAN_FIRST + 1));

/**
 * What splitting texts `a` from texts `b` saves, in nats: cost(a + b) −
 * cost(a) − cost(b), each costed as one segment under Utiyama and Isahara's
 * model (2001; see `SegmentCosts`) over the vocabulary of the text being
 * split, the different Han characters of both. Positive when each repeats
 * its own characters, negative when they share them. Unlike
 * `gapSplitGains`, which slides windows over a page, it weighs all of both:
 * the end of an article so far and the section after a heading group.
 */
export function splitGain(a: readonly string[], b: readonly string[]): number {
  const counts = splitCounts;
  const touched: number[] = [];
  const tally = (texts: readonly string[], side: number) => {
    let n = 0;
    for (const t of texts) {
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i) - HAN_FIRST;
        if (c < 0 || c > 0x9fff - HAN_FIRST) continue;
        if (counts[2 * c] === 0 && counts[2 * c + 1] === 0) touched.push(c);
        counts[2 * c + side]!++;
        n++;
      }
    }
    return n;
  };
  const nA = tally(a, 0);
  const nB = tally(b, 1);
  let sumA = 0;
  let sumB = 0;
  let sumAB = 0;
  for (const c of touched) {
    const fA = counts[2 * c]!;
    const fB = counts[2 * c + 1]!;
    sumA += fLogF(fA);
    sumB += fLogF(fB);
    sumAB += fLogF(fA + fB);
    counts[2 * c] = 0;
    counts[2 * c + 1] = 0;
  }
  const k = touched.length;
  return segmentCost(nA + nB, sumAB, k) - segmentCost(nA, sumA, k) - segmentCost(nB, sumB, k);
}

/**
 * How well a stretch of pieces (paragraphs, in page order) reads as one
 * text: its cost in nats as one segment under Utiyama and Isahara's
 * statistical model of text segmentation (2001), each segment's Han
 * characters drawn from its own unigram model with Laplace smoothing over
 * the page's vocabulary of k characters. For a segment of n characters in
 * which character w occurs f(w) times the cost is
 * Σ log((n + k) / (f(w) + 1)) over its n characters,
 * which is n·log(n + k) − Σ_w f(w)·log(f(w) + 1). The costs of a page's
 * segments add up to the cost of the page under that segmentation: two
 * articles on different things cost less apart, since each repeats its own
 * words, and one article costs less whole.
 *
 * Segments start and end at the bounds given (a segmentation's candidate
 * starts), and are costed from a start `begin(r)` to growing ends
 * `cost(to)`, so that costing every end from one start is one pass. Each run
 * between two bounds is kept as its characters with their counts (less than
 * half as many as its characters on rmrb pages). A character found once on
 * the page adds log 2 to the sum in whichever segment holds it, so over a
 * page's segments those add up to the same whatever the segmentation: they
 * count in n but are not kept.
 */
export class SegmentCosts {
  /** Per run: its distinct kept characters' numbers and counts, end to end, and where each run's start. */
  private readonly ids: Uint16Array;
  private readonly tallies: Int32Array;
  private readonly idsAt: Int32Array;
  /** How many Han characters come before each run. */
  private readonly hanAt: Int32Array;
  private readonly vocabulary: number;
  /** Per character number: its count in the segment. */
  private readonly counts: Int32Array;
  private from = 0;
  private at = 0;
  /** Σ f(w)·log(f(w) + 1) over the segment so far, page singletons left out. */
  private counted = 0;

  /**
   * `bounds`: the pieces of `characters` where runs start, ascending (pieces before the first are in none), the last
   * run ending with the last piece; by default every piece is a run.
   */
  constructor(characters: PageCharacters, bounds: readonly number[] = Array.from({ length: characters.pieceAt.length - 1 }, (_, k) => k)) {
    const { codes, pieceAt, counts: onPage } = characters;
    const pieces = pieceAt.length - 1;
    this.vocabulary = characters.vocabulary;
    // Each run's tally of the characters found more than once: a character's slot is new when it was last seen
    // before the run.
    const runs = bounds.length;
    this.ids = new Uint16Array(codes.length);
    this.tallies = new Int32Array(codes.length);
    this.idsAt = new Int32Array(runs + 1);
    this.hanAt = new Int32Array(runs + 1);
    const last = new Int32Array(this.vocabulary).fill(-1);
    let kept = 0;
    for (let r = 0; r < runs; r++) {
      const first = kept;
      this.idsAt[r] = kept;
      const from = pieceAt[bounds[r]!]!;
      const to = pieceAt[r + 1 < runs ? bounds[r + 1]! : pieces]!;
      this.hanAt[r] = from;
      for (let i = from; i < to; i++) {
        const id = codes[i]!;
        if (onPage[id] === 1) continue;
        if (last[id]! < first) {
          last[id] = kept;
          this.ids[kept] = id;
          this.tallies[kept++] = 1;
        } else this.tallies[last[id]!]!++;
      }
    }
    this.idsAt[runs] = kept;
    this.hanAt[runs] = pieceAt[pieces]!;
    this.counts = new Int32Array(this.vocabulary);
  }

  /** Starts a segment at run `r`. */
  begin(r: number): void {
    this.counts.fill(0);
    this.from = this.at = r;
    this.counted = 0;
  }

  /** The cost of runs `[r, to)` as one segment, `r` from `begin`; `to` never falls between calls. */
  cost(to: number): number {
    const { ids, tallies, counts } = this;
    let counted = this.counted;
    for (let i = this.idsAt[this.at]!, end = this.idsAt[to]!; i < end; i++) {
      const id = ids[i]!;
      const f = counts[id]!;
      const g = f + tallies[i]!;
      counted += fLogF(g) - fLogF(f);
      counts[id] = g;
    }
    this.counted = counted;
    this.at = to;
    const n = this.hanAt[to]! - this.hanAt[this.from]!;
    return segmentCost(n, counted, this.vocabulary);
  }
}
