import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintIndex, candidatePairs, isCommon } from '../../src/reuse/fingerprintIndex.js';

const u = (...xs: number[]) => Uint32Array.from(xs);

test('fingerprintIndex drops hashes above the document-frequency cap', () => {
  const idx = fingerprintIndex([u(1, 2, 9), u(1, 3, 9, 9), u(1, 3), u(4)], 2);
  assert.deepEqual([...idx.common], [1]);
  assert.ok(isCommon(idx, 1));
  assert.ok(!isCommon(idx, 3));
  assert.deepEqual([...idx.hash], [2, 3, 3, 4, 9, 9]);
  assert.deepEqual([...idx.doc], [0, 1, 2, 3, 0, 1]);
});

test('candidatePairs: enough shared rare fingerprints, across series, within the date window', () => {
  const idx = fingerprintIndex([u(1, 2, 3), u(1, 2, 3), u(1, 2, 3), u(1, 2, 7)], 10);
  const meta = [
    { series: 0, day: 100 },
    { series: 1, day: 101 },
    { series: 0, day: 100 },
    { series: 1, day: 130 },
  ];
  const c = candidatePairs(idx, meta, { minShared: 3, withinSeries: false, days: 7 });
  assert.deepEqual([...c.a], [0, 1]);
  assert.deepEqual([...c.b], [1, 2]);
  assert.deepEqual([...c.shared], [3, 3]);
  const all = candidatePairs(idx, meta, { minShared: 2, withinSeries: true, days: Infinity });
  assert.equal(all.a.length, 6);
  const undated = candidatePairs(idx, meta.map((m) => ({ ...m, day: NaN })), { minShared: 2, withinSeries: false, days: 0 });
  assert.equal(undated.a.length, 4);
});
