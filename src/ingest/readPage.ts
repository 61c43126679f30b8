import { readFileSync } from 'node:fs';
import { decode, DecodeError } from '../text/decode.js';
import type { Encoding } from '../text/decode.js';

export type ReadResult = { text: string; encoding: Encoding } | { problem: string };

/** Reads and decodes one page file; a file that cannot be read yields its one-line problem. */
export function readPage(file: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return { problem: `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    return decode(bytes);
  } catch (err) {
    if (err instanceof DecodeError) return { problem: err.problem };
    throw err;
  }
}
