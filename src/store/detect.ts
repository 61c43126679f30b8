/**
 * Incremental reprint detection over the store, in three resumable stages,
 * each committed in batches (a killed process loses at most the batch it was
 * in, and the next run redoes exactly that):
 *
 * 1. fingerprint: new articles get their winnowed n-gram fingerprints
 *    (`detect`'s), written as one append-only run per batch
 *    (`fingerprint_runs`); they become FINGERPRINTED.
 * 2. match: the fingerprinted (pending) articles are matched against the
 *    whole corpus at once. The runs are read in order and only the postings
 *    of hashes the pending articles have are kept (all of them when the
 *    pending articles hold most of the corpus's postings), into the stateless
 *    engine's index (`PostingsBuilder`): every posting of those hashes is
 *    there, so document frequencies and the stock-phrase cap (`isStock`,
 *    counted in outlets) are the corpus's own. Its candidate pairs
 *    (`candidatePairs`: `minShared` rare fingerprints, other outlet unless
 *    `withinSeries`, within `days`) with a pending side are aligned by
 *    `alignCandidates`, as `detect` aligns them, in batches of pending
 *    articles (a pair in the batch of its later pending side); each batch's
 *    passages are stored with its articles becoming MATCHED, which are never
 *    matched again.
 * 3. stories: the passages not yet in a story, with every passage connected
 *    to them through shared articles, are clustered by `buildStories` in
 *    groups of whole connected components; the stories of those articles are
 *    replaced, with each copy's edits against the origin (`explainMember`).
 *    Stories elsewhere are not touched.
 *
 * What "incremental" gives up: a fingerprint that becomes common only later
 * (passes the `isStock` cap as the corpus grows) still linked the pairs
 * matched before. N-gram size and window are fixed per database when it is
 * first fingerprinted (`settings`). Arrays in runs are little-endian (every
 * platform Node supports in practice).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Engine } from './engine.js';
import { NEW, FINGERPRINTED, MATCHED } from './schema.js';
import type { StoryTable, StoryMemberTable, EditTable } from './schema.js';
import { UserError } from '../cli/errors.js';
import { DEFAULT_DETECT_OPTIONS, dayNumber, fingerprinter, alignCandidates } from '../reuse/detect.js';
import type { DetectOptions } from '../reuse/detect.js';
import { buildStories } from '../reuse/stories.js';
import { PostingsBuilder, candidatePairs, MAX_DOCS } from '../reuse/fingerprintIndex.js';
import type { DocMeta } from '../reuse/fingerprintIndex.js';
import { explainMember } from '../reuse/explain.js';
import { HashSet32 } from '../reuse/hashSet32.js';
import type { Doc, Passage } from '../reuse/types.js';

export type Progress = (stage: string, done: number, total: number) => void;

export interface DetectCounts {
  fingerprinted: number;
  matched: number;
  passages: number;
  stories: number;
}

/** Articles per fingerprint run. */
const FP_BATCH = 10_000;
/** Pending articles per match transaction. */
const MATCH_BATCH = 1000;
/** Articles per story transaction (whole components; a larger one goes alone). */
const STORY_BATCH = 2000;
const IN_CHUNK = 1000;

/** `detect`'s options, and `batch`: articles per committed step in every stage (else each stage's default). */
export type StoreDetectOptions = Partial<DetectOptions> & { batch?: number | undefined };

