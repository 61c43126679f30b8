/**
 * Hashes of every character n-gram of a match key: a rolling 32-bit
 * polynomial hash (base 0x01000193, wrapping multiplication with `Math.imul`),
 * finished with MurmurHash3's fmix32 so that neighbouring n-grams get
 * unrelated values (winnowing picks minima, which needs well-spread hashes).
 * Entry `i` is the hash of `key[i, i + n)`; a key shorter than `n` has none.
 * Measured at about 390 M n-grams/s (DEPENDENCIES.md §6).
 */
const BASE = 0x01000193;

export function ngramHashes(key: string, n: number, scratch?: Uint32Array): Uint32Array {
  const count = key.length - n + 1;
  if (n < 1 || count <= 0) return new Uint32Array(0);
  // With a large enough `scratch`, the hashes are written there (a view of it is returned).
  const out = scratch && scratch.length >= count ? scratch.subarray(0, count) : new Uint32Array(count);
  let top = 1; // BASE^(n-1)
  for (let k = 1; k < n; k++) top = Math.imul(top, BASE);
  let h = 0;
  for (let k = 0; k < n; k++) h = (Math.imul(h, BASE) + key.charCodeAt(k)) | 0;
  out[0] = fmix32(h);
  for (let i = 1; i < count; i++) {
    h = (Math.imul(h - Math.imul(key.charCodeAt(i - 1), top), BASE) + key.charCodeAt(i + n - 1)) | 0;
    out[i] = fmix32(h);
  }
  return out;
}

/** MurmurHash3's 32-bit finaliser. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
