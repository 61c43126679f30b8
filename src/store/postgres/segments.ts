/**
 * PostgreSQL search over posting segments (`../postings.ts`):
 *
 * - `search_segs`: one row per segment: its tier, the article numbers it
 *   covers, how many articles and index terms;
 * - `search_blocks`: the segment's term-ordered blocks, keyed by (segment,
 *   first term as UTF-8 bytea, so the server orders keys as the code does);
 * - `search_lens`: each article's number of terms, for ranking.
 *
 * Each `add` (one ingest transaction) writes a tier-0 segment; when a tier
 * holds FANOUT segments they are merged into one of the next tier, inside the
 * same transaction. A query reads the segments newest first, in rounds of
 * growing size (one round trip each), until it holds the RANK_POOL newest
 * matches, and ranks them by BM25.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { SearchFilters, SearchHit, SearchRow } from '../engine.js';
import { facetTerm, facetTerms, isCharQuery } from '../searchText.js';
import { dayRange } from '../filters.js';
import { RANK_POOL } from '../search.js';
import { BlockWriter, blockEntries, bm25, buildSegment, decodePosting, findEntry, mergeEntries, phraseMatches, startsWith, countUnion } from '../postings.js';
import type { Block, BlockSource, Entry, Posting } from '../postings.js';

/** Segments of a tier merged into one of the next (tier 0: one ingest transaction, ≤ 500 sources). */
export const FANOUT = 8;

/** Serialises writers of the segments (a merge reads and deletes whole tiers). */
const LOCK = 0x77697265;

export async function createSegments(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE search_segs (seg serial PRIMARY KEY, tier integer NOT NULL, lo integer NOT NULL, hi integer NOT NULL, docs integer NOT NULL, terms bigint NOT NULL)`.execute(db);
  await sql`CREATE TABLE search_blocks (seg integer NOT NULL, first bytea NOT NULL, data bytea NOT NULL, PRIMARY KEY (seg, first))`.execute(db);
  // Varints do not compress: stored out of line without pglz's attempt.
  await sql`ALTER TABLE search_blocks ALTER COLUMN data SET STORAGE EXTERNAL`.execute(db);
  await sql`CREATE TABLE search_lens (num integer PRIMARY KEY, len integer NOT NULL)`.execute(db);
}

export async function addToSegments(db: Kysely<Database>, rows: SearchRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${LOCK})`.execute(db);
  const docs = rows.map((r) => ({ num: r.num, terms: r.terms, tags: facetTerms(r.facets).split(' '), len: termCount(r.terms) })).sort((a, b) => a.num - b.num);
  const lo = docs[0]!.num;
  const hi = docs[docs.length - 1]!.num;
  const nTerms = docs.reduce((s, d) => s + d.len, 0);
  const seg = await newSegment(db, 0, lo, hi, docs.length, nTerms);
  await writeBlocks(db, seg, buildSegment(docs));
  for (let i = 0; i < docs.length; i += 5000) {
    const part = docs.slice(i, i + 5000);
    await sql`INSERT INTO search_lens (num, len) SELECT * FROM unnest(${part.map((d) => d.num)}::integer[], ${part.map((d) => d.len)}::integer[])`.execute(db);
  }
  await mergeFullTiers(db);
}

function termCount(terms: string): number {
  let n = terms === '' ? 0 : 1;
  for (let i = terms.indexOf(' '); i >= 0; i = terms.indexOf(' ', i + 1)) n++;
  return n;
}

async function newSegment(db: Kysely<Database>, tier: number, lo: number, hi: number, docs: number, terms: number): Promise<number> {
  const r = await sql<{ seg: number }>`INSERT INTO search_segs (tier, lo, hi, docs, terms) VALUES (${tier}, ${lo}, ${hi}, ${docs}, ${terms}) RETURNING seg`.execute(db);
  return r.rows[0]!.seg;
}

async function writeBlocks(db: Kysely<Database>, seg: number, blocks: Block[]): Promise<void> {
  // One parameter per value: the driver sends a Buffer parameter as binary, an array of them as hex text.
  for (let i = 0; i < blocks.length; i += 500) {
    const values = blocks.slice(i, i + 500).map((b) => sql`(${seg}, ${b.first}, ${b.data})`);
    await sql`INSERT INTO search_blocks (seg, first, data) VALUES ${sql.join(values)}`.execute(db);
  }
}

interface Seg {
  seg: number;
  tier: number;
  lo: number;
  hi: number;
  docs: number;
  terms: number;
}

async function segments(db: Kysely<Database>): Promise<Seg[]> {
  const r = await sql<Seg>`SELECT seg, tier, lo, hi, docs, terms::float8 AS terms FROM search_segs ORDER BY hi DESC`.execute(db);
  return r.rows;
}

