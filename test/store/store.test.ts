/** The store on every engine: ingest is idempotent, detect is incremental and agrees with the stateless engine, search, report. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, isPostgresUrl } from '../../src/store/engine.js';
import { migrate } from '../../src/store/migrations.js';
import { sqliteEngine } from '../../src/store/sqlite/engine.js';
import { postgresEngine } from '../../src/store/postgres/engine.js';
import type { Engine } from '../../src/store/engine.js';
import { ingestPaths } from '../../src/cli/ingest.js';
import { detectStore } from '../../src/store/detect.js';
import { report, storedPassages, article, story } from '../../src/store/queries.js';
import { queryTokens } from '../../src/store/searchText.js';
import { searchArticles } from '../../src/store/search.js';
import { detect } from '../../src/reuse/detect.js';
import { engines, synthCorpus, writeJsonl, tempDir, rng, hanText } from './helpers.js';
import type { SynthRecord } from './helpers.js';

const list = await engines('store.test');
after(async () => {
  for (const e of list) await e.cleanup();
});

async function counts(engine: Engine): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['sources', 'articles', 'fingerprint_runs', 'passages', 'stories', 'story_members', 'edits'] as const) {
    const r = await engine.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    out[t] = Number(r?.n ?? 0);
  }
  return out;
}

async function passageLines(engine: Engine): Promise<string[]> {
  const out: string[] = [];
  for await (const p of storedPassages(engine)) out.push(JSON.stringify(p));
  return out.sort();
}

for (const te of list) {
  test(`${te.name}: ingesting the same pages twice changes nothing`, async () => {
    const engine = await openStore(te.fresh());
    try {
      const first = await ingestPaths(engine, ['examples'], {});
      assert.equal(first.sources, 2);
      assert.ok(first.articles >= 5, `articles ${first.articles}`); // the splitter's count; not this test's concern
      const before = await counts(engine);
      const second = await ingestPaths(engine, ['examples'], {});
      assert.deepEqual([second.sources, second.articles, second.present], [0, 0, 2]);
      assert.deepEqual(await counts(engine), before);
    } finally {
      await engine.close();
    }
  });

  test(`${te.name}: incremental detect matches new days only and agrees with stateless detect`, async () => {
    const dir = tempDir();
    const days = synthCorpus(3, 12);
    const engine = await openStore(te.fresh());
    try {
      await ingestPaths(engine, [writeJsonl(dir, 'd1.jsonl', days[0]!), writeJsonl(dir, 'd2.jsonl', days[1]!)], {});
      const c1 = await detectStore(engine);
      assert.equal(c1.matched, 48);
      assert.ok(c1.passages >= 4, `passages ${c1.passages}`);
      const old = await passageLines(engine);
      const oldStored = await engine.db.selectFrom('passages').select('id').execute();

      await ingestPaths(engine, [writeJsonl(dir, 'd3.jsonl', days[2]!)], {});
      const c2 = await detectStore(engine);
      assert.equal(c2.matched, 24, 'only the new day is matched');
      const now = await passageLines(engine);
      for (const p of old) assert.ok(now.includes(p), 'old passages stay');
      const ids = new Set((await engine.db.selectFrom('passages').select('id').execute()).map((r) => r.id));
      for (const r of oldStored) assert.ok(ids.has(r.id));
      assert.equal(now.length, old.length + c2.passages);

      // the same passages as the stateless engine over everything
      const docs = days.flat().map((r) => ({ id: r.id, series: r.series, date: r.date, text: r.text, title: r.title }));
      const stateless = detect(docs).map((p) => JSON.stringify({ a: p.a, b: p.b, chars: p.chars, identity: Math.round(p.identity * 10000) / 10000 }));
      assert.deepEqual(now, stateless.sort());

      const again = await detectStore(engine);
      assert.deepEqual([again.matched, again.passages], [0, 0], 'nothing is recomputed');

      const r = await report(engine);
      assert.equal(r.totals.articles, 72);
      const local2 = r.days.find((d) => d.outlet === 'local' && d.date === '2019-10-02')!;
      assert.equal(local2.articles, 12);
      assert.equal(local2.reprinted, 4);
      assert.ok(local2.share > 0.2 && local2.share < 0.8, `share ${local2.share}`);
      const top = r.stories[0]!;
      assert.deepEqual(top.outlets, ['wire', 'local']);
      assert.equal(top.copies[0]!.days_after, 1);

      const s = await story(engine, top.story);
      assert.ok(s && s.summary.members === 2);
      const a = await article(engine, top.copies[0]!.ref);
      assert.equal(a?.stories[0]?.story, top.story);
    } finally {
      await engine.close();
    }
  });

  test(`${te.name}: the document-frequency cap counts outlets, as the stateless engine does`, async () => {
    // A wire text printed by 4 outlets in 2 editions each (8 documents, 4 outlets) stays linkable at maxDf 4;
    // a phrase 2 outlets use in 6 documents is stock. Counting documents would drop both.
    const r = rng(5);
    const wire = hanText(r, 200);
    const stock = hanText(r, 40);
    const recs: SynthRecord[] = [];
    for (let o = 0; o < 4; o++)
      for (let e = 0; e < 2; e++) recs.push({ id: `o${o}e${e}`, series: `o${o}`, date: '2019-10-02', title: `标题${o}${e}`, text: `${hanText(r, 80)}\n${wire}\n${hanText(r, 80)}` });
    for (let k = 0; k < 6; k++) recs.push({ id: `s${k}`, series: `p${k % 2}`, date: '2019-10-02', title: `标题s${k}`, text: `${hanText(r, 100)}${stock}${hanText(r, 100)}` });
    const dir = tempDir();
    const engine = await openStore(te.fresh());
    try {
      await ingestPaths(engine, [writeJsonl(dir, 'cap.jsonl', recs)], {});
      await detectStore(engine, { maxDf: 4 });
      const stored = await passageLines(engine);
      const stateless = detect(recs, { maxDf: 4 }).map((p) => JSON.stringify({ a: p.a, b: p.b, chars: p.chars, identity: Math.round(p.identity * 10000) / 10000 }));
      assert.deepEqual(stored, stateless.sort());
      const pairs = new Set(stored.map((l) => JSON.parse(l) as { a: { id: string }; b: { id: string } }).map((p) => [p.a.id, p.b.id].sort().join('|')));
      assert.equal(pairs.size, 24, 'every cross-outlet pair of the 8 copies');
      assert.ok(![...pairs].some((p) => p.includes('s')), 'the stock phrase links nothing');
    } finally {
      await engine.close();
    }
  });

  test(`${te.name}: search finds two-character and one-character queries, with filters`, async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'p'));
    const engine = await openStore(te.fresh());
    try {
      await ingestPaths(engine, ['examples'], {});
      const recs = [
        { id: 'x1', series: 'aa', date: '2025-01-02', title: '团洲', text: '团洲垸堤防决口处成功合龙。' },
        { id: 'x2', series: 'bb', date: '2025-01-05', title: null, text: '普京与团洲无关，普京。' },
      ];
      writeFileSync(join(dir, 'x.jsonl'), recs.map((r) => JSON.stringify(r)).join('\n'));
      await ingestPaths(engine, [join(dir, 'x.jsonl')], {});
      const q = (s: string, f = {}) => engine.search.query(engine.db, queryTokens(s), f, 20);
      assert.equal((await q('普京')).length, 3);
      assert.equal((await q('团洲', { outlet: 'aa' })).length, 1);
      assert.equal((await q('团洲', { outlet: 'bb' })).length, 1);
      assert.equal((await q('团洲', { kind: 'photo' })).length, 1, 'the photo caption on the example page');
      assert.equal((await q('团洲', { kind: 'photo', outlet: 'aa' })).length, 0);
      assert.deepEqual((await q('团洲', { from: '2025-01-03', to: '2025-01-10' })).length, 1);
      assert.deepEqual((await q('团洲', { from: '2025-01-22', to: '2025-01-22' })).length, 1, 'the example page, dated by its sidecar');
      // Ranges the day terms cannot settle are checked on the articles.
      assert.equal((await q('团洲', { from: '2025-01-03' })).length, 2, 'an open range: the example page and x2');
      assert.equal((await q('团洲', { to: '2025-01-03' })).length, 1, 'open at the start: x1');
      assert.equal((await q('团洲', { from: '2024-01-01', to: '2025-01-04', outlet: 'aa' })).length, 1, 'a range over 93 days, with an outlet');
      assert.equal((await q('团洲', { from: '2025-01-06', to: '2025-12-31', outlet: 'bb' })).length, 0);
      assert.equal((await q('洲垸')).length, 1);
      assert.equal((await q('垸')).length, 1);
      assert.equal((await q('龙')).length, 1, 'a character only at the end of a text');
      assert.equal((await q('与', { outlet: 'bb' })).length, 1, 'a character inside a text');
      assert.equal((await q('鑫')).length, 0);
      assert.equal((await q('团洲普京')).length, 0, 'characters in a row, not anywhere');
      assert.equal((await q('京与团洲')).length, 1);
      assert.equal((await q('俄罗斯总统普京')).length, 2);
      const ranked = await searchArticles(engine, '普京', {}, 3);
      assert.equal(ranked.length, 3);
      assert.equal(ranked[0]!.ref, 'x2', 'twice in a short text ranks first');
      assert.equal(ranked[0]!.hits.length, 2);
    } finally {
      await engine.close();
    }
  });
  test(`${te.name}: search over many ingest transactions finds what a scan of the texts finds`, async () => {
    // 20 transactions: on PostgreSQL two full tiers of segments are merged on the way.
    const dir = tempDir();
    const r = rng(7);
    const chars = '甲乙丙丁戊己庚辛';
    const recs: { id: string; series: string; date: string; title: null; text: string }[] = [];
    for (let i = 0; i < 200; i++) {
      let text = '';
      for (let k = 0; k < 60; k++) text += chars[Math.floor(r() * chars.length)];
      recs.push({ id: `m${i}`, series: i % 3 ? 'aa' : 'bb', date: `2025-02-${String(1 + (i % 20)).padStart(2, '0')}`, title: null, text: `${text}。` });
    }
    const engine = await openStore(te.fresh());
    try {
      for (let f = 0; f < 20; f++) {
        const path = join(dir, `m${f}.jsonl`);
        writeFileSync(path, recs.slice(f * 10, f * 10 + 10).map((x) => JSON.stringify(x)).join('\n'));
        await ingestPaths(engine, [path], {});
      }
      for (const query of ['甲乙', '丙丁戊', '辛辛辛', '己庚辛甲', '丁']) {
        for (const f of [{}, { outlet: 'bb' }, { from: '2025-02-05', to: '2025-02-09' }, { from: '2025-02-18' }]) {
          const want = recs.filter(
            (x) => x.text.includes(query) && (!('outlet' in f) || x.series === f.outlet) && (!('from' in f) || x.date >= f.from!) && (!('to' in f) || x.date <= f.to!),
          );
          const got = await searchArticles(engine, query, f, 1000);
          assert.deepEqual(got.map((h) => h.ref).sort(), want.map((x) => x.id).sort(), `${query} ${JSON.stringify(f)}`);
        }
      }
      const top = await searchArticles(engine, '甲乙', {}, 1);
      const most = Math.max(...recs.map((x) => x.text.split('甲乙').length - 1));
      assert.equal(top[0]!.hits.length, most, 'the article with the phrase most often ranks first (texts are the same length)');
    } finally {
      await engine.close();
    }
  });
  test(`${te.name}: migration 0005 keeps a database made before it searchable`, async () => {
    const dir = tempDir();
    const loc = te.fresh();
    const old = isPostgresUrl(loc) ? await postgresEngine(loc) : await sqliteEngine(loc);
    await migrate(old, '0004_search_facets');
    const recs = [
      { id: 'x1', series: 'aa', date: '2025-01-02', title: null, text: '团洲垸堤防决口处成功合龙。' },
      { id: 'x2', series: 'bb', date: '2025-01-05', title: null, text: '团洲垸安置群众喜迁新居，团洲垸。' },
    ];
    writeFileSync(join(dir, 'x.jsonl'), recs.map((r) => JSON.stringify(r)).join('\n'));
    // 0005 re-indexes the stored articles on PostgreSQL and never reads the GIN index it drops: the rows
    // ingested before are indexed by it alone.
    const before = isPostgresUrl(loc) ? { ...old, search: { ...old.search, add: async () => undefined } } : old;
    await ingestPaths(before, [join(dir, 'x.jsonl')], {});
    await old.close();
    const engine = await openStore(loc);
    try {
      const refs = async (q: string, f = {}) => (await searchArticles(engine, q, f, 20)).map((h) => h.ref);
      assert.deepEqual(await refs('团洲垸'), ['x2', 'x1']);
      assert.deepEqual(await refs('垸', { outlet: 'aa' }), ['x1']);
      assert.deepEqual(await refs('新居', { from: '2025-01-05', to: '2025-01-05' }), ['x2']);
      await ingestPaths(engine, ['examples'], {});
      assert.equal((await refs('团洲')).length, 3, 'articles ingested after the migration join those before');
    } finally {
      await engine.close();
    }
  });
}
