/**
 * The match key of a text: what two copies of a passage still share after
 * layout, typography and script have been taken away. Alignment runs on keys
 * and reports offsets in the original text through `map`.
 *
 * A key keeps only letters, numbers and combining marks (Unicode L, N, M):
 * whitespace, punctuation and symbols (■, ★, ℃) are dropped. Each kept
 * character is
 * - converted from traditional to simplified script with OpenCC's `t2s`
 *   (opencc-js `{from: 't', to: 'cn'}`, run by `t2s.ts`), once per text so
 *   that its phrase rules see their context;
 * - folded with NFKC (full-width ＡＢＣ１２３ → ABC123, ① → 1) and lower-cased.
 *
 * `t2s` keeps the number of code points but not always the UTF-16 length
 * (about 220 dictionary entries swap a BMP character for an astral one or back),
 * so the converted text is walked in step with the input per code point. NFKC
 * is applied per character (a cached table), so a base letter and a separate
 * combining accent stay two key units instead of composing.
 */
import { t2s } from './t2s.js';

export interface MatchKey {
  /** The key text. */
  key: string;
  /** For each UTF-16 unit of `key`: the offset in the input text of the code point it came from. */
  map: Uint32Array;
}

const UNKNOWN = -2;
const DROP = -1;
const EXPANDS = -3;
/** BMP fold table, filled lazily: DROP, a single key unit, or EXPANDS (see `expansions`). */
const FOLD = new Int32Array(0x10000).fill(UNKNOWN);
const expansions = new Map<number, string>();
const astral = new Map<number, string>();
const KEEP = /[\p{L}\p{N}\p{M}]/u;

function foldString(ch: string): string {
  let out = '';
  for (const c of ch.normalize('NFKC').toLowerCase()) if (KEEP.test(c)) out += c;
  return out;
}

function foldBmp(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return (FOLD[c] = DROP); // a lone surrogate
  const f = foldString(String.fromCharCode(c));
  if (f.length === 0) return (FOLD[c] = DROP);
  if (f.length === 1) return (FOLD[c] = f.charCodeAt(0));
  expansions.set(c, f);
  return (FOLD[c] = EXPANDS);
}

function foldAstral(cp: number): string {
  let f = astral.get(cp);
  if (f === undefined) astral.set(cp, (f = foldString(String.fromCodePoint(cp))));
  return f;
}

/** The match key of `text` with its offset map (see the module comment). */
export function matchKey(text: string): MatchKey {
  const converted = t2s(text);
  return build(text, converted, true) ?? build(text, perCodePoint(text), true)!;
}

const docKeys = new WeakMap<{ text: string }, MatchKey>();

/** `matchKey(doc.text)`, computed once per document object (stories and explanations ask for the same documents' keys again and again). */
export function docKey(doc: { text: string }): MatchKey {
  let k = docKeys.get(doc);
  if (!k) docKeys.set(doc, (k = matchKey(doc.text)));
  return k;
}

/** Just the key string of `matchKey(text)`, without building the offset map's copy. */
export function matchKeyText(text: string): string {
  const converted = t2s(text);
  return (build(text, converted, false) ?? build(text, perCodePoint(text), false)!).key;
}

/** Fallback when the converter changed the number of code points: convert each one alone. */
function perCodePoint(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = t2s(ch);
    out += [...c].length === 1 ? c : ch;
  }
  return out;
}

/** Scratch buffers of `build`, grown as needed and reused: a key is at most a few units per input unit. */
let unitsBuf = new Uint16Array(1024);
let mapBuf = new Uint32Array(1024);

function build(text: string, conv: string, withMap: boolean): MatchKey | null {
  if (unitsBuf.length < text.length + 16) {
    unitsBuf = new Uint16Array(text.length * 2 + 16);
    mapBuf = new Uint32Array(text.length * 2 + 16);
  }
  let units = unitsBuf;
  let map = mapBuf;
  let n = 0;
  const push = (u: number, at: number): void => {
    if (n === units.length) {
      const u2 = new Uint16Array(units.length * 2);
      u2.set(units);
      units = unitsBuf = u2;
      const m2 = new Uint32Array(map.length * 2);
      m2.set(map);
      map = mapBuf = m2;
    }
    units[n] = u;
    map[n++] = at;
  };
  let i = 0;
  let j = 0;
  const len = text.length;
  const clen = conv.length;
  while (i < len) {
    if (j >= clen) return null;
    const a = text.charCodeAt(i);
    const la = a >= 0xd800 && a <= 0xdbff && i + 1 < len ? 2 : 1;
    const b = conv.charCodeAt(j);
    if (b < 0xd800 || b > 0xdbff || j + 1 >= clen) {
      let f = FOLD[b]!;
      if (f === UNKNOWN) f = foldBmp(b);
      if (f >= 0) {
        if (n < units.length) {
          units[n] = f;
          map[n++] = i;
        } else push(f, i);
      } else if (f === EXPANDS) {
        const s = expansions.get(b)!;
        for (let k = 0; k < s.length; k++) push(s.charCodeAt(k), i);
      }
      j += 1;
    } else {
      const s = foldAstral(conv.codePointAt(j)!);
      for (let k = 0; k < s.length; k++) push(s.charCodeAt(k), i);
      j += 2;
    }
    i += la;
  }
  if (j !== clen) return null;
  return { key: unitsToString(units, n), map: withMap ? map.slice(0, n) : EMPTY };
}

const EMPTY = new Uint32Array(0);
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

function unitsToString(units: Uint16Array, n: number): string {
  if (n > 64) return utf16.decode(units.subarray(0, n));
  let s = '';
  for (let k = 0; k < n; k += 4096) s += String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + 4096)) as unknown as number[]);
  return s;
}

/**
 * The text range `[start, end)` that the key range `[ks, ke)` came from:
 * from the first code point of the first key unit to the end of the code point
 * of the last one. `ks < ke` is required.
 */
export function keyToText(mk: MatchKey, text: string, ks: number, ke: number): { start: number; end: number } {
  const start = mk.map[ks]!;
  const last = mk.map[ke - 1]!;
  const c = text.charCodeAt(last);
  const end = last + (c >= 0xd800 && c <= 0xdbff && last + 1 < text.length ? 2 : 1);
  return { start, end };
}
