/**
 * Reading the store: the report, one article, one story, the export records
 * and the stored passages. Plain queries over the shared schema; the same
 * SQL runs on both engines.
 */
import { sql } from 'kysely';
import type { Engine } from './engine.js';
import type { Article } from '../page/types.js';
import { pageDocs } from '../reuse/pageDocs.js';
import { pageSpan } from '../reuse/pageSpan.js';

export interface DayRow {
  outlet: string;
  date: string | null;
  articles: number;
  /** Articles carrying reprinted text (members of at least one story). */
  reprinted: number;
  /** Match-key characters of all articles. */
  chars: number;
  /** Of those, inside reprinted passages. */
  reprinted_chars: number;
  /** reprinted_chars / chars. */
  share: number;
}

export interface StoryCopy {
  id: string;
  ref: string;
  outlet: string;
  date: string | null;
  page: string | null;
  title: string | null;
  start: number;
  end: number;
  coverage: number;
  days_after: number | null;
}

export interface StorySummary {
  story: string;
  members: number;
  outlets: string[];
  first_date: string | null;
  last_date: string | null;
  /** Days from the origin to the latest copy. */
  spread_days: number | null;
  origin: StoryCopy;
  copies: StoryCopy[];
}

export interface Report {
  days: DayRow[];
  stories: StorySummary[];
  totals: { sources: number; articles: number; passages: number; stories: number };
}

