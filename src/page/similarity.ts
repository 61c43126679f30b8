/**
 * How much of a heading line a stretch of body text repeats: the share of the
 * line's character bigrams (punctuation and spaces skipped) found in the text.
 * Headlines echo their article's lead; this is how headings extracted out of
 * order are matched back, and how the main headline is told from a kicker.
 */

function isKeyChar(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Calls `f` with the slot of every bigram of key characters of `text` (punctuation and spaces skipped). */
function eachBigram(text: string, f: (slot: number) => void): void {
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isKeyChar(c)) continue;
    if (prev >= 0) {
      let h = Math.imul(prev, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 13;
      f(h & MASK);
    }
    prev = c;
  }
}

/**
 * How much of each line `text` repeats: the share of the line's distinct
 * bigrams found in `text`; 0 for a line with none.
 */
export function echoes(lines: readonly string[], text: string): number[] {
  const mark = nextRound();
  eachBigram(text, (slot) => {
    marks[slot] = mark;
  });
  return lines.map((line) => {
    const r = nextRound();
    let total = 0;
    let hit = 0;
    eachBigram(line, (slot) => {
      if (seen[slot] === r) return;
      seen[slot] = r;
      total++;
      if (marks[slot] === mark) hit++;
    });
    return total === 0 ? 0 : hit / total;
  });
}

export function echo(line: string, text: string): number {
  return echoes([line], text)[0]!;
}

/*
 * Trigram statistics use hashed tables instead of sets: each trigram of Han
 * characters hashes to one of 2^18 slots, and membership is "this slot was
 * stamped in this round". A false hit needs a hash collision (under 1% at the
 * window sizes used here), which moves a cohesion figure by less than its
 * noise, and it makes these functions allocation-free and several times
 * faster than Set<number>. The tables are module scratch space: calls are
 * synchronous and never re-entered.
 */
const BITS = 18;
const MASK = (1 << BITS) - 1;
const seen = new Uint32Array(1 << BITS);
const marks = new Uint32Array(1 << BITS);
/** Paragraph counts per trigram slot, folded to 2^16 slots so a page's reset stays cheap. */
const counts = new Uint16Array(1 << 16);
let round = 0;

function nextRound(): number {
  if (++round === 0xffffffff) {
    seen.fill(0);
    marks.fill(0);
    round = 1;
  }
  return round;
}

/** Calls `f` with the slot of every Han trigram of `text`, in order. */
function eachTrigram(text: string, f: (slot: number) => void): void {
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400 || c > 0x9fff) continue;
    if (a >= 0) {
      let h = Math.imul(a, 0x01000193) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 13;
      f(h & MASK);
    }
    a = b;
    b = c;
  }
}

/** Trigrams found in many paragraphs of a page; see `cohesion`. */
export interface Common {
  has(slot: number): boolean;
}

/**
 * Trigrams found in many paragraphs of a page (中华人民共和国成立70周年 on a
 * page of anniversary news): they tie every article to every other, so
 * cohesion ignores them. Valid until the next call (it reads the shared table).
 */
export function commonTrigrams(paragraphs: string[]): Common {
  counts.fill(0);
  for (const p of paragraphs) {
    const r = nextRound();
    eachTrigram(p, (slot) => {
      if (seen[slot] !== r) {
        seen[slot] = r;
        const c = slot & 0xffff;
        if (counts[c]! < 0xffff) counts[c]!++;
      }
    });
  }
  const cap = Math.max(4, paragraphs.length * 0.1);
  return { has: (slot) => counts[slot & 0xffff]! >= cap };
}

/**
 * Lexical cohesion of two stretches of text: the share of the trigrams of
 * `after` (less the page's common ones) that `before` has. Within one article
 * it is high, across an article boundary near zero (the idea of Hearst's
 * TextTiling, 1997, with trigrams, which Chinese function words rarely make).
 */
export function cohesion(after: string, before: string, common: Common): number {
  const mark = nextRound();
  eachTrigram(before, (slot) => {
    marks[slot] = mark;
  });
  const r = nextRound();
  let total = 0;
  let hit = 0;
  eachTrigram(after, (slot) => {
    if (seen[slot] === r || common.has(slot)) return;
    seen[slot] = r;
    total++;
    if (marks[slot] === mark) hit++;
  });
  return total === 0 ? 0 : hit / total;
}
