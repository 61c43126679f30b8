import { test } from 'node:test';
import assert from 'node:assert/strict';
import { align } from '../../src/reuse/align.js';
import { matchKey } from '../../src/reuse/matchKey.js';

const opts = { ngram: 5, gap: 100, minLength: 50 };
// Two distinct 120-character passages A and P, and filler that shares nothing.
const A = matchKey('国务院新闻办公室九日发布白皮书全面介绍我国粮食安全取得的巨大成就白皮书指出中国坚持立足国内基本自给的方针以我为主立足国内确保产能适度进口科技支撑走出了一条中国特色粮食安全之路粮食生产能力稳步提升人均占有量超过世界平均水平').key;
const P = matchKey('外交部发言人在例行记者会上回答提问时表示双方将在互利共赢的基础上深化经贸能源科技人文等领域合作推动两国关系不断向前发展中方愿同各方一道维护多边主义和自由贸易体制共同应对全球性挑战为世界和平与发展作出更大贡献').key;
const filler = (seed: number, n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((seed * 7919 + i * 104729) % 20000))).join('');

test('seed ranges: a passage is found when its seeds are allowed, and only then', () => {
  const a = A + filler(1, 400) + P;
  const b = P + filler(2, 300) + A;
  const all = align(a, b, opts);
  assert.equal(all.length, 2);
  // seeds allowed around A in a (and anywhere in b): only A's passage
  const onlyA = align(a, b, { ...opts, aSeeds: Int32Array.of(0, 60) });
  assert.deepEqual(
    onlyA.map((p) => [p.aStart, p.aEnd]),
    [[0, A.length]],
    'runs widen past the seed range to the whole passage',
  );
  assert.deepEqual(align(a, b, { ...opts, aSeeds: Int32Array.of(150, 300) }), []);
});

test('two passages that both claim a few characters at a seam are trimmed apart', () => {
  // b repeats the seam word: a = X 慰问 Y, b = Y' … X 慰问 … 慰问 Y
  const X = A.slice(0, 80);
  const Y = P.slice(0, 80);
  const a = X + '慰问' + Y;
  const b = filler(3, 50) + '慰问' + Y + filler(4, 200) + X + '慰问' + filler(5, 50);
  const ps = align(a, b, opts);
  assert.equal(ps.length, 2);
  const [p, q] = ps;
  assert.ok(p!.aEnd <= q!.aStart, `passages overlap on a: ${JSON.stringify(ps)}`);
  for (const x of ps) assert.equal(x.matches, x.chars);
});
