import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { headingLike, pageUnits, wrapWidth } from '../../src/page/units.js';

test('wrapWidth: the median length of the lines that wrap, by counting; none when too few wrap', () => {
  // Columns narrow (many lines of one width, as on a page) or wide, up to the widest the count keeps apart.
  const line = (max: number) => fc.record({ width: fc.integer({ min: 1, max }), blanks: fc.constantFrom(0, 0, 0, 1) });
  const page = fc.oneof(fc.array(line(30), { minLength: 20, maxLength: 120 }), fc.array(line(1022), { minLength: 20, maxLength: 120 }), fc.array(line(30), { maxLength: 30 }));
  let counted = 0;
  fc.assert(
    fc.property(page, (spec) => {
      let at = 0;
      const lines = spec.map(({ width, blanks }) => {
        const l = { start: at, end: at + width, text: 'x'.repeat(width), blanks };
        at += width + 1 + blanks;
        return l;
      });
      const widths = lines.flatMap((l, i) => (i + 1 < lines.length && lines[i + 1]!.blanks === 0 ? [l.end - l.start] : []));
      const want = widths.length < 20 || widths.length < lines.length / 2 ? null : widths.sort((a, b) => a - b)[widths.length >> 1];
      assert.equal(wrapWidth(lines), want);
      if (want !== null) counted++;
    }),
    { numRuns: 500, seed: 7 },
  );
  assert.ok(counted > 200, `only ${counted} pages wrap`);
});

test('pageUnits: a deck of clauses under a headline (…；…, or clauses set apart by wide spaces) is a heading, not a column-broken paragraph', () => {
  const deck = '审议通过《某某条例（草案）》，以政府立法为各类市场主体投资兴业提供制度保障；讨论通过《某某法（修订草案）》';
  const lead = '国务院总理李某某10月8日主持召开国务院常务会议，审议通过有关条例草案。';
  assert.deepEqual(pageUnits(['李某某主持召开国务院常务会议', deck, lead, ''].join('\n\n')).map((u) => u.type), ['heading', 'heading', 'body']);
  const spaced = '表决通过某某法  决定任命某某为某部部长  某某签署主席令予以公布   某某主持会议';
  assert.deepEqual(pageUnits(['人大常委会第十四次会议在京闭幕', spaced, lead, ''].join('\n\n')).map((u) => u.type), ['heading', 'heading', 'body']);
  // A paragraph of a parallel series ends in a semicolon: text, however it goes on.
  const series = '70年，新中国波澜壮阔的发展历程，由一代又一代人的接续奋斗组成，由无数平凡的人生汇聚而成；';
  assert.deepEqual(pageUnits(['笔墨光影 记录时代', series, lead, ''].join('\n\n')).map((u) => u.type), ['heading', 'body']);
});

test('headingLike: a line in brackets opening with a date is a deck (a speech’s, a decision’s, a document’s); another note in brackets is not', () => {
  for (const deck of ['（2019年9月30日）', '（2019年10月）', '（二〇一九年十月二十日）', '（2019年10月26日第十三届全国人民代表大会常务委员会第十四次会议通过）']) assert.ok(headingLike(deck), deck);
  for (const note of ['（2019年世界公众科学素质促进大会发言摘要）', '（作者为北京大学教授）']) assert.ok(!headingLike(note), note);
});

test('pageUnits: on a hard-wrapped page a line signing the text off (a reader’s place and name, 采访整理：…, a photo agency) ends the text, not a heading', () => {
  const column = (p: string) => p.match(/.{1,18}/g)!.join('\n');
  const letter = column('我带着孙子去县图书馆，让他们体会一下在图书馆读书的乐趣，可是到了才发现周末不开放，希望图书馆尽量便民。');
  for (const signature of ['四川攀枝花市  尹  远', '采访整理：王某某  李某某', '人民视觉', '2019年10月30日']) {
    const fair = column('甲地举办秋季农产品展销会，来自各地的客商云集于此，洽谈合作，签订订单，成交额创下新高，展销会上的特色农产品备受欢迎，许多摊位前排起了长队。');
    const page = [fair, fair, fair, fair, fair, fair, letter, letter, signature, '展销会见闻', '图书馆应尽量便民', ''].join('\n\n');
    const units = pageUnits(page);
    assert.deepEqual(units.map((u) => u.type), [...Array(9).fill('body'), 'heading', 'heading'], signature);
  }
});
