import { test } from 'node:test';
import assert from 'node:assert/strict';
import { score, unionLength, type Pair } from '../../bench/pan.js';

const pair = (a: [string, number, number], b: [string, number, number]): Pair => ({
  a: { id: a[0], start: a[1], end: a[2] },
  b: { id: b[0], start: b[1], end: b[2] },
});
const close = (x: number, y: number) => assert.ok(Math.abs(x - y) < 1e-9, `${x} ≉ ${y}`);

test('unionLength merges overlapping and touching intervals', () => {
  assert.equal(unionLength([]), 0);
  assert.equal(unionLength([[0, 10], [5, 15], [15, 20], [30, 31]]), 21);
});

test('a perfect detection scores 1 everywhere', () => {
  const s = pair(['A', 0, 100], ['B', 10, 110]);
  const r = score([s], [s]);
  assert.deepEqual(
    [r.precision, r.recall, r.granularity, r.plagdet, r.pairRecall, r.pairPrecision, r.medianBoundaryError],
    [1, 1, 1, 1, 1, 1, 0],
  );
});

test('half a case: recall 0.5, precision 1, plagdet = F1', () => {
  const r = score([pair(['A', 0, 100], ['B', 0, 100])], [pair(['A', 0, 50], ['B', 0, 50])]);
  close(r.recall, 100 / 200);
  close(r.precision, 1);
  close(r.granularity, 1);
  close(r.plagdet, (2 * 0.5) / 1.5);
  // boundary errors 0, 50, 0, 50 → median 25
  assert.equal(r.medianBoundaryError, 25);
});

test('a case found in two pieces has granularity 2', () => {
  const r = score(
    [pair(['A', 0, 100], ['B', 0, 100])],
    [pair(['A', 0, 50], ['B', 0, 50]), pair(['A', 50, 100], ['B', 50, 100])],
  );
  close(r.recall, 1);
  close(r.precision, 1);
  close(r.granularity, 2);
  close(r.plagdet, 1 / Math.log2(3));
  assert.equal(r.medianBoundaryError, 0);
});

test('detections are unordered pairs: swapped sides count', () => {
  const r = score([pair(['A', 0, 100], ['B', 200, 260])], [pair(['B', 200, 260], ['A', 0, 100])]);
  close(r.recall, 1);
  close(r.precision, 1);
});

test('a detection between other documents is a false positive', () => {
  const s = pair(['A', 0, 100], ['B', 0, 100]);
  const r = score([s], [s, pair(['A', 0, 100], ['C', 0, 100])]);
  close(r.precision, 0.5);
  close(r.recall, 1);
  close(r.pairPrecision, 0.5);
});

test('overlap on one side only does not detect', () => {
  const r = score([pair(['A', 0, 100], ['B', 0, 100])], [pair(['A', 0, 100], ['B', 200, 300])]);
  close(r.recall, 0);
  close(r.precision, 0);
  close(r.pairRecall, 0);
  assert.equal(r.medianBoundaryError, null);
});

test('an overlong detection loses precision, not recall', () => {
  const r = score([pair(['A', 0, 100], ['B', 0, 100])], [pair(['A', 0, 200], ['B', 0, 100])]);
  close(r.precision, 200 / 300);
  close(r.recall, 1);
  close(r.microPrecision, 200 / 300);
  // boundary errors 0, 100, 0, 0 → median 0
  assert.equal(r.medianBoundaryError, 0);
});

test('macro and micro averages differ on unequal cases', () => {
  const cases = [pair(['A', 0, 100], ['B', 0, 100]), pair(['C', 0, 10], ['D', 0, 10])];
  const r = score(cases, [cases[0]!]);
  close(r.recall, 0.5); // (1 + 0) / 2
  close(r.microRecall, 200 / 220);
});

test('include: detections of excluded cases are left out', () => {
  const cases = [pair(['A', 0, 100], ['B', 0, 100]), pair(['C', 0, 100], ['D', 0, 100])];
  const dets = [pair(['A', 0, 100], ['B', 0, 60]), pair(['C', 0, 100], ['D', 0, 100]), pair(['E', 0, 10], ['F', 0, 10])];
  const r = score(cases, dets, { include: (i) => i === 0 });
  assert.equal(r.cases, 1);
  assert.equal(r.detections, 2); // the A–B one and the false E–F one
  close(r.recall, 160 / 200);
  close(r.precision, (1 + 0) / 2);
});

test('two cases in the same document pair are scored apart', () => {
  const cases = [pair(['A', 0, 100], ['B', 0, 100]), pair(['B', 500, 600], ['A', 300, 400])];
  const dets = [pair(['A', 0, 100], ['B', 0, 100]), pair(['A', 300, 400], ['B', 500, 600])];
  const r = score(cases, dets);
  close(r.recall, 1);
  close(r.precision, 1);
  close(r.granularity, 1);
});
