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
 * Runs in O(length) on average (see `winnowHashes`).
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

/**
 * Winnowing over precomputed n-gram hashes (see `ngramHashes`), by the
 * paper's own method: keep the current minimum; a new hash at or below it
 * becomes the minimum, and only when the minimum leaves the window is the
 * window scanned again (about 2/(w+1) of the steps), rightmost minimum first.
 */
export function winnowHashes(hashes: Uint32Array, w: number): Fingerprints {
  const pos = new Uint32Array(hashes.length);
  const n = winnowPositionsInto(hashes, w, pos);
  const p = pos.slice(0, n);
  const hash = new Uint32Array(n);
  for (let k = 0; k < n; k++) hash[k] = hashes[p[k]!]!;
  return { hash, pos: p };
}

/**
 * The fingerprint hashes of `winnowHashes(hashes, w)`, written into `out`
 * (at least `hashes.length` long); returns how many. No allocation, for
 * streaming many documents.
 */
export function winnowHashesInto(hashes: Uint32Array, w: number, out: Uint32Array): number {
  const n = winnowPositionsInto(hashes, w, out);
  for (let k = 0; k < n; k++) out[k] = hashes[out[k]!]!;
  return n;
}

/** The positions of the fingerprints, written into `out` (at least `hashes.length` long); returns how many. */
function winnowPositionsInto(hashes: Uint32Array, w: number, out: Uint32Array): number {
  const count = hashes.length;
  if (count === 0) return 0;
  const win = Math.max(1, Math.min(w, count));
  let n = 0;
  let min = -1;
  let last = -1;
  for (let i = 0; i < count; i++) {
    const h = hashes[i]!;
    if (min >= 0 && min > i - win) {
      if (h <= hashes[min]!) min = i;
    } else {
      // (Re)scan the window ending at i, keeping the rightmost minimum.
      min = Math.max(0, i - win + 1);
      for (let k = min + 1; k <= i; k++) if (hashes[k]! <= hashes[min]!) min = k;
    }
    if (i >= win - 1 && min !== last) {
      out[n++] = min;
      last = min;
    }
  }
  return n;
}
