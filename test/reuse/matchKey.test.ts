import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchKey, keyToText } from '../../src/reuse/matchKey.js';

test('matchKey drops whitespace, punctuation and symbols, folds widths and case', () => {
  const mk = matchKey('■ 据新华社，ＡＢＣ１２３ “高质量发展”！\n  Apec ℃');
  assert.equal(mk.key, '据新华社abc123高质量发展apecc');
  assert.equal(mk.map.length, mk.key.length);
});

test('matchKey maps every key unit to its offset in the input', () => {
  const text = '  甲，乙\n丙ＡＢ！';
  const mk = matchKey(text);
  assert.equal(mk.key, '甲乙丙ab');
  assert.deepEqual([...mk.map], [2, 4, 6, 7, 8]);
  assert.deepEqual(keyToText(mk, text, 1, 4), { start: 4, end: 8 });
});

test('matchKey converts traditional to simplified with the context of phrases', () => {
  assert.equal(matchKey('國家主席習近平在北京人民大會堂').key, '国家主席习近平在北京人民大会堂');
  assert.equal(matchKey('乾淨').key, '干净');
  assert.equal(matchKey('乾隆').key, '乾隆');
  assert.equal(matchKey('國家').key, matchKey('国家').key);
});

test('matchKey keeps offsets right around astral characters', () => {
  const text = '甲𠀀，乙';
  const mk = matchKey(text);
  assert.equal(mk.key, '甲𠀀乙');
  assert.deepEqual([...mk.map], [0, 1, 1, 4]);
  assert.deepEqual(keyToText(mk, text, 1, 3), { start: 1, end: 3 });
});

test('matchKey of an empty or punctuation-only text is empty', () => {
  assert.equal(matchKey('').key, '');
  assert.equal(matchKey('，。！ \n').key, '');
});
