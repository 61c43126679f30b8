/**
 * Reflow: the text of a page range as a reader sees it. Hard column wraps and
 * column breaks (any white space that contains a line break) are joined; a
 * single space is kept where the break falls between two Latin letters or
 * digits (a space between words), none between CJK characters. Runs of spaces
 * inside a line shrink to one; white space at either end is dropped.
 *
 * The page text is never edited: the result carries `map`, the page offset of
 * each UTF-16 unit of `text` (a kept space maps to the first white-space unit
 * of its run).
 */
export interface Reflowed {
  text: string;
  map: Uint32Array;
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x3000 || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0x0d;
}

function isLatinWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f);
}

export function reflow(page: string, start = 0, end = page.length): Reflowed {
  const codes: number[] = [];
  const map = new Uint32Array(Math.max(0, end - start));
  let n = 0;
  let i = start;
  while (i < end && isSpace(page.charCodeAt(i))) i++;
  while (i < end) {
    const c = page.charCodeAt(i);
    if (!isSpace(c)) {
      codes.push(c);
      map[n++] = i++;
      continue;
    }
    const runStart = i;
    let hasBreak = false;
    while (i < end && isSpace(page.charCodeAt(i))) {
      if (page.charCodeAt(i) === 0x0a) hasBreak = true;
      i++;
    }
    if (i >= end) break;
    const before = page.charCodeAt(runStart - 1);
    const after = page.charCodeAt(i);
    if (!hasBreak || (isLatinWord(before) && isLatinWord(after))) {
      codes.push(0x20);
      map[n++] = runStart;
    }
  }
  let text = '';
  for (let k = 0; k < codes.length; k += 8192) text += String.fromCharCode(...codes.slice(k, k + 8192));
  return { text, map: map.slice(0, n) };
}

/** The text of `reflow(page, start, end)` alone, without building the offset map. */
export function reflowText(page: string, start = 0, end = page.length): string {
  let out = '';
  let i = start;
  while (i < end && isSpace(page.charCodeAt(i))) i++;
  let runStart = i;
  while (i < end) {
    if (!isSpace(page.charCodeAt(i))) {
      i++;
      continue;
    }
    const wordEnd = i;
    let hasBreak = false;
    while (i < end && isSpace(page.charCodeAt(i))) {
      if (page.charCodeAt(i) === 0x0a) hasBreak = true;
      i++;
    }
    out += page.slice(runStart, wordEnd);
    if (i < end && (!hasBreak || (isLatinWord(page.charCodeAt(wordEnd - 1)) && isLatinWord(page.charCodeAt(i))))) out += ' ';
    runStart = i;
  }
  return out + page.slice(runStart, i);
}
