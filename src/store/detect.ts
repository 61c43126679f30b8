/**
 * Incremental reprint detection over the store, in three resumable stages,
 * each committed in batches (a killed process loses at most the batch it was
 * in, and the next run redoes exactly that):
 *
 * 1. fingerprint: new articles get their winnowed n-gram fingerprints
 *    (`detect`'s) and the document frequency of each hash is counted;
 *    they become FINGERPRINTED.
 * 2. match: each fingerprinted article is matched against the whole corpus
 *    through the stored postings: candidates share at least `minShared`
 *    fingerprints that are not stock phrases (`isStock`, as in `detect`: more
 *    than `maxDf` outlets, or many documents per outlet), from another
 *    outlet (unless `withinSeries`) and within `days`. A pair is aligned once:
 *    when its other side is already MATCHED, or is in the same batch with a
 *    smaller number. Passages are stored; the articles become MATCHED and are
 *    never matched again.
 * 3. stories: the passages not yet in a story, with every passage connected
 *    to them through shared articles, are clustered by `buildStories`; the
 *    stories of those articles are replaced, with each copy's edits against
 *    the origin (`explainMember`). Stories elsewhere are not touched.
 *
 * What "incremental" gives up: a fingerprint that becomes common only later
 * (passes the `isStock` cap as the corpus grows) still linked
 * the pairs matched before; `align` avoids anchoring only on the fingerprints
 * common at the time of matching. N-gram size and window are fixed per
 * database when it is first fingerprinted (`settings`).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Engine } from './engine.js';
import { NEW, FINGERPRINTED, MATCHED } from './schema.js';
import type { StoryTable, StoryMemberTable, EditTable } from './schema.js';
import { UserError } from '../cli/errors.js';
import { DEFAULT_DETECT_OPTIONS, dayNumber } from '../reuse/detect.js';
import type { DetectOptions } from '../reuse/detect.js';
import { matchKey } from '../reuse/matchKey.js';
import type { MatchKey } from '../reuse/matchKey.js';
import { pairPassages, fingerprints } from '../reuse/pairPassages.js';
import { buildStories } from '../reuse/stories.js';
import { isStock } from '../reuse/fingerprintIndex.js';
import { explainMember } from '../reuse/explain.js';
import type { Doc, Passage } from '../reuse/types.js';

export type Progress = (stage: string, done: number, total: number) => void;

export interface DetectCounts {
  fingerprinted: number;
  matched: number;
  passages: number;
  stories: number;
}

// Each fingerprint batch lands all over the (hash, num) and df B-trees: once they are larger than a batch, a
// transaction rewrites most of their pages (into the WAL, then the file). 100 k articles in batches of 500
// wrote 94 GB for a 2.7 GB database; fewer, larger batches rewrite them less often.
const FP_BATCH = 5000;
const MATCH_BATCH = 200;
const IN_CHUNK = 5000;

export async function detectStore(engine: Engine, options: Partial<DetectOptions> = {}, progress?: Progress): Promise<DetectCounts> {
  const opts: DetectOptions = { ...DEFAULT_DETECT_OPTIONS, ...options };
  await fixSettings(engine, opts);
  const counts: DetectCounts = { fingerprinted: 0, matched: 0, passages: 0, stories: 0 };
  counts.fingerprinted = await fingerprintStage(engine, opts, progress);
  if (counts.fingerprinted > 0) await engine.analyze();
  const m = await matchStage(engine, opts, progress);
  counts.matched = m.matched;
  counts.passages = m.passages;
  counts.stories = await storyStage(engine, progress);
  return counts;
}

async function fixSettings(engine: Engine, opts: DetectOptions): Promise<void> {
  const rows = await engine.db.selectFrom('settings').selectAll().execute();
  const have = new Map(rows.map((r) => [r.key, r.value]));
  const want = { ngram: String(opts.ngram), window: String(opts.window) };
  for (const [k, v] of Object.entries(want)) {
    const h = have.get(k);
    if (h !== undefined && h !== v) throw new UserError(`${engine.label}: its fingerprints use --${k} ${h}; --${k} ${v} needs a new database`, 2);
  }
  if (!have.has('ngram')) {
    await engine.db
      .insertInto('settings')
      .values(Object.entries(want).map(([key, value]) => ({ key, value })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}

async function countState(engine: Engine, state: number): Promise<number> {
  const r = await engine.db.selectFrom('articles').select(sql<number>`count(*)`.as('n')).where('state', '=', state).executeTakeFirst();
  return Number(r?.n ?? 0);
}

async function fingerprintStage(engine: Engine, opts: DetectOptions, progress?: Progress): Promise<number> {
  const total = await countState(engine, NEW);
  let done = 0;
  for (;;) {
    const batch = await engine.db.selectFrom('articles').select(['num', 'text']).where('state', '=', NEW).orderBy('num').limit(FP_BATCH).execute();
    if (batch.length === 0) break;
    const rows: { hash: number; num: number }[] = [];
    const df = new Map<number, number>();
    for (const a of batch) {
      for (const h of fingerprints(matchKey(a.text).key, opts.ngram, opts.window)) {
        const s = h | 0;
        rows.push({ hash: s, num: a.num });
        df.set(s, (df.get(s) ?? 0) + 1);
      }
    }
    // In hash order: each statement then walks the fingerprint B-trees forwards instead of at random.
    rows.sort((x, y) => x.hash - y.hash || x.num - y.num);
    await engine.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += IN_CHUNK) {
        await trx.insertInto('fingerprints').values(rows.slice(i, i + IN_CHUNK)).onConflict((oc) => oc.columns(['hash', 'num']).doNothing()).execute();
      }
      const dfRows = [...df].map(([hash, n]) => ({ hash, df: n })).sort((x, y) => x.hash - y.hash);
      for (let i = 0; i < dfRows.length; i += IN_CHUNK) {
        await trx
          .insertInto('fingerprint_df')
          .values(dfRows.slice(i, i + IN_CHUNK))
          .onConflict((oc) => oc.column('hash').doUpdateSet({ df: sql`fingerprint_df.df + excluded.df` }))
          .execute();
      }
      await trx.updateTable('articles').set({ state: FINGERPRINTED }).where('num', 'in', batch.map((a) => a.num)).where('state', '=', NEW).execute();
    });
    done += batch.length;
    progress?.('fingerprint', done, total);
  }
  return done;
}

interface Loaded {
  doc: Doc;
  ref: string;
  key: MatchKey;
  series: string;
  day: number;
}

function loaded(a: { num: number; ref: string; series: string; date: string | null; text: string; credit: string | null; title: string | null }): Loaded {
  return {
    doc: { id: String(a.num), series: a.series, date: a.date, text: a.text, credit: a.credit, title: a.title },
    ref: a.ref,
    key: matchKey(a.text),
    series: a.series,
    day: dayNumber(a.date),
  };
}

const ARTICLE_COLUMNS = ['num', 'ref', 'series', 'date', 'text', 'credit', 'title'] as const;

async function matchStage(engine: Engine, opts: DetectOptions, progress?: Progress): Promise<{ matched: number; passages: number }> {
  const total = await countState(engine, FINGERPRINTED);
  let done = 0;
  let stored = 0;
  for (;;) {
    const batch = await engine.db.selectFrom('articles').select(ARTICLE_COLUMNS).where('state', '=', FINGERPRINTED).orderBy('num').limit(MATCH_BATCH).execute();
    if (batch.length === 0) break;
    const inBatch = new Map<number, Loaded>(batch.map((a) => [a.num, loaded(a)]));
    const own = new Map<number, Uint32Array>();
    const all = new Set<number>();
    for (const [num, l] of inBatch) {
      const fp = fingerprints(l.key.key, opts.ngram, opts.window);
      own.set(num, fp);
      for (const h of fp) all.add(h | 0);
    }
    // Document frequencies, then the postings of the rare hashes.
    const hashes = [...all].sort((x, y) => x - y);
    const { common, rare } = await splitStock(engine, hashes, opts.maxDf);
    const postings = new Map<number, number[]>();
    for (let i = 0; i < rare.length; i += IN_CHUNK) {
      const rows = await engine.db.selectFrom('fingerprints').select(['hash', 'num']).where('hash', 'in', rare.slice(i, i + IN_CHUNK)).execute();
      for (const r of rows) {
        const h = r.hash >>> 0;
        const list = postings.get(h);
        if (list) list.push(r.num);
        else postings.set(h, [r.num]);
      }
    }
    // Shared rare fingerprints per (batch article, other article).
    const shared = new Map<number, Map<number, number>>();
    for (const [x, fp] of own) {
      const m = new Map<number, number>();
      for (const h of fp) for (const y of postings.get(h) ?? []) if (y !== x) m.set(y, (m.get(y) ?? 0) + 1);
      shared.set(x, m);
    }
    const others = new Set<number>();
    for (const m of shared.values()) for (const [y, n] of m) if (n >= opts.minShared && !inBatch.has(y)) others.add(y);
    const meta = new Map<number, { series: string; day: number; state: number }>();
    const otherNums = [...others];
    for (let i = 0; i < otherNums.length; i += IN_CHUNK) {
      const rows = await engine.db.selectFrom('articles').select(['num', 'series', 'date', 'state']).where('num', 'in', otherNums.slice(i, i + IN_CHUNK)).execute();
      for (const r of rows) meta.set(r.num, { series: r.series, day: dayNumber(r.date), state: r.state });
    }
    const pairs: [number, number][] = [];
    for (const [x, m] of shared) {
      const lx = inBatch.get(x)!;
      for (const [y, n] of m) {
        if (n < opts.minShared) continue;
        const ly = inBatch.get(y);
        const my = ly ? { series: ly.series, day: ly.day, state: FINGERPRINTED } : meta.get(y);
        if (!my) continue;
        if (ly ? y > x : my.state !== MATCHED) continue; // each pair once (see the module comment)
        if (!opts.withinSeries && my.series === lx.series) continue;
        if (Math.abs(my.day - lx.day) > opts.days) continue; // NaN: unknown dates pass
        pairs.push([x, y]);
      }
    }
    // Load the other sides, align.
    const need = [...new Set(pairs.map(([, y]) => y))].filter((y) => !inBatch.has(y));
    const docs = new Map(inBatch);
    for (let i = 0; i < need.length; i += 500) {
      const rows = await engine.db.selectFrom('articles').select(ARTICLE_COLUMNS).where('num', 'in', need.slice(i, i + 500)).execute();
      for (const r of rows) docs.set(r.num, loaded(r));
    }
    const isCommon = common.size > 0 ? (h: number) => common.has(h) : undefined;
    const passages: Passage[] = [];
    for (const [x, y] of pairs) {
      let p = docs.get(x)!;
      let q = docs.get(y)!;
      if (earlier(q, p)) [p, q] = [q, p];
      passages.push(...pairPassages(p.doc, p.key, q.doc, q.key, opts, isCommon));
    }
    const rows = passages.map((p) => ({
      id: passageId(p),
      a: Number(p.a.id),
      a_start: p.a.start,
      a_end: p.a.end,
      b: Number(p.b.id),
      b_start: p.b.start,
      b_end: p.b.end,
      chars: p.chars,
      identity: p.identity,
      storied: 0,
    }));
    await engine.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('passages').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.column('id').doNothing()).execute();
      await trx.updateTable('articles').set({ state: MATCHED }).where('num', 'in', batch.map((a) => a.num)).where('state', '=', FINGERPRINTED).execute();
    });
    done += batch.length;
    stored += rows.length;
    progress?.('match', done, total);
  }
  return { matched: done, passages: stored };
}

/**
 * Splits fingerprint hashes into stock phrases and rare ones by the stateless
 * engine's rule (`isStock`: the cap counts series, and documents only at more
 * than a few per series). Up to `maxDf` documents a hash is rare; where the
 * document count alone decides (stock whatever its series count) it is stock;
 * in between (at most MAX_COPIES_PER_SERIES × `maxDf` postings each) its
 * distinct series are counted from the postings.
 */
