import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchBylineLine, matchCreditLine, matchDateline, noiseRule } from '../../src/page/cues.js';
import { headingLike } from '../../src/page/units.js';

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

test('matchDateline: another outlet wires with a date; a phrase ending in 网 then 电 is no dateline', () => {
  assert.equal(matchDateline('明年起煤电标杆上网电价改为“基准价+上下浮动”'), null);
  assert.equal(matchDateline('某某网北京10月1日电  某地举行活动'), '某某网北京10月1日电');
  assert.equal(matchDateline('本报电  日前，某地举行活动'), '本报电');
  assert.equal(matchDateline('三湘都市报1月21日讯 21日上午'), '三湘都市报1月21日讯');
});

test('headingLike: a list trailing off (…、…、……) is a kicker or deck, a sentence trailing off is not', () => {
  assert.equal(headingLike('甲市探索多种方式：长者饭堂、医养结合、家政服务……'), true);
  assert.equal(headingLike('他说，日子越过越好了……'), false);
});

test('matchBylineLine: a headline closed by a column tag naming reporters (…（记者手记）) is no byline', () => {
  assert.equal(matchBylineLine('服务到企业心坎上（记者手记）'), null);
  assert.notEqual(matchBylineLine('本报记者  王某某'), null);
  assert.notEqual(matchBylineLine('（本报记者王某某、李某某）'), null);
});

test('matchBylineLine: reporters’ names after their title make a byline; a headline that speaks of reporters does not', () => {
  for (const s of ['本报记者  刘  峰', '湖南日报全媒体记者 孙敏坚', '本报记者 王某 通讯员 李某', '新华社记者 阿依努尔·买买提']) {
    assert.deepEqual(matchBylineLine(s), { start: 0, end: s.length }, s);
  }
  for (const s of ['加强新闻记者队伍建设 提高从业人员能力素养', '第六届“好记者讲好故事”活动选拔赛举行', '着重打击假媒体、假记者及侵权盗版活动']) {
    assert.equal(matchBylineLine(s), null, s);
  }
});

test('noiseRule: a layout editor’s line set with spaces instead of a colon (版式设计  沈亦伶) is page furniture too', () => {
  assert.equal(noiseRule('版式设计  沈亦伶'), 'page-furniture');
  assert.equal(noiseRule('版式设计 郭  祥'), 'page-furniture');
  assert.equal(noiseRule('版式设计新理念'), null);
});
