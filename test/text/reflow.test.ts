import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reflow } from '../../src/text/reflow.js';

test('column wraps join without a space between CJK characters', () => {
  const page = '  国家主席习近平在北京人民大会堂同俄罗\n斯总统普京举行视频会晤。\n';
  const r = reflow(page);
  assert.equal(r.text, '国家主席习近平在北京人民大会堂同俄罗斯总统普京举行视频会晤。');
  for (let i = 0; i < r.text.length; i++) assert.equal(page[r.map[i]!], r.text[i]);
});

test('a space is kept between Latin words across a wrap, and runs of spaces shrink', () => {
  assert.equal(reflow('the quick\nbrown  fox 588\n名').text, 'the quick brown fox 588名');
  assert.equal(reflow('活\n\n力。').text, '活力。');
});

test('a sub-range maps to page offsets', () => {
  const page = 'xx 甲乙\n丙 yy';
  const r = reflow(page, 2, 8);
  assert.equal(r.text, '甲乙丙');
  assert.deepEqual([...r.map], [3, 4, 6]);
});
