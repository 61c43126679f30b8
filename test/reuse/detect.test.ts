import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Converter } from 'opencc-js/cn2t';
import { parsePage } from '../../src/page/index.js';
import { decode } from '../../src/text/decode.js';
import { detect } from '../../src/reuse/detect.js';
import { pageDocs } from '../../src/reuse/pageDocs.js';
import { pageSpan } from '../../src/reuse/pageSpan.js';
import type { Doc, Passage } from '../../src/reuse/types.js';

// dist/test/reuse → repo root
const root = join(import.meta.dirname, '..', '..', '..');
const SEEDS = ['000_d703155479a64c34.txt', '001_80c74c2bb589cf4b.txt'];
const pages = SEEDS.map((f) => parsePage(decode(readFileSync(join(root, 'examples', f))).text));
const seedDocs = SEEDS.flatMap((f, i) => pageDocs(f, pages[i]!, `seed${i}`, null));
const doc = (id: string) => seedDocs.find((d) => d.id === id)!;
/** Paragraphs of a seed article, as material for constructed cases. */
const paras = (id: string) => doc(id).text.split('\n');
const wire = doc('000_d703155479a64c34.txt#0');
const nonSpace = (s: string) => s.replace(/\s/g, '').length;
const mk = (id: string, series: string, text: string, date: string | null = null): Doc => ({ id, series, date, text });

/** Share of a doc's non-space characters that its passages cover. */
function coverage(d: Doc, ps: Passage[], side: 'a' | 'b'): number {
  const hit = new Uint8Array(d.text.length);
  for (const p of ps) if (p[side].id === d.id) hit.fill(1, p[side].start, p[side].end);
  let n = 0;
  for (let i = 0; i < d.text.length; i++) if (hit[i] && !/\s/.test(d.text[i]!)) n++;
  return n / nonSpace(d.text);
}

test('seed pages: exactly one linked pair, the Xinhua story, aligned over its whole body', () => {
  const ps = detect(seedDocs);
  assert.equal(ps.length, 1);
  const p = ps[0]!;
  assert.deepEqual([p.a.id, p.b.id], ['000_d703155479a64c34.txt#0', '001_80c74c2bb589cf4b.txt#0']);
  const a = doc(p.a.id);
  const b = doc(p.b.id);
  assert.equal(nonSpace(a.text), 933);
  assert.equal(nonSpace(b.text), 933);
  assert.ok(coverage(a, ps, 'a') >= 0.99 && coverage(b, ps, 'b') >= 0.99);
  assert.equal(p.identity, 1);
  // In page offsets, the passage runs from the first body character to the final 。 on both pages.
  for (const [side, i] of [['a', 0], ['b', 1]] as const) {
    const span = pageSpan(doc(p[side].id), p[side].start, p[side].end);
    const text = pages[i]!.text.slice(span.start, span.end).replace(/\s/g, '');
    assert.ok(text.startsWith('1月21日下午，国家主席习近平'), text.slice(0, 20));
    assert.ok(text.endsWith('王毅参加活动。'), text.slice(-20));
  }
  // Same-series pairs add nothing either: the stock phrases the other articles share link nothing.
  assert.equal(detect(seedDocs, { withinSeries: true }).length, 1);
});

test('a pair sharing only stock phrases yields nothing', () => {
  const stock = ['坚持以习近平新时代中国特色社会主义思想为指导', '推动高质量发展', '全面贯彻党的二十大精神', '确保“十四五”规划圆满收官'];
  const x = paras('000_d703155479a64c34.txt#3');
  const y = paras('001_80c74c2bb589cf4b.txt#1');
  const a = x.slice(0, 4).map((p, i) => stock[i] + '，' + p).join('\n');
  const b = y.slice(0, 4).map((p, i) => p + stock[i] + '。').join('\n');
  assert.deepEqual(detect([mk('a', 'A', a), mk('b', 'B', b)]), []);
  // and a pile of slogans back to back is still no reprint of 50 characters
  assert.deepEqual(detect([mk('a', 'A', stock.join('，') + x[0]), mk('b', 'B', y[0] + stock.reverse().join('；'))]), []);
});

test('traditional and simplified copies align', () => {
  const toTw = Converter({ from: 'cn', to: 'tw' });
  const trad = toTw(wire.text);
  assert.notEqual(trad, wire.text);
  const ps = detect([mk('s', 'S', wire.text), mk('t', 'T', trad)]);
  assert.equal(ps.length, 1);
  assert.ok(ps[0]!.identity >= 0.99, `identity ${ps[0]!.identity}`);
  assert.deepEqual([ps[0]!.a.start, ps[0]!.a.end, ps[0]!.b.start, ps[0]!.b.end], [0, wire.text.length, 0, trad.length]);
});

