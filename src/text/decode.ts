/**
 * Bytes to page text. Detects UTF-8 (with or without BOM), UTF-16 with BOM
 * and GB18030/GBK without being told, and normalises CRLF and CR to LF.
 *
 * GBK is decoded with the `gb18030` label on purpose: Node's `gbk` label maps
 * to ICU's cp936, which loses 4-byte sequences (see docs/decisions.md).
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: Encoding;
}

/** The input cannot be read as page text; `problem` is one line for the user. */
export class DecodeError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'DecodeError';
  }
}

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new DecodeError('empty file');
  const { encoding, offset } = sniff(bytes);
  let raw: string;
  try {
    raw = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(offset));
  } catch {
    throw new DecodeError(`not valid ${encoding} text`);
  }
  const text = normaliseLineEnds(raw);
  checkText(text);
  return { text, encoding };
}

function sniff(bytes: Uint8Array): { encoding: Encoding; offset: number } {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', offset: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', offset: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', offset: 2 };
  if (bytes.includes(0)) throw new DecodeError('binary file (NUL bytes and no UTF-16 byte-order mark)');
  if (isUtf8(bytes)) return { encoding: 'utf-8', offset: 0 };
  return { encoding: 'gb18030', offset: 0 };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function normaliseLineEnds(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

/**
 * Text that decodes but is not page text: nothing but white space, control
 * characters, or a GB18030 decoding of binary data (which yields mostly rare
 * code points rather than common Han characters and punctuation).
 */
function checkText(text: string): void {
  let visible = 0;
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x3000 || c === 0x0c) continue;
    visible++;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) odd++;
  }
  if (visible === 0) throw new DecodeError('no text (only white space)');
  if (odd > 0 && odd / visible > 0.01) throw new DecodeError('binary or undecodable content (control or private-use characters)');
}
