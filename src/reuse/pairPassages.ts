/**
 * The passages of one candidate pair, as `detect` reports them: the pair's
 * match keys aligned, key ranges mapped back to each `Doc.text` and widened
 * over adjacent punctuation. For callers that find candidates themselves
 * (the store's incremental detection) and need the same passages `detect`
 * gives. `x` is the earlier document (the caller orients the pair); `widen`
 * is detect.ts's own.
 */
import type { Doc, Passage } from './types.js';
import { keyToText } from './matchKey.js';
import type { MatchKey } from './matchKey.js';
import { align } from './align.js';
import { ngramHashes } from './ngramHashes.js';
import { winnowHashes } from './winnow.js';
import type { DetectOptions } from './detect.js';
import { widen } from './detect.js';

export function pairPassages(
  x: Doc,
  kx: MatchKey,
  y: Doc,
  ky: MatchKey,
  opts: Pick<DetectOptions, 'ngram' | 'gap' | 'minLength'>,
  isCommon?: (hash: number) => boolean,
): Passage[] {
  const found = align(kx.key, ky.key, { ngram: opts.ngram, gap: opts.gap, minLength: opts.minLength, isCommon });
  return found.map((p) => ({
    a: { id: x.id, ...widen(x.text, keyToText(kx, x.text, p.aStart, p.aEnd)) },
    b: { id: y.id, ...widen(y.text, keyToText(ky, y.text, p.bStart, p.bEnd)) },
    chars: p.chars,
    identity: p.chars > 0 ? p.matches / p.chars : 0,
  }));
}

/** A key's distinct winnowed fingerprints (`detect`'s, per document), ascending. */
export function fingerprints(key: string, ngram: number, window: number): Uint32Array {
  const h = winnowHashes(ngramHashes(key, ngram), window).hash;
  return Uint32Array.from(new Set(h)).sort();
}

