import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainMember, isPersonToken } from '../../src/reuse/explain.js';
import type { Doc } from '../../src/reuse/types.js';

const doc = (id: string, text: string): Doc => ({ id, series: id, date: null, text });
const whole = (d: Doc) => ({ start: 0, end: d.text.length });

const ORIGIN = '新华社北京10月9日电（记者张明）国务院新闻办公室9日发布白皮书，全面介绍我国粮食安全取得的巨大成就。';

test('a pure reflow (wraps, width, punctuation, traditional script) is no edit', () => {
  const origin = doc('o', ORIGIN);
  const copy = doc('c', '　　新華社北京１０月９日電(記者張明)\n國務院新聞辦公室９日發布白皮書,\n全面介紹我國糧食安全取得的巨大成就.');
  assert.deepEqual(explainMember(origin, whole(origin), copy, whole(copy)), []);
});

test('an omitted clause, with offsets into each text', () => {
  const origin = doc('o', ORIGIN);
  const copy = doc('c', '　　新华社北京10月9日电（记者张明）国务院新闻办公室9日发布白皮书。');
  const edits = explainMember(origin, whole(origin), copy, whole(copy));
  assert.equal(edits.length, 1);
  const e = edits[0]!;
  assert.equal(e.op, 'omitted');
  assert.equal(e.copy, null);
  assert.equal(e.origin!.text, '全面介绍我国粮食安全取得的巨大成就');
  assert.equal(ORIGIN.slice(e.origin!.start, e.origin!.end), e.origin!.text);
});

test('an added sentence in the copy', () => {
  const origin = doc('o', ORIGIN);
  const text = ORIGIN.replace('白皮书，', '白皮书。据悉，');
  const copy = doc('c', text);
  const edits = explainMember(origin, whole(origin), copy, whole(copy));
  assert.deepEqual(
    edits.map((e) => [e.op, e.origin, e.copy?.text]),
    [['added', null, '据悉']],
  );
  const e = edits[0]!;
  assert.equal(text.slice(e.copy!.start, e.copy!.end), '据悉');
});

test('a changed word, offsets on both sides despite shifted layout', () => {
  const origin = doc('o', ORIGIN);
  const copyText = '　　' + ORIGIN.replace('巨大成就', '显著成就').replace('，', '，\n');
  const copy = doc('c', copyText);
  const [e, ...rest] = explainMember(origin, whole(origin), copy, whole(copy));
  assert.equal(rest.length, 0);
  assert.equal(e!.op, 'changed');
  assert.deepEqual(e!.origin, { start: ORIGIN.indexOf('巨大'), end: ORIGIN.indexOf('巨大') + 2, text: '巨大' });
  assert.deepEqual(e!.copy, { start: copyText.indexOf('显著'), end: copyText.indexOf('显著') + 2, text: '显著' });
  assert.equal(e!.name, undefined);
});

test('nearby small edits merge into one readable span', () => {
  const origin = doc('o', '今年前三季度全国粮食产量继续保持稳定增长态势');
  const copy = doc('c', '今年前三季度全省粮食总量继续保持稳定增长态势');
  const edits = explainMember(origin, whole(origin), copy, whole(copy));
  assert.deepEqual(
    edits.map((e) => [e.op, e.origin?.text, e.copy?.text]),
    [['changed', '国粮食产', '省粮食总']],
  );
});

test('a swapped person name is flagged', () => {
  const origin = doc('o', '外交部长王毅10日在北京会见来访的客人，双方就两国关系交换意见。');
  const copy = doc('c', '外交部长李强10日在北京会见来访的客人，双方就两国关系交换意见。');
  const edits = explainMember(origin, whole(origin), copy, whole(copy));
  assert.equal(edits.length, 1);
  assert.equal(edits[0]!.op, 'changed');
  assert.equal(edits[0]!.name, true);
});

test('an unknown name (jieba tags it x) after a surname is a person', () => {
  const origin = doc('o', '本报记者孙敏坚报道，当地群众纷纷前来参观展览。');
  const copy = doc('c', '本报记者郭立亮报道，当地群众纷纷前来参观展览。');
  const edits = explainMember(origin, whole(origin), copy, whole(copy));
  assert.equal(edits.length, 1);
  assert.equal(edits[0]!.name, true);
  assert.equal(isPersonToken('王浩泽', 'x'), true);
  assert.equal(isPersonToken('澜湄', 'x'), false);
  assert.equal(isPersonToken('李强', 'nrfg'), true);
});

test('only the given spans are compared', () => {
  const origin = doc('o', '无关的开头。' + ORIGIN);
  const copy = doc('c', ORIGIN + '另一篇无关的结尾。');
  const edits = explainMember(origin, { start: 6, end: origin.text.length }, copy, { start: 0, end: ORIGIN.length });
  assert.deepEqual(edits, []);
});

test('keyDiff: the anchored script turns one key into the other (property)', async () => {
  const fc = (await import('fast-check')).default;
  const { keyDiff } = await import('../../src/reuse/explain.js');
  // Texts sharing long runs (so anchors exist), with small-alphabet noise between them (so repeats do too).
  const piece = fc.oneof(fc.string({ unit: fc.constantFrom('甲', '乙', '丙'), maxLength: 8 }), fc.constantFrom('国务院新闻办公室九日发布白皮书', '全面介绍我国粮食安全取得的巨大成就', '甲乙丙甲乙丙甲乙丙甲乙丙'));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), fc.array(piece, { maxLength: 12 }), (pa, pb) => {
      const a = pa.join('');
      const b = pb.join('');
      let i = 0;
      let out = '';
      for (const r of keyDiff(a, b)) {
        assert.ok(r.count > 0);
        if (r.added) out += b.slice(out.length, out.length + r.count);
        else if (r.removed) i += r.count;
        else {
          assert.equal(a.slice(i, i + r.count), b.slice(out.length, out.length + r.count), 'kept runs are equal');
          out += a.slice(i, i + r.count);
          i += r.count;
        }
      }
      assert.equal(i, a.length);
      assert.equal(out, b);
    }),
    { numRuns: 500 },
  );
});

test('a copy keeping the middle of a long origin: one omitted span on each side', () => {
  const para = (k: number) => Array.from({ length: 40 }, (_, i) => String.fromCharCode(0x4e00 + ((k * 977 + i * 131) % 20000))).join('');
  const body = Array.from({ length: 30 }, (_, k) => para(k) + '。').join('');
  const origin = doc('o', body);
  const kept = body.slice(41 * 10, 41 * 14);
  const copy = doc('c', kept);
  const edits = explainMember(origin, whole(origin), copy, whole(copy));
  assert.deepEqual(
    edits.map((e) => [e.op, e.origin!.start, e.origin!.end]),
    [
      ['omitted', 0, 41 * 10 - 1],
      ['omitted', 41 * 14, body.length - 1],
    ],
  );
});
