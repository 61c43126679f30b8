/**
 * Helpers for the store tests: the engines to run on (SQLite always;
 * PostgreSQL when a server answers, in a fresh schema dropped afterwards)
 * and a seeded synthetic corpus with cross-outlet reprints.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { mulberry32 } from '../../bench/pages.js';

export const PG_URL = process.env['WIRETRACE_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgChecked: Promise<string | null> | undefined;

/** Null when PostgreSQL answers; else why not (printed once as "PostgreSQL half skipped: …"). */
export function pgUnavailable(): Promise<string | null> {
  pgChecked ??= (async () => {
    const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return null;
    } catch (err) {
      return `${PG_URL}: ${(err as Error).message || (err as NodeJS.ErrnoException).code}`;
    } finally {
      await c.end().catch(() => undefined);
    }
  })();
  return pgChecked;
}

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** A fresh database location for one test. */
  fresh(): string;
  /** Drops what `fresh` created. */
  cleanup(): Promise<void>;
}

/** The engines to loop over; PostgreSQL only when it answers (a skip message is printed otherwise). */
export async function engines(file: string): Promise<TestEngine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-store-'));
  let n = 0;
  const list: TestEngine[] = [
    {
      name: 'sqlite',
      fresh: () => join(dir, `t${++n}.db`),
      cleanup: async () => undefined,
    },
  ];
  const why = await pgUnavailable();
  if (why) {
    console.log(`# ${file}: PostgreSQL half skipped: ${why} (start the server, or set WIRETRACE_TEST_PG)`);
    return list;
  }
  const schemas: string[] = [];
  const tag = `wt_${process.pid}_${Date.now().toString(36)}`;
  list.push({
    name: 'postgres',
    fresh: () => {
      const s = `${tag}_${++n}`;
      schemas.push(s);
      return `${PG_URL}?schema=${s}`;
    },
    cleanup: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await c.end();
    },
  });
  return list;
}

export function tempDir(prefix = 'wiretrace-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A seeded generator: the benchmarks' mulberry32. */
export const rng = mulberry32;

const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';

export function hanText(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += HAN[Math.floor(r() * HAN.length)]!;
    if (i % 23 === 22) s += '，';
    if (i % 71 === 70) s += '。\n';
  }
  return s + '。';
}

export interface SynthRecord {
  id: string;
  series: string;
  date: string;
  title: string;
  text: string;
}

/**
 * Articles of two outlets over `days` days: each day `perDay` articles of
 * `wire` and `perDay` of `local`; every third local article reprints a
 * 300-character passage of a wire article of the day before.
 */
export function synthCorpus(days: number, perDay: number, seed = 7): SynthRecord[][] {
  const r = rng(seed);
  const out: SynthRecord[][] = [];
  let prev: SynthRecord[] = [];
  for (let d = 0; d < days; d++) {
    const date = `2019-10-${String(d + 1).padStart(2, '0')}`;
    const day: SynthRecord[] = [];
    for (let i = 0; i < perDay; i++) day.push({ id: `wire-${d}-${i}`, series: 'wire', date, title: `通稿${d}-${i}`, text: hanText(r, 400) });
    for (let i = 0; i < perDay; i++) {
      let text = hanText(r, 300);
      const src = prev[i];
      if (i % 3 === 0 && src) text = `${hanText(r, 60)}\n${src.text.slice(20, 340)}\n${hanText(r, 80)}`;
      day.push({ id: `local-${d}-${i}`, series: 'local', date, title: `本地${d}-${i}`, text });
    }
    out.push(day);
    prev = day.filter((x) => x.series === 'wire');
  }
  return out;
}

export function writeJsonl(dir: string, name: string, records: SynthRecord[]): string {
  const path = join(dir, name);
  writeFileSync(path, records.map((x) => JSON.stringify(x)).join('\n') + '\n');
  return path;
}
