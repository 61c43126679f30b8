/**
 * The corpus store at scale (issue 4): for SQLite and PostgreSQL,
 *
 * 1. ingest + detect throughput for a synthetic corpus of N articles
 *    (`wiretrace ingest` of JSONL files, then `wiretrace detect`, timed
 *    in-process through `ingestPaths` and `detectStore`);
 * 2. incremental detect of one new day (3,000 more articles) against it;
 * 3. search latency, p50 / p99, of a fixed seeded set of 2- to 6-character
 *    queries, half with filters, through `searchArticles` (what
 *    `wiretrace search` runs; Node start-up not included);
 *
 * with baselines measured in the same run: the same article rows inserted
 * into a bare table (no keys, no index) through the engine's driver, and the
 * stateless `detect()` over the same articles (sizes up to
 * STORE_BENCH_STATELESS_MAX, default 100,000: it holds everything in memory).
 *
 * Articles come from `bench/synth.ts` (People's Daily text from
 * ../shared/corpora, permuted per document, 1,230 characters on average, 40
 * outlets, 31 days; 2 in 16 articles carry a reprinted passage). They are
 * written to JSONL files of 3,000 records (a day of a large corpus) in a
 * temporary folder, removed afterwards; the corpus text never enters the
 * repository.
 *
 * Environment:
 * - STORE_BENCH_SIZES=100000,1000000 (default 100000)
 * - STORE_BENCH_ENGINES=sqlite,postgres (default both; PostgreSQL is skipped
 *   with a message when no server answers)
 * - STORE_BENCH_PG (default postgres://postgres@127.0.0.1:5432/test; the
 *   store goes into a schema of its own, dropped afterwards)
 * - STORE_BENCH_QUERIES (default 200), STORE_BENCH_SEED (default 1),
 *   STORE_BENCH_DIR (where the SQLite file and JSONL go; default the OS
 *   temporary folder), STORE_BENCH_KEEP=1 keeps the database.
 * - STORE_BENCH_REUSE=LOCATION: no ingest or detect; open a database an
 *   earlier run kept (first size, same seed), applying newer migrations
 *   (timed), and measure search latency only.
 */
import { mkdtempSync, rmSync, writeFileSync, appendFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openStore, isPostgresUrl } from '../src/store/engine.js';
import type { Engine, SearchFilters } from '../src/store/engine.js';
import { ingestPaths } from '../src/cli/ingest.js';
import { detectStore } from '../src/store/detect.js';
import { searchArticles } from '../src/store/search.js';
import { detect } from '../src/reuse/detect.js';
import type { Doc } from '../src/reuse/types.js';
import { corporaDir } from './segment.js';
import { loadRmrb, Synth, Rng } from './synth.js';
import type { Texts } from './synth.js';

const FILE_DOCS = 3000;
const DAY = 3000;
const LIMIT = 20;

interface Corpus {
  n: number;
  dir: string;
  files: string[];
  dayFile: string;
  chars: number;
  dayChars: number;
  genMs: number;
  synth: Synth;
}