export async function detectStore(engine: Engine, options: StoreDetectOptions = {}, progress?: Progress): Promise<DetectCounts> {
  const { batch, ...rest } = options;
  const opts: DetectOptions = { ...DEFAULT_DETECT_OPTIONS, ...rest };
  await fixSettings(engine, opts);
  const counts: DetectCounts = { fingerprinted: 0, matched: 0, passages: 0, stories: 0 };
  counts.fingerprinted = await fingerprintStage(engine, opts, batch ?? FP_BATCH, progress);
  const m = await matchStage(engine, opts, batch ?? MATCH_BATCH, progress);
  counts.matched = m.matched;
  counts.passages = m.passages;
  if (m.passages > 0) await engine.analyze();
  counts.stories = await storyStage(engine, batch ?? STORY_BATCH, progress);
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

function bytes(a: Int32Array | Uint32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** A little-endian 32-bit array stored as a blob (copied: a driver's buffer need not be 4-byte aligned). */
function words(b: Uint8Array): Uint32Array {
  const out = new Uint32Array(b.byteLength >>> 2);
  new Uint8Array(out.buffer).set(b.subarray(0, out.byteLength));
  return out;
}

async function fingerprintStage(engine: Engine, opts: DetectOptions, size: number, progress?: Progress): Promise<number> {
  const total = await countState(engine, NEW);
  const prints = fingerprinter(opts);
  let done = 0;
  for (;;) {
    // The lowest new numbers: every new article between the first and the last is in the batch.
    const batch = await engine.db.selectFrom('articles').select(['num', 'text']).where('state', '=', NEW).orderBy('num').limit(size).execute();
    if (batch.length === 0) break;
    const nums = new Int32Array(batch.length);
    const counts = new Int32Array(batch.length);
    let hashes = new Uint32Array(1 << 20);
    let n = 0;
    batch.forEach((a, i) => {
      const fp = prints(a.text);
      if (n + fp.length > hashes.length) {
        const grown = new Uint32Array(Math.max(2 * hashes.length, n + fp.length));
        grown.set(hashes.subarray(0, n));
        hashes = grown;
      }
      hashes.set(fp, n);
      n += fp.length;
      nums[i] = a.num;
      counts[i] = fp.length;
    });
    const first = batch[0]!.num;
    const last = batch[batch.length - 1]!.num;
    await engine.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('fingerprint_runs')
        .values({ first_num: first, last_num: last, articles: batch.length, postings: n, nums: bytes(nums), counts: bytes(counts), hashes: bytes(hashes.subarray(0, n)) })
        .execute();
      await trx.updateTable('articles').set({ state: FINGERPRINTED }).where('state', '=', NEW).where('num', '>=', first).where('num', '<=', last).execute();
    });
    done += batch.length;
    progress?.('fingerprint', done, total);
  }
  return done;
}

interface RunInfo {
  run: number;
  first_num: number;
  last_num: number;
  postings: number;
}

async function readRun(engine: Engine, run: number): Promise<{ nums: Uint32Array; counts: Uint32Array; hashes: Uint32Array }> {
  const r = await engine.db.selectFrom('fingerprint_runs').select(['nums', 'counts', 'hashes']).where('run', '=', run).executeTakeFirstOrThrow();
  return { nums: words(r.nums), counts: words(r.counts), hashes: words(r.hashes) };
}

/** Each article's outlet number and day, by article number. */
async function articleMeta(engine: Engine): Promise<{ series: Int32Array; day: Float64Array; state: Uint8Array }> {
  const rows = await engine.db.selectFrom('articles').select(['num', 'series', 'date', 'state']).execute();
  let max = 0;
  for (const r of rows) max = Math.max(max, r.num);
  const series = new Int32Array(max + 1);
  const day = new Float64Array(max + 1).fill(Number.NaN);
  const state = new Uint8Array(max + 1);
  const ids = new Map<string, number>();
  for (const r of rows) {
    let s = ids.get(r.series);
    if (s === undefined) ids.set(r.series, (s = ids.size));
    series[r.num] = s;
    day[r.num] = dayNumber(r.date);
    state[r.num] = r.state;
  }
  return { series, day, state };
}

const ARTICLE_COLUMNS = ['num', 'ref', 'series', 'date', 'text', 'credit', 'title'] as const;

async function matchStage(engine: Engine, opts: DetectOptions, size: number, progress?: Progress): Promise<{ matched: number; passages: number }> {
  const total = await countState(engine, FINGERPRINTED);
  if (total === 0) return { matched: 0, passages: 0 };
  const runs: RunInfo[] = await engine.db.selectFrom('fingerprint_runs').select(['run', 'first_num', 'last_num', 'postings']).orderBy('run').execute();
  const meta = await articleMeta(engine);
  const pending = (n: number): boolean => meta.state[n] === FINGERPRINTED;
  // The hashes of the pending articles, unless they hold most of the postings anyway.
  const firstPending = meta.state.indexOf(FINGERPRINTED);
  let all = 0;
  let mine = 0;
  for (const r of runs) {
    all += r.postings;
    if (r.last_num >= firstPending) mine += r.postings;
  }
  let wanted: HashSet32 | undefined;
  if (mine * 2 < all) {
    wanted = new HashSet32(mine);
    for (const r of runs) {
      if (r.last_num < firstPending) continue;
      const { nums, counts, hashes } = await readRun(engine, r.run);
      let at = 0;
      for (let i = 0; i < nums.length; i++) {
        const c = counts[i]!;
        if (pending(nums[i]!)) for (let k = at; k < at + c; k++) wanted.add(hashes[k]!);
        at += c;
      }
    }
  }
  // Every posting of those hashes, documents numbered locally in run order.
  const builder = new PostingsBuilder(wanted ? 4 * mine : all);
  const local: number[] = [];
  let kept = new Uint32Array(4096);
  for (const [k, r] of runs.entries()) {
    const { nums, counts, hashes } = await readRun(engine, r.run);
    let at = 0;
    for (let i = 0; i < nums.length; i++) {
      const c = counts[i]!;
      const num = nums[i]!;
      if (meta.state[num] !== FINGERPRINTED && meta.state[num] !== MATCHED) {
        at += c;
        continue;
      }
      let list = hashes.subarray(at, at + c);
      if (wanted) {
        if (c > kept.length) kept = new Uint32Array(2 * c);
        let n = 0;
        for (let k = at; k < at + c; k++) if (wanted.has(hashes[k]!)) kept[n++] = hashes[k]!;
        list = kept.subarray(0, n);
      }
      at += c;
      if (list.length === 0) continue;
      if (local.length === MAX_DOCS) throw new UserError(`${engine.label}: more than ${MAX_DOCS} articles share fingerprints with the new ones; detect in smaller steps`, 1);
      builder.add(local.length, list);
      local.push(num);
    }
    progress?.('postings', k + 1, runs.length);
  }
  const seriesOf = Int32Array.from(local, (n) => meta.series[n]!);
  const index = builder.finish(local.length, opts.maxDf, seriesOf, true);
  const docMeta: DocMeta[] = local.map((n) => ({ series: meta.series[n]!, day: meta.day[n]! }));
  const cand = candidatePairs(index, docMeta, { minShared: opts.minShared, withinSeries: opts.withinSeries, days: opts.days });
  // Pairs with a pending side, by their later pending side.
  const byOwner = new Map<number, [number, number][]>();
  for (let c = 0; c < cand.a.length; c++) {
    const x = local[cand.a[c]!]!;
    const y = local[cand.b[c]!]!;
    const owner = Math.max(pending(x) ? x : -1, pending(y) ? y : -1);
    if (owner < 0) continue;
    const list = byOwner.get(owner);
    if (list) list.push([x, y]);
    else byOwner.set(owner, [[x, y]]);
  }
  const pendingNums: number[] = [];
  for (let n = 0; n < meta.state.length; n++) if (pending(n)) pendingNums.push(n);
  let done = 0;
  let stored = 0;
  for (let i = 0; i < pendingNums.length; i += size) {
    const group = pendingNums.slice(i, i + size);
    const pairs = group.flatMap((n) => byOwner.get(n) ?? []);
    const passages = await alignStored(engine, pairs, index.common, opts);
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
      for (let k = 0; k < rows.length; k += 1000) await trx.insertInto('passages').values(rows.slice(k, k + 1000)).onConflict((oc) => oc.column('id').doNothing()).execute();
      await trx.updateTable('articles').set({ state: MATCHED }).where('state', '=', FINGERPRINTED).where('num', '>=', group[0]!).where('num', '<=', group[group.length - 1]!).execute();
    });
    done += group.length;
    stored += rows.length;
    progress?.('match', done, total);
  }
  return { matched: done, passages: stored };
}

