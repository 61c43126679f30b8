import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStories } from '../../src/reuse/stories.js';
import type { Doc, Passage } from '../../src/reuse/types.js';

/** Common simplified characters (their match key is themselves). */
const POOL =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
/** Han text without punctuation, so key offsets equal text offsets. */
const han = (seed: number, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += POOL[(seed * 7919 + i * 104729) % POOL.length];
  return s;
};
const doc = (id: string, text: string, date: string | null, credit: string | null = null): Doc => ({ id, series: id, date, text, credit });
const pass = (a: [string, number, number], b: [string, number, number]): Passage => ({
  a: { id: a[0], start: a[1], end: a[2] },
  b: { id: b[0], start: b[1], end: b[2] },
  chars: a[2] - a[1],
  identity: 1,
});

test('origin: the member crediting a wire service wins over an earlier one', () => {
  const docs = [doc('paper', han(1, 400), '2019-10-01'), doc('wire', han(2, 400), '2019-10-02', '新华社')];
  const [s, ...rest] = buildStories(docs, [pass(['paper', 0, 300], ['wire', 50, 350])]);
  assert.equal(rest.length, 0);
  assert.equal(s!.origin, 'wire');
  assert.deepEqual(s!.members.map((m) => m.id), ['wire', 'paper']);
});

test('origin: without credit the earliest date wins, unknown dates last', () => {
  const docs = [doc('b', han(1, 400), '2019-10-03'), doc('a', han(2, 400), null), doc('c', han(3, 400), '2019-10-02')];
  const [s] = buildStories(docs, [pass(['a', 0, 200], ['b', 0, 200]), pass(['b', 0, 200], ['c', 0, 200])]);
  assert.equal(s!.origin, 'c');
  assert.deepEqual(s!.members.map((m) => m.id), ['c', 'b', 'a']);
});

test('origin: on the same date the most complete copy wins', () => {
  const docs = [doc('a', han(1, 400), '2019-10-01'), doc('b', han(2, 400), '2019-10-01'), doc('c', han(3, 400), '2019-10-01')];
  // b covers 300 chars of its text; a 250 (as the hull of its spans), c 100.
  const s = buildStories(docs, [pass(['a', 0, 250], ['b', 0, 250]), pass(['b', 0, 300], ['c', 0, 100])]);
  assert.equal(s.length, 1);
  assert.equal(s[0]!.origin, 'b');
  const b = s[0]!.members.find((m) => m.id === 'b')!;
  assert.equal(b.start, 0);
  assert.equal(b.end, 300);
  assert.equal(b.coverage, 300 / 400);
});

test('a merged article (two wire stories) sits in two stories', () => {
  const w1 = han(1, 300);
  const w2 = han(2, 300);
  const docs = [
    doc('w1', w1, '2019-10-01', '新华社'),
    doc('w2', w2, '2019-10-01', '中新社'),
    doc('m', w1 + w2, '2019-10-02'),
  ];
  const stories = buildStories(docs, [pass(['w1', 0, 300], ['m', 0, 300]), pass(['m', 300, 600], ['w2', 0, 300])]);
  assert.equal(stories.length, 2);
  const byOrigin = new Map(stories.map((s) => [s.origin, s]));
  assert.deepEqual(byOrigin.get('w1')!.members.map((m) => [m.id, m.start, m.end, m.coverage]), [['w1', 0, 300, 1], ['m', 0, 300, 0.5]]);
  assert.deepEqual(byOrigin.get('w2')!.members.map((m) => [m.id, m.start, m.end, m.coverage]), [['w2', 0, 300, 1], ['m', 300, 600, 0.5]]);
});

test('a chain through different spans of one doc does not merge unrelated text', () => {
  const docs = [doc('a', han(1, 300), '2019-10-01'), doc('b', han(2, 600), '2019-10-01'), doc('c', han(3, 300), '2019-10-01')];
  const stories = buildStories(docs, [pass(['a', 0, 200], ['b', 0, 200]), pass(['b', 300, 500], ['c', 0, 200])]);
  assert.equal(stories.length, 2);
  for (const s of stories) assert.ok(!(s.members.some((m) => m.id === 'a') && s.members.some((m) => m.id === 'c')));
});

test('a split source: one wire story in two articles gives two stories, both from the wire', () => {
  const w = han(1, 600);
  const docs = [doc('w', w, '2019-10-01', '新华社'), doc('x', w.slice(0, 300), '2019-10-02'), doc('y', w.slice(300), '2019-10-02')];
  const stories = buildStories(docs, [pass(['x', 0, 300], ['w', 0, 300]), pass(['w', 300, 600], ['y', 0, 300])]);
  assert.equal(stories.length, 2);
  assert.deepEqual(stories.map((s) => s.origin), ['w', 'w']);
  assert.deepEqual(stories.map((s) => s.members.map((m) => m.id)).sort(), [['w', 'x'], ['w', 'y']]);
  assert.deepEqual(stories.map((s) => s.members[0]!.coverage), [0.5, 0.5]);
});

test('a copy aligned in pieces (reordered paragraphs) is one story', () => {
  const docs = [doc('w', han(1, 600), '2019-10-01'), doc('c', han(2, 600), '2019-10-02')];
  const stories = buildStories(docs, [pass(['w', 0, 300], ['c', 300, 600]), pass(['w', 300, 600], ['c', 0, 300])]);
  assert.equal(stories.length, 1);
  assert.deepEqual(stories[0]!.members.map((m) => [m.id, m.start, m.end, m.coverage]), [['w', 0, 600, 1], ['c', 0, 600, 1]]);
});

test('overlapping excerpts of one source join one story; a touching one does not', () => {
  const docs = ['w', 'x', 'y', 'z'].map((id, k) => doc(id, han(k + 1, 1000), '2019-10-01', id === 'w' ? '新华社' : null));
  const stories = buildStories(docs, [
    pass(['w', 0, 400], ['x', 0, 400]),
    pass(['w', 200, 600], ['y', 0, 400]), // overlaps x's excerpt by 200
    pass(['w', 598, 900], ['z', 0, 302]), // overlaps y's by 2 chars only
  ]);
  assert.deepEqual(stories.map((s) => s.members.map((m) => m.id)), [['w', 'x', 'y'], ['w', 'z']]);
});

test('coverage counts match-key characters, not punctuation or white space', () => {
  const text = '　　甲乙丙丁，戊己庚辛。\n壬癸子丑。';
  const docs = [doc('a', text, '2019-10-01'), doc('b', '甲乙丙丁戊己庚辛', '2019-10-01')];
  const [s] = buildStories(docs, [pass(['a', 2, 11], ['b', 0, 8])]);
  const a = s!.members.find((m) => m.id === 'a')!;
  assert.equal(a.coverage, 8 / 12);
});

test('stories and ids do not depend on input order', () => {
  const docs = [doc('a', han(1, 500), '2019-10-01'), doc('b', han(2, 500), '2019-10-02'), doc('c', han(3, 500), '2019-10-03')];
  const ps = [pass(['a', 0, 200], ['b', 0, 200]), pass(['b', 300, 500], ['c', 0, 200]), pass(['c', 300, 450], ['a', 300, 450])];
  const one = buildStories(docs, ps);
  const two = buildStories(docs.slice().reverse(), ps.slice().reverse());
  assert.deepEqual(two, one);
  assert.match(one[0]!.story, /^s[0-9a-f]{16}$/);
  assert.equal(one.length, 3);
  assert.equal(new Set(one.map((s) => s.story)).size, 3);
});
