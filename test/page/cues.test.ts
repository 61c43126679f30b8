import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchBylineLine, matchCreditLine, noiseRule } from '../../src/page/cues.js';

test('noiseRule: a column’s submission address is page furniture, like an editor’s line', () => {
  assert.equal(noiseRule('栏目投稿邮箱：someone@example.com'), 'page-furniture');
  assert.equal(noiseRule('责任编辑：王某某'), 'page-furniture');
  assert.equal(noiseRule('投稿的读者越来越多，邮箱常常被挤满。'), null);
});

test('matchBylineLine: photo credits ending in 摄影报道, with or without a source in brackets, are bylines', () => {
  for (const s of ['甲某某  乙  某摄影报道', '甲某某 乙某某摄影报道（人民视觉）', '本报记者  甲某某摄影报道', '甲某某摄']) {
    assert.deepEqual(matchBylineLine(s), { start: 0, end: s.length }, s);
  }
  assert.equal(matchBylineLine('摄影报道获奖作品展在甲地开幕，观众络绎不绝。'), null);
});

test('matchCreditLine: a closing wire dateline may name the reporters who took part (参与记者：…)', () => {
  const s = '（新华社北京10月1日电 参与记者：甲某、乙某某、丙某）';
  const m = matchCreditLine(s);
  assert.equal(m?.name, '新华社');
  assert.equal(s.slice(m!.byline!.at, m!.byline!.at + m!.byline!.length), '参与记者：甲某、乙某某、丙某');
});