/**
 * The passages of article pairs, as `detect` finds them (ids are article
 * numbers; `a` the earlier article, by date, then by `ref` as the stateless
 * mode orders its ids).
 */
async function alignStored(engine: Engine, pairs: [number, number][], stock: Uint32Array, opts: DetectOptions): Promise<Passage[]> {
  if (pairs.length === 0) return [];
  const need = [...new Set(pairs.flat())];
  const docs = new Map<number, Doc>();
  for (let i = 0; i < need.length; i += IN_CHUNK) {
    const rows = await engine.db.selectFrom('articles').select(ARTICLE_COLUMNS).where('num', 'in', need.slice(i, i + IN_CHUNK)).execute();
    for (const r of rows) docs.set(r.num, { id: r.ref, series: r.series, date: r.date, text: r.text, credit: r.credit, title: r.title });
  }
  const list = [...docs.keys()];
  const at = new Map(list.map((n, i) => [n, i]));
  const sorted = pairs.map(([x, y]) => [at.get(x)!, at.get(y)!] as const).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const found = alignCandidates(
    (d) => docs.get(list[d]!)!,
    sorted.map((p) => p[0]),
    sorted.map((p) => p[1]),
    stock,
    opts,
  );
  const numOf = new Map(list.map((n) => [docs.get(n)!.id, String(n)]));
  return found.map((p) => ({ ...p, a: { ...p.a, id: numOf.get(p.a.id)! }, b: { ...p.b, id: numOf.get(p.b.id)! } }));
}

function passageId(p: Passage): string {
  return createHash('sha256').update(`${p.a.id}:${p.a.start}-${p.a.end}|${p.b.id}:${p.b.start}-${p.b.end}`).digest('hex').slice(0, 24);
}

type PassageRow = { id: string; a: number; a_start: number; a_end: number; b: number; b_start: number; b_end: number; chars: number; identity: number; storied: number };