export async function storeBench(): Promise<void> {
  const rmrb = join(corporaDir(), 'rmrb-2019-10');
  const texts = loadRmrb(rmrb);
  if (!texts) {
    console.log(`store: SKIPPED — People's Daily corpus not found at ${rmrb} (set WIRETRACE_CORPORA)`);
    return;
  }
  const sizes = (process.env['STORE_BENCH_SIZES'] ?? '100000').split(',').map(Number);
  const engines = (process.env['STORE_BENCH_ENGINES'] ?? 'sqlite,postgres').split(',');
  const pgUrl = process.env['STORE_BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const seed = Number(process.env['STORE_BENCH_SEED'] ?? 1);
  const nQueries = Number(process.env['STORE_BENCH_QUERIES'] ?? 200);
  const statelessMax = Number(process.env['STORE_BENCH_STATELESS_MAX'] ?? 100_000);
  console.log(`input: bench/synth.ts articles from ${rmrb}, seed ${seed}; sizes ${sizes.join(', ')}; engines ${engines.join(', ')}`);
  console.log(`machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores, Node ${process.version}${await versions(pgUrl, engines)}`);
  const reuse = process.env['STORE_BENCH_REUSE'];
  if (reuse) {
    // Search only, on a store an earlier run kept (STORE_BENCH_KEEP=1) for the first size and the same seed:
    // opening it applies any newer migration (timed), then the same seeded queries.
    const n = sizes[0]!;
    if (!isPostgresUrl(reuse) && !existsSync(reuse)) throw new Error(`STORE_BENCH_REUSE=${reuse}: no such database`);
    const synth = new Synth(texts, { docs: n + DAY, seed });
    const t0 = performance.now();
    const engine = await openStore(reuse);
    console.log(`\n-- reusing ${reuse} (${n.toLocaleString('en')} articles + a day, seed ${seed}): opened and migrated in ${s(performance.now() - t0)}`);
    try {
      await searchLatency(engine, { n, dir: '', files: [], dayFile: '', chars: 0, dayChars: 0, genMs: 0, synth }, seed, nQueries);
    } finally {
      await engine.close();
    }
    return;
  }
  for (const n of sizes) {
    const corpus = generate(texts, n, seed);
    try {
      console.log(
        `\n-- ${n.toLocaleString('en')} articles, ${(corpus.chars / 1e6).toFixed(1)} M chars in ${corpus.files.length} JSONL files (generated in ${s(corpus.genMs)}); new day: ${DAY} articles, ${(corpus.dayChars / 1e6).toFixed(2)} M chars`,
      );
      if (n <= statelessMax) statelessBaseline(corpus);
      for (const name of engines) {
        if (name === 'postgres') {
          const why = await pgDown(pgUrl);
          if (why) {
            console.log(`postgres: SKIPPED — ${why}`);
            continue;
          }
        }
        await runEngine(name, corpus, pgUrl, seed, nQueries);
      }
    } finally {
      if (process.env['STORE_BENCH_KEEP'] === '1') console.log(`kept: ${corpus.dir}`);
      else rmSync(corpus.dir, { recursive: true, force: true });
    }
  }
}

// ------------------------------------------------------------------ corpus

function record(d: Doc): string {
  return JSON.stringify({ id: d.id, series: d.series, date: d.date, title: d.title ?? null, text: d.text });
}

/** N articles in files of FILE_DOCS, plus the new day (articles N … N + DAY − 1 of the same generator). */
function generate(texts: Texts, n: number, seed: number): Corpus {
  const t0 = performance.now();
  const dir = mkdtempSync(join(process.env['STORE_BENCH_DIR'] ?? tmpdir(), 'wiretrace-store-bench-'));
  const synth = new Synth(texts, { docs: n + DAY, seed });
  const files: string[] = [];
  let chars = 0;
  for (let f = 0; f * FILE_DOCS < n; f++) {
    const file = join(dir, `part${String(f).padStart(4, '0')}.jsonl`);
    const lines: string[] = [];
    for (let i = f * FILE_DOCS; i < Math.min(n, (f + 1) * FILE_DOCS); i++) {
      const d = synth.doc(i).doc;
      chars += d.text.length;
      lines.push(record(d));
    }
    writeFileSync(file, lines.join('\n') + '\n');
    files.push(file);
  }
  const dayFile = join(dir, 'newday.jsonl');
  let dayChars = 0;
  for (let i = n; i < n + DAY; i++) {
    const d = synth.doc(i).doc;
    dayChars += d.text.length;
    appendFileSync(dayFile, record(d) + '\n');
  }
  return { n, dir, files, dayFile, chars, dayChars, genMs: performance.now() - t0, synth };
}

function statelessBaseline(c: Corpus): void {
  const docs: Doc[] = [];
  for (let i = 0; i < c.n; i++) docs.push(c.synth.doc(i).doc);
  const t0 = performance.now();
  const passages = detect(docs).length;
  const ms = performance.now() - t0;
  console.log(`baseline: stateless detect() over the same ${c.n.toLocaleString('en')} articles in memory: ${s(ms)} (${rate(c.n, c.chars, ms)}), ${passages} passages`);
  statelessMs.set(c.n, ms);
}
const statelessMs = new Map<number, number>();

// ------------------------------------------------------------------ one engine

async function runEngine(name: string, c: Corpus, pgUrl: string, seed: number, nQueries: number): Promise<void> {
  const schema = `wt_bench_${process.pid}_${Date.now().toString(36)}`;
  const location = name === 'postgres' ? `${pgUrl}?schema=${schema}` : join(c.dir, 'store.db');
  console.log(`\n${name} (${name === 'postgres' ? `schema ${schema}` : location}):`);
  const raw = name === 'postgres' ? await rawPostgres(c, pgUrl, `${schema}_raw`) : rawSqlite(c);
  console.log(`  baseline: bare insert of the same ${c.n.toLocaleString('en')} rows (num, series, date, text) through the driver: ${s(raw)} (${rate(c.n, c.chars, raw)})`);
  const engine = await openStore(location);
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let last = t0;
    const ing = { articles: 0 };
    for (let f = 0; f < c.files.length; f += 10) {
      ing.articles += (await ingestPaths(engine, c.files.slice(f, f + 10), {})).articles;
      const now = performance.now();
      if (now - last > 60_000) {
        last = now;
        console.log(`    [${s(now - t0)}] ingest ${ing.articles}/${c.n}`);
      }
    }
    const ingestMs = performance.now() - t0;
    console.log(`  ingest: ${ing.articles.toLocaleString('en')} articles in ${s(ingestMs)} (${rate(c.n, c.chars, ingestMs)}); ${(ingestMs / raw).toFixed(1)}× the bare insert; ${cpuSince(cpu0)}`);
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    last = t1;
    const det = await detectStore(engine, {}, (stage, done, total) => {
      const now = performance.now();
      if (now - last > 60_000 || done === total) {
        last = now;
        console.log(`    [${s(now - t1)}] ${stage} ${done}/${total}`);
      }
    });
    const detectMs = performance.now() - t1;
    const base = statelessMs.get(c.n);
    console.log(
      `  detect: ${det.matched.toLocaleString('en')} articles in ${s(detectMs)} (${rate(c.n, c.chars, detectMs)}); ${det.passages} passages, ${det.stories} stories` +
        (base ? `; ${(detectMs / base).toFixed(1)}× stateless detect()` : '') +
        `; ${cpuSince(cpu1)}`,
    );
    console.log(`  ingest + detect: ${s(ingestMs + detectMs)} (${rate(c.n, c.chars, ingestMs + detectMs)}); database ${(await engine.size() / 2 ** 30).toFixed(2)} GiB`);
    // one new day
    const t2 = performance.now();
    const di = await ingestPaths(engine, [c.dayFile], {});
    const t3 = performance.now();
    const dd = await detectStore(engine);
    const t4 = performance.now();
    console.log(
      `  new day: ingest ${di.articles} articles ${s(t3 - t2)}, incremental detect ${s(t4 - t3)} (${dd.matched} matched, ${dd.passages} passages, ${dd.stories} stories rebuilt) — target < 60 s: ${t4 - t3 < 60_000 ? 'PASS' : 'FAIL'}`,
    );
    await searchLatency(engine, c, seed, nQueries);
  } finally {
    await engine.close();
    if (process.env['STORE_BENCH_KEEP'] !== '1') {
      if (name === 'postgres') await dropSchema(pgUrl, schema);
      else for (const f of ['', '-wal', '-shm']) rmSync(location + f, { force: true });
    }
  }
}

