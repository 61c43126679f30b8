import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { winnow, winnowHashes, winnowHashesInto } from '../../src/reuse/winnow.js';
import { ngramHashes } from '../../src/reuse/ngramHashes.js';

const cjk = fc.integer({ min: 0x4e00, max: 0x4e00 + 300 }).map((c) => String.fromCharCode(c));
const text = (min: number, max: number) => fc.array(cjk, { minLength: min, maxLength: max }).map((a) => a.join(''));

test('ngramHashes rolls: the same n-gram has the same hash anywhere', () => {
  const h = ngramHashes('甲乙丙丁戊甲乙丙丁戊', 5);
  assert.equal(h.length, 6);
  assert.equal(h[0], h[5]);
  assert.notEqual(h[0], h[1]);
  assert.equal(ngramHashes('甲乙', 5).length, 0);
});

test('winnow: any shared run of w + n - 1 characters shares a fingerprint (Schleimer et al. 2003)', () => {
  const n = 5;
  const w = 10;
  fc.assert(
    fc.property(text(0, 60), text(0, 60), text(w + n - 1, 40), text(0, 60), (a1, b1, shared, a2) => {
      const fa = new Set(winnow(a1 + shared + a2, n, w).hash);
      const fb = winnow(b1 + shared, n, w).hash;
      return [...fb].some((h) => fa.has(h));
    }),
    { numRuns: 300 },
  );
});

test('winnow selects positions in order, each once, about 2/(w+1) of them', () => {
  const key = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 3000))).join('');
  const fp = winnow(key, 5, 10);
  for (let i = 1; i < fp.pos.length; i++) assert.ok(fp.pos[i]! > fp.pos[i - 1]!);
  const density = fp.pos.length / key.length;
  assert.ok(density > 0.12 && density < 0.25, `density ${density}`);
  assert.equal(winnow('甲乙丙丁戊己', 5, 10).hash.length, 1);
});

test('winnowHashesInto writes the hashes winnowHashes selects', () => {
  let s = 3;
  for (let t = 0; t < 50; t++) {
    const len = (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 300;
    const hashes = Uint32Array.from({ length: len }, () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24));
    const out = new Uint32Array(len);
    const n = winnowHashesInto(hashes, 10, out);
    assert.deepEqual([...out.subarray(0, n)], [...winnowHashes(hashes, 10).hash]);
  }
});