async function splitStock(engine: Engine, hashes: number[], maxDf: number): Promise<{ common: Set<number>; rare: number[] }> {
  const common = new Set<number>();
  const rare: number[] = [];
  const band = new Map<number, number>();
  for (let i = 0; i < hashes.length; i += IN_CHUNK) {
    // df 1: only the article itself (it is fingerprinted before it is matched), so nothing to link.
    const rows = await engine.db.selectFrom('fingerprint_df').select(['hash', 'df']).where('hash', 'in', hashes.slice(i, i + IN_CHUNK)).where('df', '>', 1).execute();
    for (const r of rows) {
      if (r.df <= maxDf) rare.push(r.hash);
      else if (isStock(r.df, Math.min(r.df, maxDf), maxDf)) common.add(r.hash >>> 0);
      else band.set(r.hash, r.df);
    }
  }
  const list = [...band.keys()];
  for (let i = 0; i < list.length; i += 1000) {
    const rows = await engine.db
      .selectFrom('fingerprints as f')
      .innerJoin('articles as a', 'a.num', 'f.num')
      .select(['f.hash as hash', sql<number>`count(DISTINCT a.series)`.as('series')])
      .where('f.hash', 'in', list.slice(i, i + 1000))
      .groupBy('f.hash')
      .execute();
    for (const r of rows) (isStock(band.get(r.hash)!, Number(r.series), maxDf) ? common.add(r.hash >>> 0) : rare.push(r.hash));
  }
  return { common, rare };
}

