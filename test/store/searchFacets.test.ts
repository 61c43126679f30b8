import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { sqliteEngine, matchExpression } from '../../src/store/sqlite/engine.js';
import { migrate } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/engine.js';
import { ingestPaths } from '../../src/cli/ingest.js';
import { queryTokens, facetTerms } from '../../src/store/searchText.js';
import { sql } from 'kysely';
import { tempDir } from './helpers.js';

test('filter terms: one token per filter, outside what a query can spell', () => {
  assert.equal(facetTerms({ series: '贵州日报', date: '2025-01-22', page: 'A01', kind: 'news' }), '_oe8b4b5e5b79ee697a5e68aa5 _k6e657773 _d20250122 _p413031');
  assert.equal(facetTerms({ series: 'x', date: null, page: null, kind: 'photo' }), '_o78 _k70686f746f');
  assert.ok(!queryTokens('_o78 _d2025').some((t) => t.includes('_')), 'a match key drops _');
});

test('matchExpression: the phrase AND each filter term AND one of the range days; long or open ranges left to SQL', () => {
  const t = queryTokens('团洲垸');
  assert.equal(matchExpression(t, {}), '"团洲 洲垸"');
  assert.equal(matchExpression(queryTokens('京'), { kind: 'news' }), '"京"* AND "_k6e657773"');
  assert.equal(matchExpression(t, { outlet: 'x', from: '2025-01-30', to: '2025-02-01' }), '"团洲 洲垸" AND "_o78" AND ("_d20250130" OR "_d20250131" OR "_d20250201")');
  assert.equal(matchExpression(t, { from: '2025-01-01' }), '"团洲 洲垸"');
  assert.equal(matchExpression(t, { from: '2024-01-01', to: '2025-01-01' }), '"团洲 洲垸"');
});

test('migration 0004 re-indexes a database made before it, with filter terms', async () => {
  const dir = tempDir();
  const file = join(dir, 'old.db');
  const old = await sqliteEngine(file);
  await migrate(old, '0003_fingerprint_runs');
  const recs = [
    { id: 'x1', series: 'aa', date: '2025-01-02', title: null, text: '团洲垸堤防决口处成功合龙。' },
    { id: 'x2', series: 'bb', date: '2025-01-05', title: null, text: '团洲垸安置群众喜迁新居。' },
  ];
  writeFileSync(join(dir, 'x.jsonl'), recs.map((r) => JSON.stringify(r)).join('\n'));
  await ingestPaths(old, [join(dir, 'x.jsonl')], {});
  await old.close();
  const engine = await openStore(file);
  try {
    const q = async (s: string, f = {}) => (await engine.search.query(engine.db, queryTokens(s), f, 20)).map((h) => h.num);
    assert.equal((await q('团洲垸')).length, 2);
    assert.deepEqual(await q('团洲垸', { outlet: 'bb' }), [2]);
    assert.deepEqual(await q('团洲', { from: '2025-01-01', to: '2025-01-03' }), [1]);
    assert.deepEqual(await q('垸', { kind: 'news', outlet: 'aa' }), [1]);
  } finally {
    await engine.close();
  }
});

test('migrations 0003 and 0004 killed part-way are redone on the next open (SQLite runs them outside a transaction)', async () => {
  const dir = tempDir();
  const file = join(dir, 'killed.db');
  const e = await sqliteEngine(file);
  await migrate(e, '0002_search_tuning');
  // 0003 killed after its first steps: the runs table and the index exist, the old tables too.
  await sql`CREATE TABLE fingerprint_runs (run integer PRIMARY KEY, first_num integer NOT NULL, last_num integer NOT NULL, articles integer NOT NULL, postings integer NOT NULL, nums blob NOT NULL, counts blob NOT NULL, hashes blob NOT NULL)`.execute(e.db);
  await sql`CREATE INDEX articles_meta ON articles (series, date, state)`.execute(e.db);
  await migrate(e, '0003_fingerprint_runs');
  // 0004 killed after dropping the search index.
  await sql`DROP TABLE search`.execute(e.db);
  await e.close();
  const engine = await openStore(file);
  try {
    await ingestPaths(engine, ['examples'], {});
    assert.equal((await engine.search.query(engine.db, queryTokens('团洲'), { outlet: '三湘都市报' }, 20)).length, 1);
  } finally {
    await engine.close();
  }
});
