import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Converter } from 'opencc-js/t2cn';
import { Converter as toTraditional } from 'opencc-js/cn2t';
import { configs } from 'opencc-js/preset/t2cn';
import { t2s } from '../../src/reuse/t2s.js';
import { decode } from '../../src/text/decode.js';

const root = join(import.meta.dirname, '..', '..', '..');
const reference = Converter({ from: 't', to: 'cn' });
const pages = ['000_d703155479a64c34.txt', '001_80c74c2bb589cf4b.txt'].map((f) => decode(readFileSync(join(root, 'examples', f))).text);

test('t2s agrees with opencc-js on simplified, traditional, Hong Kong and Taiwan-phrase text', () => {
  const variants = ['tw', 'hk', 'twp'].map((to) => toTraditional({ from: 'cn', to }));
  for (const page of pages) {
    assert.equal(t2s(page), reference(page));
    for (const v of variants) {
      const trad = v(page);
      assert.notEqual(trad, page);
      assert.equal(t2s(trad), reference(trad));
    }
  }
});

test('t2s agrees with opencc-js on every key of its dictionaries, run together and apart', () => {
  const keys: string[] = [];
  for (const dict of configs['t2s']!.conversionChain[0]!) {
    const entries: ReadonlyArray<readonly [string, string]> =
      typeof dict === 'string' ? dict.split('|').map((l) => l.split(' ') as unknown as [string, string]) : dict;
    for (const [k] of entries) if (k) keys.push(k);
  }
  assert.ok(keys.length > 3000, `${keys.length} keys`);
  for (let i = 0; i < keys.length; i += 40) {
    const chunk = keys.slice(i, i + 40);
    for (const s of [chunk.join(''), chunk.join('，'), chunk.join('x')]) assert.equal(t2s(s), reference(s), s);
  }
});

test('t2s: edge cases — ideographic description sequences, astral and lone surrogates, compatibility ideographs', () => {
  for (const s of ['⿰氵青天下發展', '天下⿱艹⿰氵青發', '𠀀𡞱㑯丟', '\ud800甲', '乙\udc00', '豈更車', '乾隆皇帝', '衣服已经干了', '', '甲']) {
    assert.equal(t2s(s), reference(s), JSON.stringify(s));
  }
  const simplified = '国家主席习近平在北京人民大会堂';
  assert.equal(t2s(simplified), simplified);
});
