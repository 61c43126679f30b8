/**
 * How much of a heading line a stretch of body text repeats: the share of the
 * line's character bigrams (punctuation and spaces skipped) found in the text.
 * Headlines echo their article's lead; this is how headings extracted out of
 * order are matched back, and how the main headline is told from a kicker.
 */

function isKeyChar(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** The bigram set of `text`, over key characters only. */
export function bigrams(text: string): Set<number> {
  const set = new Set<number>();
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isKeyChar(c)) continue;
    if (prev >= 0) set.add(prev * 65536 + c);
    prev = c;
  }
  return set;
}

/** Share of the bigrams of `line` that occur in `set`; 0 for a line with none. */
export function containment(line: string, set: Set<number>): number {
  let total = 0;
  let hit = 0;
  let prev = -1;
  const seen = new Set<number>();
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (!isKeyChar(c)) continue;
    if (prev >= 0) {
      const g = prev * 65536 + c;
      if (!seen.has(g)) {
        seen.add(g);
        total++;
        if (set.has(g)) hit++;
      }
    }
    prev = c;
  }
  return total === 0 ? 0 : hit / total;
}