// ------------------------------------------------------------------ search

interface Query {
  q: string;
  filters: SearchFilters;
}

/** A fixed seeded query set: runs of 2–6 Han characters from random articles of the corpus, half with filters. */
export function queries(c: Corpus, seed: number, count: number): Query[] {
  const r = new Rng(seed * 7919 + 17);
  const out: Query[] = [];
  while (out.length < count) {
    const d = c.synth.doc(r.int(c.n)).doc;
    const len = r.range(2, 6);
    const at = r.int(Math.max(1, d.text.length - len));
    const q = d.text.slice(at, at + len);
    if (!/^[\u4e00-\u9fff]+$/.test(q)) continue;
    const filters: SearchFilters = {};
    switch (out.length % 6) {
      case 1:
        filters.outlet = d.series;
        break;
      case 3: {
        const day = r.int(25) + 1;
        filters.from = `2019-10-${String(day).padStart(2, '0')}`;
        filters.to = `2019-10-${String(day + 6).padStart(2, '0')}`;
        break;
      }
      case 5:
        filters.outlet = `S${String(r.int(40)).padStart(2, '0')}`;
        filters.from = d.date ?? undefined;
        filters.to = d.date ?? undefined;
        break;
    }
    out.push({ q, filters });
  }
  return out;
}