test('reflowed and punctuation-variant copies align with identity 1', () => {
  const variant = wire.text
    .replace(/，/g, ', ')
    .replace(/[“”]/g, '"')
    .replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
    .replace(/(.{17})/g, '$1\n')
    .replace(/。/g, '.  \n\n');
  const ps = detect([mk('a', 'A', wire.text), mk('b', 'B', variant)]);
  assert.equal(ps.length, 1);
  assert.equal(ps[0]!.identity, 1);
  assert.ok(coverage(mk('b', 'B', variant), ps, 'b') >= 0.99);
});

test('boundary precision: a wire paragraph inside a long local story is found to the character', () => {
  const host = paras('000_d703155479a64c34.txt#3');
  const inserted = paras(wire.id)[3]!;
  const text = [...host.slice(0, 5), inserted, ...host.slice(5)].join('\n');
  const start = text.indexOf(inserted);
  const ps = detect([mk('wire', 'W', wire.text, '2025-01-21'), mk('local', 'L', text, '2025-01-22')]);
  assert.equal(ps.length, 1);
  const p = ps[0]!;
  assert.equal(p.a.id, 'wire');
  assert.deepEqual([p.b.start, p.b.end], [start, start + inserted.length]);
  const wireStart = wire.text.indexOf(inserted);
  assert.deepEqual([p.a.start, p.a.end], [wireStart, wireStart + inserted.length]);
  assert.equal(p.identity, 1);
});

test('reordered paragraphs come out as several passages covering the copy', () => {
  const ws = paras(wire.id);
  // paragraphs of 112, 158, 345 and 232 characters: 3, 1, 2, 4 in the copy
  const copy = [3, 1, 2, 4].map((i) => ws[i]!).join('\n');
  const ps = detect([mk('a', 'A', wire.text), mk('b', 'B', copy)]);
  assert.equal(ps.length, 3);
  assert.ok(coverage(mk('b', 'B', copy), ps, 'b') >= 0.99);
  for (const p of ps) assert.equal(wire.text.slice(p.a.start, p.a.end), copy.slice(p.b.start, p.b.end));
});

test('edited copies (10 % of characters changed, a sentence cut) still align over the whole text', () => {
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const chars = [...wire.text];
  let changed = 0;
  for (let i = 0; i < chars.length; i++) {
    if (/[\u4e00-\u9fff]/.test(chars[i]!) && rand() < 0.1) {
      chars[i] = String.fromCharCode(0x4e00 + Math.floor(rand() * 20000));
      changed++;
    }
  }
  const edited = chars.join('').replace('很高兴看到两国经贸、能源合作保持良好势头，', '');
  const ps = detect([mk('a', 'A', wire.text), mk('b', 'B', edited)]);
  assert.ok(changed > 50);
  assert.ok(ps.length >= 1 && ps.length <= 3, `${ps.length} passages`);
  assert.ok(coverage(mk('a', 'A', wire.text), ps, 'a') >= 0.95);
  for (const p of ps) assert.ok(p.identity > 0.8 && p.identity < 0.95, `identity ${p.identity}`);
});

test('one article built from two sources is linked to both', () => {
  const x = paras(wire.id);
  const y = paras('000_d703155479a64c34.txt#4');
  const local = paras('001_80c74c2bb589cf4b.txt#1');
  const merged = [local[0], x[2], y[1], local[1]].join('\n');
  const ps = detect([mk('x', 'X', wire.text), mk('y', 'Y', doc('000_d703155479a64c34.txt#4').text), mk('m', 'M', merged)]);
  assert.deepEqual(
    ps.map((p) => [p.a.id, p.b.id]),
    [
      ['m', 'x'],
      ['m', 'y'],
    ],
  );
});

test('detect is deterministic whatever the order of the docs', () => {
  const docs = [...seedDocs, mk('t', 'T', Converter({ from: 'cn', to: 'tw' })(wire.text))];
  const once = JSON.stringify(detect(docs));
  assert.equal(JSON.stringify(detect([...docs].reverse())), once);
  assert.equal(once.split('"a"').length - 1, 3);
});

test('a wire story printed in more documents than maxDf, at most two per outlet, is still linked everywhere', () => {
  // 12 copies in 6 series (two editions each): every fingerprint is in 12 documents > maxDf 10, but in only 6 series.
  const copies = Array.from({ length: 12 }, (_, i) => mk(`c${String(i).padStart(2, '0')}`, `S${i >> 1}`, wire.text, '2025-01-22'));
  const ps = detect(copies, { maxDf: 10 });
  const pairs = new Set(ps.map((p) => `${p.a.id}~${p.b.id}`));
  assert.equal(pairs.size, (12 * 11) / 2 - 6, 'every pair across outlets');
  for (const p of ps) assert.equal(p.identity, 1);
  // the same copies in 2 series (six per outlet) are a phrase the outlets keep using: dropped
  const twoOutlets = copies.map((d, i) => ({ ...d, series: `S${i & 1}` }));
  assert.deepEqual(detect(twoOutlets, { maxDf: 10 }), []);
});