/** Merges every tier that holds FANOUT segments into one segment of the next tier, lowest tier first. */
async function mergeFullTiers(db: Kysely<Database>): Promise<void> {
  for (;;) {
    const all = await segments(db);
    const counts = new Map<number, Seg[]>();
    for (const s of all) counts.set(s.tier, [...(counts.get(s.tier) ?? []), s]);
    const full = [...counts].filter(([, list]) => list.length >= FANOUT).sort((a, b) => a[0] - b[0])[0];
    if (!full) return;
    const [tier, list] = full;
    const seg = await newSegment(
      db,
      tier + 1,
      Math.min(...list.map((s) => s.lo)),
      Math.max(...list.map((s) => s.hi)),
      list.reduce((n, s) => n + s.docs, 0),
      list.reduce((n, s) => n + s.terms, 0),
    );
    const w = new BlockWriter();
    const flush = async () => writeBlocks(db, seg, w.blocks.splice(0));
    await mergeEntries(
      list.map((s) => blocksOf(db, s.seg)),
      w,
      flush,
    );
    w.finish();
    await flush();
    const old = list.map((s) => s.seg);
    await sql`DELETE FROM search_blocks WHERE seg = ANY(${old}::integer[])`.execute(db);
    await sql`DELETE FROM search_segs WHERE seg = ANY(${old}::integer[])`.execute(db);
  }
}

/** A segment's blocks in term order, 256 at a time. */
function blocksOf(db: Kysely<Database>, seg: number): BlockSource {
  let after: Buffer | null = null;
  let done = false;
  return async () => {
    if (done) return null;
    const r = await sql<{ first: Buffer; data: Buffer }>`
      SELECT first, data FROM search_blocks WHERE seg = ${seg} ${after ? sql`AND first > ${after}` : sql``} ORDER BY first LIMIT 256`.execute(db);
    if (r.rows.length < 256) done = true;
    if (r.rows.length === 0) return null;
    after = r.rows[r.rows.length - 1]!.first;
    return r.rows.map((b) => b.data);
  };
}

/** A term group the matches must meet: one of its terms (a filter) or all in a row (the phrase). */
interface Need {
  terms: string[];
}

export async function querySegments(db: Kysely<Database>, tokens: string[], filters: SearchFilters, limit: number): Promise<SearchHit[]> {
  const prefix = isCharQuery(tokens) ? tokens[0]! : null;
  const phrase = prefix === null ? tokens : [];
  const needs: Need[] = [];
  if (filters.outlet !== undefined) needs.push({ terms: [facetTerm('o', filters.outlet)] });
  if (filters.page !== undefined) needs.push({ terms: [facetTerm('p', filters.page)] });
  if (filters.kind !== undefined) needs.push({ terms: [facetTerm('k', filters.kind)] });
  const days = dayRange(filters.from, filters.to);
  if (days) needs.push({ terms: days.map((d) => facetTerm('d', d)) });
  const dateOpen = !days && (filters.from !== undefined || filters.to !== undefined);
  const distinct = [...new Set([...phrase, ...needs.flatMap((n) => n.terms)])];
  const segs = await segments(db);
  const pool: { num: number; tf: number }[] = [];
  // Segments are read in rounds, newest first, each round about three times the articles of those before
  // it: a frequent phrase fills the pool from the small newest segments, a rare one costs a few round trips.
  let seen = 0;
  for (let i = 0; i < segs.length && pool.length < RANK_POOL; ) {
    const round: Seg[] = [];
    let docs = 0;
    while (i < segs.length && (round.length === 0 || docs < Math.max(3 * seen, 4 * RANK_POOL))) {
      round.push(segs[i]!);
      docs += segs[i++]!.docs;
    }
    seen += docs;
    const found = await lookup(
      db,
      round.map((s) => s.seg),
      distinct,
      prefix,
    );
    for (const s of round) {
      const entries = found.get(s.seg);
      if (!entries) continue;
      const posting = (t: string): Posting | undefined => {
        const e = entries.terms.get(t);
        return e && decodePosting(e);
      };
      let matches: { num: number; tf: number }[];
      if (prefix !== null) {
        if (entries.prefix.length === 0) continue;
        matches = countUnion(entries.prefix);
      } else {
        if (phrase.some((t) => !entries.terms.has(t))) continue;
        const decoded = new Map(phrase.map((t) => [t, posting(t)!]));
        matches = phraseMatches(phrase.map((t) => decoded.get(t)!));
      }
      for (const n of needs) {
        if (matches.length === 0) break;
        const allowed = new Set<number>();
        for (const t of n.terms) for (const num of posting(t)?.nums ?? []) allowed.add(num);
        matches = matches.filter((m) => allowed.has(m.num));
      }
      if (dateOpen && matches.length > 0) matches = await datesWithin(db, matches, filters);
      pool.push(...matches.slice(0, RANK_POOL - pool.length));
      if (pool.length >= RANK_POOL) break;
    }
  }
  if (pool.length === 0) return [];
  const lens = new Map<number, number>();
  const r = await sql<{ num: number; len: number }>`SELECT num, len FROM search_lens WHERE num = ANY(${pool.map((m) => m.num)}::integer[])`.execute(db);
  for (const x of r.rows) lens.set(x.num, x.len);
  const docs = segs.reduce((n, s) => n + s.docs, 0);
  const avg = segs.reduce((n, s) => n + Number(s.terms), 0) / Math.max(docs, 1);
  return pool
    .map((m) => ({ num: m.num, score: bm25(m.tf, lens.get(m.num) ?? avg, avg) }))
    .sort((a, b) => b.score - a.score || a.num - b.num)
    .slice(0, limit);
}