/** Earlier by date (unknown dates last), then by ref: the passage's `a` side, as in `detect`. */
function earlier(x: Loaded, y: Loaded): boolean {
  if (x.day !== y.day && !(Number.isNaN(x.day) && Number.isNaN(y.day))) {
    if (Number.isNaN(x.day)) return false;
    if (Number.isNaN(y.day)) return true;
    return x.day < y.day;
  }
  return x.ref < y.ref;
}

function passageId(p: Passage): string {
  return createHash('sha256').update(`${p.a.id}:${p.a.start}-${p.a.end}|${p.b.id}:${p.b.start}-${p.b.end}`).digest('hex').slice(0, 24);
}

async function storyStage(engine: Engine, progress?: Progress): Promise<number> {
  const total = Number(
    (await engine.db.selectFrom('passages').select(sql<number>`count(*)`.as('n')).where('storied', '=', 0).executeTakeFirst())?.n ?? 0,
  );
  let done = 0;
  let built = 0;
  for (;;) {
    const seed = await engine.db.selectFrom('passages').select(['a', 'b']).where('storied', '=', 0).limit(1).executeTakeFirst();
    if (!seed) break;
    // The connected component of articles through passages.
    const nums = new Set<number>([seed.a, seed.b]);
    const byId = new Map<string, { id: string; a: number; a_start: number; a_end: number; b: number; b_start: number; b_end: number; chars: number; identity: number; storied: number }>();
    let frontier = [seed.a, seed.b];
    while (frontier.length > 0) {
      const next: number[] = [];
      for (let i = 0; i < frontier.length; i += 1000) {
        const chunk = frontier.slice(i, i + 1000);
        const rows = await engine.db
          .selectFrom('passages')
          .selectAll()
          .where((eb) => eb.or([eb('a', 'in', chunk), eb('b', 'in', chunk)]))
          .execute();
        for (const r of rows) {
          byId.set(r.id, r);
          for (const n of [r.a, r.b]) if (!nums.has(n)) (nums.add(n), next.push(n));
        }
      }
      frontier = next;
    }
    const numList = [...nums];
    const docs = new Map<number, Doc>();
    for (let i = 0; i < numList.length; i += 500) {
      const rows = await engine.db.selectFrom('articles').select(ARTICLE_COLUMNS).where('num', 'in', numList.slice(i, i + 500)).execute();
      for (const r of rows) docs.set(r.num, { id: String(r.num), series: r.series, date: r.date, text: r.text, credit: r.credit, title: r.title });
    }
    const passages: Passage[] = [...byId.values()].map((r) => ({
      a: { id: String(r.a), start: r.a_start, end: r.a_end },
      b: { id: String(r.b), start: r.b_start, end: r.b_end },
      chars: r.chars,
      identity: r.identity,
    }));
    const stories = buildStories([...docs.values()], passages);
    const storyRows: StoryTable[] = [];
    const memberRows: StoryMemberTable[] = [];
    const editRows: EditTable[] = [];
    for (const s of stories) {
      const origin = s.members[0]!;
      const od = docs.get(Number(origin.id))!;
      const oday = dayNumber(od.date);
      const days: number[] = [];
      const outlets = new Set<string>();
      let first: string | null = null;
      let last: string | null = null;
      s.members.forEach((m, seq) => {
        const d = docs.get(Number(m.id))!;
        outlets.add(d.series);
        if (d.date !== null) {
          if (first === null || d.date < first) first = d.date;
          if (last === null || d.date > last) last = d.date;
        }
        const after = dayNumber(d.date) - oday;
        if (!Number.isNaN(after)) days.push(after);
        memberRows.push({ story: s.story, num: Number(m.id), start: m.start, end: m.end, coverage: m.coverage, days_after: Number.isNaN(after) ? null : after, seq });
        if (seq === 0) return;
        explainMember(od, origin, d, m).forEach((e, k) =>
          editRows.push({
            story: s.story,
            num: Number(m.id),
            seq: k,
            op: e.op,
            origin_start: e.origin?.start ?? null,
            origin_end: e.origin?.end ?? null,
            origin_text: e.origin?.text ?? null,
            copy_start: e.copy?.start ?? null,
            copy_end: e.copy?.end ?? null,
            copy_text: e.copy?.text ?? null,
            name: e.name ? 1 : 0,
          }),
        );
      });
      storyRows.push({
        id: s.story,
        origin: Number(origin.id),
        members: s.members.length,
        outlets: outlets.size,
        first_date: first,
        last_date: last,
        spread_days: days.length > 0 ? Math.max(...days) : null,
      });
    }
    await engine.db.transaction().execute(async (trx) => {
      const old = new Set<string>();
      for (let i = 0; i < numList.length; i += 1000) {
        const rows = await trx.selectFrom('story_members').select('story').where('num', 'in', numList.slice(i, i + 1000)).execute();
        for (const r of rows) old.add(r.story);
      }
      const oldList = [...old];
      for (let i = 0; i < oldList.length; i += 1000) {
        const chunk = oldList.slice(i, i + 1000);
        await trx.deleteFrom('edits').where('story', 'in', chunk).execute();
        await trx.deleteFrom('story_members').where('story', 'in', chunk).execute();
        await trx.deleteFrom('stories').where('id', 'in', chunk).execute();
      }
      for (let i = 0; i < storyRows.length; i += 500) await trx.insertInto('stories').values(storyRows.slice(i, i + 500)).execute();
      for (let i = 0; i < memberRows.length; i += 500) await trx.insertInto('story_members').values(memberRows.slice(i, i + 500)).execute();
      for (let i = 0; i < editRows.length; i += 500) await trx.insertInto('edits').values(editRows.slice(i, i + 500)).execute();
      const ids = [...byId.keys()];
      for (let i = 0; i < ids.length; i += 1000) await trx.updateTable('passages').set({ storied: 1 }).where('id', 'in', ids.slice(i, i + 1000)).execute();
    });
    done += [...byId.values()].filter((r) => r.storied === 0).length;
    built += stories.length;
    progress?.('stories', done, total);
  }
  return built;
}