async function searchLatency(engine: Engine, c: Corpus, seed: number, count: number): Promise<void> {
  const qs = queries(c, seed, count);
  for (const q of qs.slice(0, 10)) await searchArticles(engine, q.q, q.filters, LIMIT); // warm up
  const times: number[] = [];
  const byLen = new Map<number, number[]>();
  let hits = 0;
  let full = 0;
  let slowest = { ms: 0, q: '' };
  for (const q of qs) {
    const t0 = performance.now();
    const found = await searchArticles(engine, q.q, q.filters, LIMIT);
    const ms = performance.now() - t0;
    times.push(ms);
    const l = [...q.q].length;
    byLen.set(l, [...(byLen.get(l) ?? []), ms]);
    hits += found.length;
    if (found.length === LIMIT) full++;
    if (ms > slowest.ms) slowest = { ms, q: `${q.q} ${JSON.stringify(q.filters)}` };
  }
  const p50 = pct(times, 0.5);
  const p99 = pct(times, 0.99);
  const filtered = qs.map((q, i) => [q, times[i]!] as const).filter(([q]) => Object.keys(q.filters).length > 0).map(([, t]) => t);
  console.log(
    `  search (${qs.length} queries, ${filtered.length} with filters, limit ${LIMIT}, ${hits} results, ${full} queries filled the limit): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${slowest.q}) — targets 50 / 200 ms: ${p50 < 50 && p99 < 200 ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `    by length: ${[...byLen].sort((a, b) => a[0] - b[0]).map(([l, t]) => `${l} chars p50 ${pct(t, 0.5).toFixed(1)} / p99 ${pct(t, 0.99).toFixed(1)} ms`).join('; ')}; with filters p50 ${pct(filtered, 0.5).toFixed(1)} / p99 ${pct(filtered, 0.99).toFixed(1)} ms`,
  );
}

/** This process's CPU time since `from` (for SQLite, which runs in the process, the engine's too; not a server's). */
function cpuSince(from: NodeJS.CpuUsage): string {
  const u = process.cpuUsage(from);
  return `${s((u.user + u.system) / 1000)} CPU in this process`;
}

function pct(xs: number[], p: number): number {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(p * v.length))] ?? NaN;
}

// ------------------------------------------------------------------ baselines

function rows(c: Corpus): Generator<[number, string, string | null, string]> {
  return (function* () {
    for (let i = 0; i < c.n; i++) {
      const d = c.synth.doc(i).doc;
      yield [i + 1, d.series, d.date, d.text];
    }
  })();
}

/** Generation is not timed: rows are made per batch, then the batch is inserted (timed). */
function rawSqlite(c: Corpus): number {
  const file = join(c.dir, 'raw.db');
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE raw (num integer, series text, date text, text text)');
  const ins = db.prepare('INSERT INTO raw VALUES (?, ?, ?, ?)');
  const insertAll = db.transaction((batch: [number, string, string | null, string][]) => {
    for (const r of batch) ins.run(r);
  });
  let ms = 0;
  let batch: [number, string, string | null, string][] = [];
  const flush = () => {
    const t0 = performance.now();
    insertAll(batch);
    ms += performance.now() - t0;
    batch = [];
  };
  for (const r of rows(c)) {
    batch.push(r);
    if (batch.length === 500) flush();
  }
  flush();
  db.close();
  for (const f of ['', '-wal', '-shm']) rmSync(file + f, { force: true });
  return ms;
}

async function rawPostgres(c: Corpus, url: string, schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`CREATE TABLE ${schema}.raw (num integer, series text, date text, text text)`);
    let ms = 0;
    let batch: [number, string, string | null, string][] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const params: unknown[] = [];
      const values = batch.map((r, k) => (params.push(...r), `($${4 * k + 1}, $${4 * k + 2}, $${4 * k + 3}, $${4 * k + 4})`));
      const t0 = performance.now();
      await client.query(`INSERT INTO ${schema}.raw VALUES ${values.join(', ')}`, params);
      ms += performance.now() - t0;
      batch = [];
    };
    for (const r of rows(c)) {
      batch.push(r);
      if (batch.length === 500) await flush();
    }
    await flush();
    return ms;
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await client.end();
  }
}

// ------------------------------------------------------------------ helpers

async function pgDown(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return null;
  } catch (err) {
    return `${url}: ${(err as Error).message || (err as NodeJS.ErrnoException).code}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Versions and load for the figures' header. */
async function versions(url: string, engines: string[]): Promise<string> {
  const mem = new BetterSqlite3(':memory:');
  const sqliteV = (mem.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  mem.close();
  let pgV = '';
  if (engines.includes('postgres') && !(await pgDown(url))) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    pgV = `, PostgreSQL ${(await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?'}`;
    await client.end();
  }
  let load = '?';
  try {
    load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    /* not Linux */
  }
  return `, SQLite ${sqliteV}${pgV}; load average ${load}`;
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

function s(ms: number): string {
  return ms >= 100_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
}

function rate(n: number, chars: number, ms: number): string {
  return `${Math.round(n / (ms / 1000)).toLocaleString('en')} articles/s, ${(chars / (ms / 1000) / 1e6).toFixed(2)} M chars/s`;
}