/** What one segment holds for a query: the entry of each term found, and for a one-character query every entry of a term it starts. */
interface SegEntries {
  terms: Map<string, Entry>;
  prefix: Entry[];
}

/**
 * The entries of `terms` in each of `segs`, in one round trip: for each
 * (segment, term) the one block that can hold the term, each block sent
 * once (a date range's day terms share blocks). For a one-character query,
 * also every block that may hold a term starting with it: from the block
 * holding the character itself (or the one before, whose last terms may
 * start with it) to the first block past it.
 */
async function lookup(db: Kysely<Database>, segs: number[], terms: string[], prefix: string | null): Promise<Map<number, SegEntries>> {
  const out = new Map<number, SegEntries>();
  const at = (seg: number): SegEntries => {
    let e = out.get(seg);
    if (!e) out.set(seg, (e = { terms: new Map(), prefix: [] }));
    return e;
  };
  const keys = terms.map((t) => Buffer.from(t, 'utf8'));
  if (keys.length > 0) {
    const r = await sql<{ seg: number; data: Buffer; terms: number[] }>`
      WITH hit AS MATERIALIZED (
        SELECT s.seg, t.i::integer AS i,
          (SELECT first FROM search_blocks b WHERE b.seg = s.seg AND b.first <= t.term ORDER BY b.first DESC LIMIT 1) AS first
        FROM unnest(${segs}::integer[]) AS s(seg) CROSS JOIN unnest(${keys}::bytea[]) WITH ORDINALITY AS t(term, i))
      SELECT b.seg, b.data, h.terms FROM (SELECT seg, first, array_agg(i) AS terms FROM hit WHERE first IS NOT NULL GROUP BY seg, first) h
      JOIN search_blocks b ON b.seg = h.seg AND b.first = h.first`.execute(db);
    for (const row of r.rows)
      for (const i of row.terms) {
        const e = findEntry(row.data, keys[i - 1]!);
        if (e) at(row.seg).terms.set(terms[i - 1]!, e);
      }
  }
  if (prefix !== null) {
    const from = Buffer.from(prefix, 'utf8');
    const to = Buffer.from(String.fromCodePoint(prefix.codePointAt(0)! + 1), 'utf8');
    const r = await sql<{ seg: number; data: Buffer }>`
      SELECT s.seg, b.data FROM unnest(${segs}::integer[]) AS s(seg)
      CROSS JOIN LATERAL (
        SELECT data FROM search_blocks b WHERE b.seg = s.seg
          AND b.first >= coalesce((SELECT first FROM search_blocks c WHERE c.seg = s.seg AND c.first <= ${from} ORDER BY c.first DESC LIMIT 1), ''::bytea)
          AND b.first < ${to}
        ORDER BY b.first) b`.execute(db);
    for (const row of r.rows) for (const e of blockEntries(row.data)) if (startsWith(e, from)) at(row.seg).prefix.push(e);
  }
  return out;
}

/** The matches whose article's date lies in an open or long range (which no set of day terms settles), in order. */
async function datesWithin(db: Kysely<Database>, matches: { num: number; tf: number }[], f: SearchFilters): Promise<{ num: number; tf: number }[]> {
  const keep = new Set<number>();
  for (let i = 0; i < matches.length; i += 5000) {
    const part = matches.slice(i, i + 5000).map((m) => m.num);
    const r = await sql<{ num: number }>`
      SELECT num FROM articles WHERE num = ANY(${part}::integer[])
      ${f.from !== undefined ? sql`AND date >= ${f.from}` : sql``} ${f.to !== undefined ? sql`AND date <= ${f.to}` : sql``}`.execute(db);
    for (const x of r.rows) keep.add(x.num);
  }
  return matches.filter((m) => keep.has(m.num));
}
