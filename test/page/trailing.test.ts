import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trailingZones } from '../../src/page/trailing.js';
import { pageUnits } from '../../src/page/units.js';
import { BOUNDARY_WEIGHTS, cohesionFeatures } from '../../src/page/starts.js';
import { parsePage } from '../../src/page/index.js';

test('trailingZones: a body unit after page furniture is marked closed; headings after all text are blocks', () => {
  const page = ['第一篇文章的正文到这里结束了。', '版式设计：张丹峰', '第二篇文章从这里开始写起来。', '第一篇的标题', '第二篇的标题', ''].join('\n\n');
  const zones = trailingZones(page, pageUnits(page));
  assert.deepEqual(zones.closed, [false, true]);
  assert.deepEqual(zones.intertitle, [false, false]);
  assert.deepEqual(zones.blocks.map((b) => b.map((l) => l.text)), [['第一篇的标题'], ['第二篇的标题']]);
  assert.equal(zones.noise.length, 1);
});

test('cohesionFeatures: nil cohesion is a step of its own', () => {
  assert.deepEqual(cohesionFeatures(0), [0, 1]);
  assert.deepEqual(cohesionFeatures(0.2), [0.2, 0]);
});

test('trailing layout: a deck (——…) stays with the headline before it', () => {
  const para = (topic: string) => `${topic}的消息传来，大家都很高兴，纷纷表示要继续努力工作，把${topic}的事情办得更好。`;
  const page = [para('展销会'), para('农产品'), '（本报记者王某某）', para('秋收'), para('粮食'), '甲地展销会开幕', '——农产品走俏各地', '乙地秋收忙', ''].join('\n\n');
  const p = parsePage(page);
  assert.equal(p.articles.length, 2);
  assert.deepEqual(p.articles[0]!.decks.map((d) => d.text), ['——农产品走俏各地']);
  assert.equal(p.articles[1]!.headline?.text, '乙地秋收忙');
});

test('BOUNDARY_WEIGHTS: the odds fall as cohesion rises (the pruning of candidate starts relies on it)', () => {
  // Features 3 and 4 of a boundary row are cohesionFeatures(c): its level and its nil step.
  assert.ok(BOUNDARY_WEIGHTS[3]! <= 0 && BOUNDARY_WEIGHTS[4]! >= 0);
});

/** Hard-wraps a paragraph to a column of `width` characters, like a PDF extraction. */
function column(p: string, width = 18): string {
  const lines: string[] = [];
  for (let i = 0; i < p.length; i += width) lines.push(p.slice(i, i + width));
  return lines.join('\n');
}

const story = (topic: string) =>
  column(`${topic}的消息传来，大家都很高兴，纷纷表示要继续努力工作，把${topic}的事情办得更好，让更多的人分享发展的成果，过上更好的日子。${topic}是件大事，办好${topic}需要大家齐心协力。`);

test('trailing layout: on a wrapped page the unwrapped blocks after the text are headings, a kicker ending in a colon too', () => {
  const page = [story('展销会'), story('农产品'), story('订单'), '（本报记者王某某）', story('秋收'), story('粮食'), story('仓储'), '甲地展销会开幕', '乙地有关负责人：', '秋收秋种进展顺利', ''].join('\n\n');
  const p = parsePage(page);
  assert.equal(p.articles.length, 2);
  assert.equal(p.articles[0]!.headline?.text, '甲地展销会开幕');
  assert.deepEqual([p.articles[1]!.headline?.text, ...p.articles[1]!.decks.map((d) => d.text)].sort(), ['乙地有关负责人：', '秋收秋种进展顺利'].sort());
});

test('pageUnits: a note in brackets after a finished sentence (…。（相关报道见第四版）) closes the paragraph', () => {
  const page = [story('展销会'), story('订单') + '\n（相关报道见第四版）', '甲地展销会开幕', ''].join('\n\n');
  const units = pageUnits(page);
  assert.deepEqual(units.map((u) => u.type), ['body', 'body', 'heading']);
});
