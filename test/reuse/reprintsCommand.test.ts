import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonl } from '../../src/ingest/jsonl.js';
import { pageMeta, readSidecar } from '../../src/ingest/pageMeta.js';
import { UserError } from '../../src/cli/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'wiretrace-reprints-'));

test('readJsonl reads passim fields and names file:line on a bad line', () => {
  const ok = join(dir, 'ok.jsonl');
  writeFileSync(ok, '{"id":"a","series":"x","date":"2019-10-01","text":"甲乙"}\n\n{"id":"b","series":"y","date":null,"text":"丙","title":"T"}\n');
  assert.deepEqual(
    readJsonl(ok).map((d) => [d.id, d.series, d.date, d.text, d.title]),
    [
      ['a', 'x', '2019-10-01', '甲乙', null],
      ['b', 'y', null, '丙', 'T'],
    ],
  );
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"id":"a","series":"x","date":null,"text":"t"}\n{"id":"b","series":"x","text":"t"}\n');
  assert.throws(() => readJsonl(bad), (e: unknown) => e instanceof UserError && e.message === `${bad}:2: missing "date" — YYYY-MM-DD, or null when unknown`);
  writeFileSync(bad, '{"id":1,"series":"x","date":null,"text":"t"}\n');
  assert.throws(() => readJsonl(bad), (e: unknown) => e instanceof UserError && e.message.startsWith(`${bad}:1: "id" must be a string`));
  writeFileSync(bad, 'nope\n');
  assert.throws(() => readJsonl(bad), (e: unknown) => e instanceof UserError && e.message.startsWith(`${bad}:1: not valid JSON`));
});

test('pageMeta: options, then a sidecar, then the file name, then the base name', () => {
  assert.deepEqual(pageMeta('x/hnrb_2025-01-22_01.txt'), { series: 'hnrb', date: '2025-01-22' });
  assert.deepEqual(pageMeta('x/rmrb-20191010-03.txt'), { series: 'rmrb', date: '2019-10-10' });
  assert.deepEqual(pageMeta('x/000_d703155479a64c34.txt'), { series: '000_d703155479a64c34', date: null });
  assert.deepEqual(pageMeta('x/hnrb_2025-01-22.txt', 'S', '2020-01-01'), { series: 'S', date: '2020-01-01' });
  const page = join(dir, 'page.txt');
  writeFileSync(page, '');
  writeFileSync(`${page}.json`, '{"series":"gzrb","date":"2025-01-22"}');
  assert.deepEqual(pageMeta(page), { series: 'gzrb', date: '2025-01-22' });
});

test('a broken sidecar is one user error naming the sidecar file', () => {
  const page = join(dir, 'broken.txt');
  writeFileSync(page, '');
  const cases: [string, RegExp][] = [
    ['{"series": ', /not valid JSON/],
    ['[1, 2]', /expected an object/],
    ['{"series": 3}', /"series" must be a string/],
    ['{"date": "22/01/2025"}', /"date" must be YYYY-MM-DD/],
    ['{"page": {}}', /"page" must be a string/],
  ];
  for (const [json, problem] of cases) {
    writeFileSync(`${page}.json`, json);
    assert.throws(() => readSidecar(page), (e: unknown) => e instanceof UserError && e.message.startsWith(`${page}.json: `) && problem.test(e.message), json);
  }
});
