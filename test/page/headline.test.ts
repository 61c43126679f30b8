import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseHeadline } from '../../src/page/headline.js';

const lead = '本报甲市10月8日电  甲市国际农业博览会8日开幕，来自各地的客商参加了开幕式。';
/** Heading lines each alone in its block, as a main headline is set apart. */
const solo = (...texts: string[]) => texts.map((text) => ({ text, solo: true }));

test('chooseHeadline: a line naming who else attended is a deck, not the headline', () => {
  const lines = solo('甲市国际农业博览会开幕', '王某某出席');
  assert.equal(chooseHeadline(lines, lead, false), 0);
});

test('chooseHeadline: a kicker ending in a dash is never the headline', () => {
  const lines = solo('金秋时节的甲市——', '国际农业博览会开幕');
  assert.equal(chooseHeadline(lines, lead, false), 1);
});

test('chooseHeadline: two parallel phrases are the headline, a line opening with a place that echoes the lead more is a kicker or deck', () => {
  const lead = '本报乙市10月8日电  乙市近年来加强河湖治理，湖水变清了。';
  for (const order of [['乙市加强河湖治理', '一湖清水 百姓安心'], ['一湖清水 百姓安心', '乙市加强河湖治理']]) {
    const lines = solo(...order);
    assert.equal(lines[chooseHeadline(lines, lead, false)]!.text, '一湖清水 百姓安心');
  }
});

test('chooseHeadline: a kicker reporting the event (某某签署通令) leads into the headline naming what it is about', () => {
  const lead = '某某10月8日签署通令，嘉奖参加某某运动会的运动员和教练员。';
  const lines = solo('某某签署通令', '嘉奖参加某某运动会的运动员和教练员');
  assert.equal(chooseHeadline(lines, lead, false), 1);
});

test('chooseHeadline: a deck carrying on from the headline (今起…, …%) is not the headline', () => {
  const lead = '本报甲市10月8日电  甲市轨道交通三号线8日开通运营，沿线客流同比增长12.5%。';
  for (const deck of ['今起开通运营', '沿线客流增长12.5%']) {
    const lines = solo('甲市轨道交通三号线开通', deck);
    assert.equal(chooseHeadline(lines, lead, false), 0, deck);
  }
});

test('chooseHeadline: a photographer\'s credit among the heading lines is never the headline', () => {
  const lead = '金秋时节，甲县万亩稻田迎来丰收，农机在田间往来忙碌。';
  const lines = solo('王某 李某摄影报道', '稻浪翻金');
  assert.equal(chooseHeadline(lines, lead, false), 1);
});

test('chooseHeadline: a line opening with a verb (通报…) is the headline under a kicker naming who acts', () => {
  const lead = '甲市公安局日前召开新闻发布会。甲市公安局10月8日召开新闻发布会。';
  const lines = solo('甲市公安局召开新闻发布会', '通报5起电信诈骗典型案例');
  assert.equal(chooseHeadline(lines, lead, false), 1);
});

test('chooseHeadline: of two lines extracted after the text, the second is the headline when the words do not tell; inline there is no such prior', () => {
  // rmrb prints a kicker over a headline more often than a deck under it; the seed e-paper pages print headline then deck.
  const lead = '本报甲市10月8日电  甲市国际农业博览会8日开幕，来自各地的特色农产品集中亮相，客商踊跃签约。';
  const lines = solo('甲市农博会开幕', '特色农产品集中亮相');
  assert.equal(chooseHeadline(lines, lead, true), 1);
  assert.equal(chooseHeadline(lines, lead, false), 0);
});

test('chooseHeadline: a line naming who speaks or acts alone (…负责人, 甲部、乙办) is the kicker of the line going on from it', () => {
  const cases = [
    ['甲市外事办公室负责人', '就甲市国际农业博览会筹备工作发表谈话', '甲市外事办公室负责人8日就博览会筹备工作发表谈话。'],
    ['甲省农业厅、甲省商务厅', '向乙县农户赠送农机具', '甲省农业厅、甲省商务厅8日向乙县农户赠送一批农机具。'],
  ];
  for (const [kicker, headline, lead] of cases) {
    const lines = solo(kicker!, headline!);
    assert.equal(chooseHeadline(lines, lead!, false), 1, headline);
  }
});

test('chooseHeadline: the number of an order or notice (第三十六号) is a deck, never the headline', () => {
  const lead = '根据某某委员会的决定，现予公布，自公布之日起施行。';
  for (const number of ['第三十六号', '［十三届］第十号']) {
    const lines = solo('某某委员会公告', number);
    assert.equal(chooseHeadline(lines, lead, false), 0, number);
  }
});

test('chooseHeadline: a deck going on from the event its headline reports (…出席…开幕式 / 宣读贺信并致辞) is not the headline', () => {
  const lead = '某某19日出席在甲市举行的某某论坛开幕式，宣读贺信并致辞。';
  const lines = solo('某某出席某某论坛开幕式', '宣读贺信并致辞');
  assert.equal(chooseHeadline(lines, lead, false), 0);
  assert.equal(chooseHeadline(lines, lead, true), 0);
});

test('chooseHeadline: a line closed by a long column name in brackets (…（壮丽70年 奋斗新时代·推动高质量发展调研行）) is the headline', () => {
  const lead = '“2018年，甲企业提前53天达到销售额百亿元目标。”甲企业负责人说，创新是企业发展的动力。';
  const lines = solo('甲省某企业促进产学研深度融合', '创新路上，一直努力奔跑（壮丽70年 奋斗新时代·推动高质量发展调研行）');
  assert.equal(chooseHeadline(lines, lead, false), 1);
});
