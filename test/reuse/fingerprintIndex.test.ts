import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintIndex, candidatePairs, isCommon, isStock, PostingsBuilder } from '../../src/reuse/fingerprintIndex.js';

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

test('with series, the cap counts outlets: a story in many documents of few outlets each stays, a phrase outlets keep using goes', () => {
  // hash 5: 6 documents in 6 series; hash 6: 6 documents, 2 in each of 3 series; hash 7: 6 documents in 2 series.
  const perDoc = [u(5, 6, 7), u(5, 6, 7), u(5, 6, 7), u(5, 6, 7), u(5, 6, 7), u(5, 6, 7), u(8)];
  const series = [0, 1, 2, 3, 4, 5, 0];
  const seriesOf6 = [0, 0, 1, 1, 2, 2, 0];
  const bySeries = fingerprintIndex(perDoc, 3, series);
  assert.ok(isCommon(bySeries, 5), 'in 6 series > 3');
  const twoEach = fingerprintIndex(perDoc, 3, seriesOf6);
  assert.ok(!isCommon(twoEach, 5) && !isCommon(twoEach, 6), '6 documents, 2 per series in 3 series: a story');
  assert.equal([...twoEach.hash].filter((h) => h === 6).length, 6);
  const fewOutlets = fingerprintIndex(perDoc, 3, [0, 1, 0, 1, 0, 1, 0]);
  assert.ok(isCommon(fewOutlets, 7), '6 documents in 2 series: a stock phrase');
  // without series every document counts
  const byDoc = fingerprintIndex(perDoc, 3);
  assert.deepEqual([...byDoc.common], [5, 6, 7]);
  assert.equal(isStock(6, 3, 3), false);
  assert.equal(isStock(7, 3, 3), true);
  assert.equal(isStock(3, 3, 3), false);
});

test('PostingsBuilder: the same index as fingerprintIndex, singletons left out on request, documents in order only', () => {
  const perDoc = [u(1, 2, 9), u(1, 3, 9, 9), u(1, 3), u(4), u(0xffffffff, 0x80000000, 3)];
  const b = new PostingsBuilder();
  perDoc.forEach((h, d) => b.add(d, h));
  const idx = b.finish(perDoc.length, 2, undefined, true);
  assert.deepEqual([...idx.common], [1, 3]); // in three documents each: above the cap of 2
  assert.deepEqual([...idx.hash], [9, 9]); // 2, 4 and the top-bit hashes are in one document each
  assert.deepEqual([...idx.doc], [0, 1]);
  const full = fingerprintIndex(perDoc, 3);
  assert.deepEqual([...full.hash], [1, 1, 1, 2, 3, 3, 3, 4, 9, 9, 0x80000000, 0xffffffff]);
  assert.deepEqual([...full.doc], [0, 1, 2, 0, 1, 2, 4, 3, 0, 1, 4, 4]);
  const c = new PostingsBuilder();
  c.add(1, u(1));
  assert.throws(() => c.add(0, u(1)), RangeError);
});

test('candidatePairs: counting in small chunks of first documents gives the same candidates', () => {
  // 60 documents, hashes shared at random: many pairs, some sharing several hashes.
  let s = 7;
  const rnd = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % n);
  const perDoc = Array.from({ length: 60 }, () => Uint32Array.from({ length: 30 }, () => rnd(200)));
  const meta = perDoc.map((_, d) => ({ series: d % 5, day: rnd(10) }));
  const idx = fingerprintIndex(perDoc, 20);
  const opts = { minShared: 2, withinSeries: false, days: 4 };
  const whole = candidatePairs(idx, meta, opts);
  assert.ok(whole.a.length > 100);
  for (const chunk of [1, 7, 100]) {
    const parts = candidatePairs(idx, meta, opts, chunk);
    assert.deepEqual([...parts.a], [...whole.a]);
    assert.deepEqual([...parts.b], [...whole.b]);
    assert.deepEqual([...parts.shared], [...whole.shared]);
  }
});