async function storyStage(engine: Engine, size: number, progress?: Progress): Promise<number> {
  const fresh = await engine.db.selectFrom('passages').selectAll().where('storied', '=', 0).execute();
  if (fresh.length === 0) return 0;
  const byId = new Map<string, PassageRow>(fresh.map((r) => [r.id, r]));
  // Every passage connected to the new ones through shared articles (none to look for when all are new).
  const totalRow = await engine.db.selectFrom('passages').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  if (Number(totalRow?.n ?? 0) > fresh.length) {
    const seen = new Set<number>();
    let frontier = [...new Set(fresh.flatMap((r) => [r.a, r.b]))];
    while (frontier.length > 0) {
      for (const n of frontier) seen.add(n);
      const next = new Set<number>();
      for (let i = 0; i < frontier.length; i += IN_CHUNK) {
        const chunk = frontier.slice(i, i + IN_CHUNK);
        for (const side of ['a', 'b'] as const) {
          for (const r of await engine.db.selectFrom('passages').selectAll().where(side, 'in', chunk).execute()) {
            byId.set(r.id, r);
            for (const n of [r.a, r.b]) if (!seen.has(n)) next.add(n);
          }
        }
      }
      frontier = [...next];
    }
  }
  // Connected components of articles (union-find), then groups of whole components.
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? (parent.set(r, r), r);
    for (let y = x; y !== r; ) {
      const up = parent.get(y)!;
      parent.set(y, r);
      y = up;
    }
    return r;
  };
  for (const r of byId.values()) {
    const x = find(r.a);
    const y = find(r.b);
    if (x !== y) parent.set(Math.max(x, y), Math.min(x, y));
  }
  const components = new Map<number, { nums: number[]; passages: PassageRow[] }>();
  for (const n of parent.keys()) {
    const root = find(n);
    const c = components.get(root);
    if (c) c.nums.push(n);
    else components.set(root, { nums: [n], passages: [] });
  }
  for (const r of byId.values()) components.get(find(r.a))!.passages.push(r);
  const total = fresh.length;
  let done = 0;
  let built = 0;
  let group: { nums: number[]; passages: PassageRow[] } = { nums: [], passages: [] };
  const flush = async (): Promise<void> => {
    if (group.nums.length === 0) return;
    built += await storeStories(engine, group.nums, group.passages);
    done += group.passages.filter((r) => r.storied === 0).length;
    progress?.('stories', done, total);
    group = { nums: [], passages: [] };
  };
  for (const c of [...components.values()].sort((x, y) => x.nums[0]! - y.nums[0]!)) {
    if (group.nums.length > 0 && group.nums.length + c.nums.length > size) await flush();
    group.nums.push(...c.nums);
    group.passages.push(...c.passages);
  }
  await flush();
  return built;
}

/** Rebuilds the stories of `nums` (whole connected components) from `rows`, their passages, in one transaction. */
async function storeStories(engine: Engine, numList: number[], rows: PassageRow[]): Promise<number> {
  const docs = new Map<number, Doc>();
  for (let i = 0; i < numList.length; i += IN_CHUNK) {
    const found = await engine.db.selectFrom('articles').select(ARTICLE_COLUMNS).where('num', 'in', numList.slice(i, i + IN_CHUNK)).execute();
    for (const r of found) docs.set(r.num, { id: String(r.num), series: r.series, date: r.date, text: r.text, credit: r.credit, title: r.title });
  }
  const passages: Passage[] = rows.map((r) => ({
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
    for (let i = 0; i < numList.length; i += IN_CHUNK) {
      for (const r of await trx.selectFrom('story_members').select('story').where('num', 'in', numList.slice(i, i + IN_CHUNK)).execute()) old.add(r.story);
    }
    const oldList = [...old];
    for (let i = 0; i < oldList.length; i += IN_CHUNK) {
      const chunk = oldList.slice(i, i + IN_CHUNK);
      await trx.deleteFrom('edits').where('story', 'in', chunk).execute();
      await trx.deleteFrom('story_members').where('story', 'in', chunk).execute();
      await trx.deleteFrom('stories').where('id', 'in', chunk).execute();
    }
    for (let i = 0; i < storyRows.length; i += 500) await trx.insertInto('stories').values(storyRows.slice(i, i + 500)).execute();
    for (let i = 0; i < memberRows.length; i += 500) await trx.insertInto('story_members').values(memberRows.slice(i, i + 500)).execute();
    for (let i = 0; i < editRows.length; i += 500) await trx.insertInto('edits').values(editRows.slice(i, i + 500)).execute();
    const ids = rows.filter((r) => r.storied === 0).map((r) => r.id);
    for (let i = 0; i < ids.length; i += IN_CHUNK) await trx.updateTable('passages').set({ storied: 1 }).where('id', 'in', ids.slice(i, i + IN_CHUNK)).execute();
  });
  return stories.length;
}
