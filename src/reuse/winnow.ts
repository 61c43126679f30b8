/**
 * Winnowing (Schleimer, Wilkerson & Aiken, "Winnowing: local algorithms for
 * document fingerprinting", SIGMOD 2003): of every window of `w` consecutive
 * n-gram hashes, keep the minimum (the rightmost one on ties), each selected
 * position once.
 *
 * Guarantee: two keys that share a run of at least `w + n - 1` characters
 * share a whole window of `w` n-grams, hence that window's minimum: at least
 * one fingerprint with the same hash. Runs shorter than `n` are never found.
 * A key with fewer than `w` n-grams yields its single minimum.
 *
 * Runs in O(length) with a monotone deque.
 */
import { ngramHashes } from './ngramHashes.js';

export interface Fingerprints {
  /** Hash of each selected n-gram. */
  hash: Uint32Array;
  /** Its position in the key (UTF-16 units), ascending. */
  pos: Uint32Array;
}

export function winnow(key: string, n: number, w: number): Fingerprints {
  return winnowHashes(ngramHashes(key, n), w);
}

/** Winnowing over precomputed n-gram hashes (see `ngramHashes`). */
export function winnowHashes(hashes: Uint32Array, w: number): Fingerprints {
  const count = hashes.length;
  if (count === 0) return { hash: new Uint32Array(0), pos: new Uint32Array(0) };
  const win = Math.max(1, Math.min(w, count));
  const deque = new Int32Array(count);
  let head = 0;
  let tail = 0;
  const pos = new Uint32Array(Math.ceil((2 * count) / (win + 1)) + 2);
  let out = 0;
  let last = -1;
  let posArr = pos;
  for (let i = 0; i < count; i++) {
    const h = hashes[i]!;
    while (tail > head && hashes[deque[tail - 1]!]! >= h) tail--;
    deque[tail++] = i;
    if (deque[head]! <= i - win) head++;
    if (i >= win - 1) {
      const m = deque[head]!;
      if (m !== last) {
        if (out === posArr.length) {
          const grown = new Uint32Array(posArr.length * 2);
          grown.set(posArr);
          posArr = grown;
        }
        posArr[out++] = m;
        last = m;
      }
    }
  }
  const p = posArr.slice(0, out);
  const hash = new Uint32Array(out);
  for (let k = 0; k < out; k++) hash[k] = hashes[p[k]!]!;
  return { hash, pos: p };
}