export async function report(engine: Engine, top = 10): Promise<Report> {
  const db = engine.db;
  const rows = await sql<{ outlet: string; date: string | null; articles: number; reprinted: number; chars: number; reprinted_chars: number }>`
    SELECT a.series AS outlet, a.date AS date, count(*) AS articles,
           sum(CASE WHEN c.cov IS NULL THEN 0 ELSE 1 END) AS reprinted,
           sum(a.chars) AS chars,
           sum(coalesce(c.cov, 0) * a.chars) AS reprinted_chars
    FROM articles a
    LEFT JOIN (SELECT num, CASE WHEN sum(coverage) > 1 THEN 1.0 ELSE sum(coverage) END AS cov FROM story_members GROUP BY num) c ON c.num = a.num
    GROUP BY a.series, a.date
    ORDER BY a.date, a.series`.execute(db);
  const days = rows.rows.map((r) => {
    const chars = Number(r.chars);
    const rc = Math.round(Number(r.reprinted_chars));
    return { outlet: r.outlet, date: r.date, articles: Number(r.articles), reprinted: Number(r.reprinted), chars, reprinted_chars: rc, share: chars > 0 ? round4(rc / chars) : 0 };
  });
  const ids = await db.selectFrom('stories').select('id').orderBy('outlets', 'desc').orderBy('members', 'desc').orderBy('first_date').orderBy('id').limit(top).execute();
  const stories: StorySummary[] = [];
  for (const { id } of ids) {
    const s = await story(engine, id);
    if (s) stories.push(s.summary);
  }
  const count = async (t: 'sources' | 'articles' | 'passages' | 'stories') =>
    Number((await db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
  return { days, stories, totals: { sources: await count('sources'), articles: await count('articles'), passages: await count('passages'), stories: await count('stories') } };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export interface StoryEdit {
  op: string;
  origin: { start: number; end: number; text: string } | null;
  copy: { start: number; end: number; text: string } | null;
  name: boolean;
}

/** A story with its members (origin first) and each copy's edits. */
export async function story(engine: Engine, id: string): Promise<{ summary: StorySummary; edits: Map<string, StoryEdit[]> } | null> {
  const db = engine.db;
  const s = await db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) return null;
  const members = await db
    .selectFrom('story_members as m')
    .innerJoin('articles as a', 'a.num', 'm.num')
    .select(['m.seq', 'm.start', 'm.end', 'm.coverage', 'm.days_after', 'm.num', 'a.id', 'a.ref', 'a.series', 'a.date', 'a.page', 'a.title'])
    .where('m.story', '=', id)
    .orderBy('m.seq')
    .execute();
  const copies: StoryCopy[] = members.map((m) => ({
    id: m.id,
    ref: m.ref,
    outlet: m.series,
    date: m.date,
    page: m.page,
    title: m.title,
    start: m.start,
    end: m.end,
    coverage: round4(m.coverage),
    days_after: m.days_after,
  }));
  const editRows = await db
    .selectFrom('edits as e')
    .innerJoin('articles as a', 'a.num', 'e.num')
    .select(['a.id', 'e.op', 'e.origin_start', 'e.origin_end', 'e.origin_text', 'e.copy_start', 'e.copy_end', 'e.copy_text', 'e.name'])
    .where('e.story', '=', id)
    .orderBy('e.num')
    .orderBy('e.seq')
    .execute();
  const edits = new Map<string, StoryEdit[]>();
  for (const e of editRows) {
    const list = edits.get(e.id) ?? [];
    list.push({
      op: e.op,
      origin: e.origin_start === null ? null : { start: e.origin_start, end: e.origin_end!, text: e.origin_text ?? '' },
      copy: e.copy_start === null ? null : { start: e.copy_start, end: e.copy_end!, text: e.copy_text ?? '' },
      name: e.name === 1,
    });
    edits.set(e.id, list);
  }
  return {
    summary: {
      story: s.id,
      members: s.members,
      outlets: [...new Set(copies.map((c) => c.outlet))],
      first_date: s.first_date,
      last_date: s.last_date,
      spread_days: s.spread_days,
      origin: copies[0]!,
      copies: copies.slice(1),
    },
    edits,
  };
}

export interface ArticleView {
  id: string;
  ref: string;
  outlet: string;
  date: string | null;
  page: string | null;
  kind: string;
  title: string | null;
  credit: string | null;
  source: { id: string; path: string; format: string };
  text: string;
  parts: Article;
  chars: number;
  state: number;
  stories: { story: string; start: number; end: number; coverage: number; origin: boolean }[];
}

/** One article by id (`a…`) or ref (`file#0`, a record id). */
export async function article(engine: Engine, key: string): Promise<ArticleView | null> {
  const db = engine.db;
  const a = await db
    .selectFrom('articles as a')
    .innerJoin('sources as s', 's.id', 'a.source_id')
    .select(['a.num', 'a.id', 'a.ref', 'a.series', 'a.date', 'a.page', 'a.kind', 'a.title', 'a.credit', 'a.text', 'a.parts', 'a.chars', 'a.state', 's.id as sid', 's.path', 's.format'])
    .where((eb) => eb.or([eb('a.id', '=', key), eb('a.ref', '=', key)]))
    .executeTakeFirst();
  if (!a) return null;
  const st = await db.selectFrom('story_members').select(['story', 'start', 'end', 'coverage', 'seq']).where('num', '=', a.num).orderBy('story').execute();
  return {
    id: a.id,
    ref: a.ref,
    outlet: a.series,
    date: a.date,
    page: a.page,
    kind: a.kind,
    title: a.title,
    credit: a.credit,
    source: { id: a.sid, path: a.path, format: a.format },
    text: a.text,
    parts: JSON.parse(a.parts) as Article,
    chars: a.chars,
    state: a.state,
    stories: st.map((m) => ({ story: m.story, start: m.start, end: m.end, coverage: round4(m.coverage), origin: m.seq === 0 })),
  };
}

export interface ExportRecord {
  id: string;
  series: string;
  date: string | null;
  title: string | null;
  text: string;
  article: string;
  page: string | null;
  kind: string;
  credit: string | null;
  source: string;
  chars: number;
  reprinted_share: number;
  stories: string[];
}

/** Every article, in ingest order: passim's fields (`id` is the ref) plus ours. */
export async function* exportRecords(engine: Engine, batch = 1000): AsyncGenerator<ExportRecord> {
  let after = 0;
  for (;;) {
    const rows = await engine.db
      .selectFrom('articles as a')
      .innerJoin('sources as s', 's.id', 'a.source_id')
      .select(['a.num', 'a.id', 'a.ref', 'a.series', 'a.date', 'a.title', 'a.text', 'a.page', 'a.kind', 'a.credit', 'a.chars', 's.path'])
      .where('a.num', '>', after)
      .orderBy('a.num')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    const nums = rows.map((r) => r.num);
    const members = await engine.db.selectFrom('story_members').select(['num', 'story', 'coverage']).where('num', 'in', nums).orderBy('story').execute();
    const per = new Map<number, { stories: string[]; cov: number }>();
    for (const m of members) {
      const p = per.get(m.num) ?? { stories: [], cov: 0 };
      p.stories.push(m.story);
      p.cov += m.coverage;
      per.set(m.num, p);
    }
    for (const r of rows) {
      const p = per.get(r.num);
      yield {
        id: r.ref,
        series: r.series,
        date: r.date,
        title: r.title,
        text: r.text,
        article: r.id,
        page: r.page,
        kind: r.kind,
        credit: r.credit,
        source: r.path,
        chars: r.chars,
        reprinted_share: p ? round4(Math.min(1, p.cov)) : 0,
        stories: p?.stories ?? [],
      };
    }
    after = rows[rows.length - 1]!.num;
  }
}

export interface StoredPassage {
  a: { id: string; start: number; end: number };
  b: { id: string; start: number; end: number };
  chars: number;
  identity: number;
}

/**
 * The stored passages as `wiretrace reprints --json` prints them: ids are the
 * articles' refs, offsets are in the source text (page offsets for page
 * files, record text for JSONL).
 */
export async function* storedPassages(engine: Engine): AsyncGenerator<StoredPassage> {
  const maps = new Map<number, { ref: string; map: Uint32Array | undefined }>();
  const side = async (num: number, start: number, end: number) => {
    let m = maps.get(num);
    if (!m) {
      const a = await engine.db
        .selectFrom('articles as a')
        .innerJoin('sources as s', 's.id', 'a.source_id')
        .select(['a.ref', 'a.parts', 's.text', 's.path'])
        .where('a.num', '=', num)
        .executeTakeFirstOrThrow();
      const doc = pageDocs(a.path, { text: a.text, articles: [JSON.parse(a.parts) as Article], noise: [], messages: [] }, '', null)[0];
      m = { ref: a.ref, map: doc?.map };
      if (maps.size > 5000) maps.clear();
      maps.set(num, m);
    }
    return { id: m.ref, ...pageSpan({ map: m.map }, start, end) };
  };
  {
    const rows = await engine.db
      .selectFrom('passages as p')
      .innerJoin('articles as x', 'x.num', 'p.a')
      .innerJoin('articles as y', 'y.num', 'p.b')
      .select(['p.id', 'p.a', 'p.a_start', 'p.a_end', 'p.b', 'p.b_start', 'p.b_end', 'p.chars', 'p.identity', 'x.ref as aref', 'y.ref as bref'])
      .orderBy('x.ref')
      .orderBy('y.ref')
      .orderBy('p.a_start')
      .orderBy('p.b_start')
      .orderBy('p.id')
      .execute();
    for (const r of rows) {
      yield { a: await side(r.a, r.a_start, r.a_end), b: await side(r.b, r.b_start, r.b_end), chars: r.chars, identity: round4(r.identity) };
    }
  }
}
