/**
 * PostgreSQL through `pg`: search is a tsvector over the same bigram text
 * with a GIN index, queried with `phraseto_tsquery('simple', …)`.
 *
 * The URL may carry `?schema=NAME`: the store then lives in that schema
 * (created when missing), which keeps test runs apart.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Engine, Search } from '../engine.js';
import type { Database } from '../schema.js';
import { UserError } from '../../cli/errors.js';
import { filterSql } from '../filters.js';
import { isCharQuery } from '../searchText.js';
import { RANK_POOL } from '../search.js';

export async function postgresEngine(location: string): Promise<Engine> {
  const url = new URL(location);
  const schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new UserError(`--db: schema ${JSON.stringify(schema)} must be lower-case letters, digits and _`, 2);
  const where = `${url.hostname || 'localhost'}:${url.port || 5432}${url.pathname}`;
  const label = `postgres://${where}${schema ? `?schema=${schema}` : ''}`;
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: 4,
    connectionTimeoutMillis: 5000,
    // random_page_cost 1.1 (SSD, data mostly cached): with the default 4 the planner scans whole tables
    // rather than probe their indexes for a few thousand keys (`num IN (…)` lists of detect).
    options: `-c random_page_cost=1.1${schema ? ` -c search_path=${schema}` : ''}`,
  });
  pool.on('error', () => {
    /* an idle client lost its server: the next query reports it */
  });
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ECONNREFUSED' ? 'no server answers' : e.message || e.code || 'connection failed';
    throw new UserError(`PostgreSQL at ${where}: ${why} — start the server, or leave out --db / WIRETRACE_DB to use a SQLite file`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    label,
    db,
    schema: schema ?? undefined,
    search: postgresSearch,
    binaryType: 'bytea',
    serialType: 'serial',
    async analyze() {
      await sql`ANALYZE articles, passages`.execute(db);
      // The search plans need the tsvectors' lexeme statistics (without them a frequent bigram with a date
      // range took 11 s at 100 k articles), but from a sample of 3,000 rows, not 30,000: at the default
      // target they took 13.9 of a new day's 27.8 s at 100 k articles.
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL default_statistics_target = 10`.execute(trx);
        await sql`ANALYZE search`.execute(trx);
      });
    },
    async size() {
      const r = await sql<{ n: string }>`SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::text AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'm')`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
    async close() {
      await db.destroy();
    },
  };
}

export const postgresSearch: Search = {
  async createV1(db) {
    await sql`CREATE TABLE search (num integer PRIMARY KEY, tsv tsvector NOT NULL)`.execute(db);
    await sql`CREATE INDEX search_tsv ON search USING gin (tsv)`.execute(db);
  },
  async add(db, rows) {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = sql.join(chunk.map((r) => sql`(${r.num}::integer, to_tsvector('simple', ${r.terms}::text))`));
      await sql`INSERT INTO search (num, tsv) VALUES ${values} ON CONFLICT (num) DO NOTHING`.execute(db);
    }
  },
  async tuneV2() {
    /* nothing to tune */
  },
  async rebuildV4() {
    /* filters are joined: the GIN bitmap holds every match, and the join reads only those rows */
  },
  async query(db, tokens, filters, limit) {
    const q = tsquery(tokens);
    // The planner costs a scan of `search` by its small main table and misses the detoasting of every
    // tsvector a filter reads (200 ms at 10 k articles, a sequential scan for every query): only bitmap
    // scans are allowed here, so the GIN index finds the matches. Then, as on SQLite, the newest
    // RANK_POOL matches are ranked, so a frequent bigram costs no more ranking than a rare one. Ranking
    // normalisation 1 divides by 1 + log(document length): like bm25 on SQLite, a phrase twice in a short
    // text outranks it four times in a long one.
    return db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      await sql`SET LOCAL enable_indexscan = off`.execute(trx);
      const r = await sql<{ num: number; score: number }>`
        WITH pool AS MATERIALIZED (
          SELECT s.num FROM search s JOIN articles a ON a.num = s.num
          WHERE s.tsv @@ ${q} ${filterSql(filters)}
          ORDER BY s.num DESC
          LIMIT ${RANK_POOL})
        SELECT s.num AS num, ts_rank(s.tsv, ${q}, 1) AS score
        FROM pool JOIN search s ON s.num = pool.num
        ORDER BY score DESC, s.num
        LIMIT ${limit}`.execute(trx);
      return r.rows.map((x) => ({ num: Number(x.num), score: Number(x.score) }));
    });
  },
};

/** The bigrams in a row (`phraseto_tsquery`), or a one-character query as a prefix (`'京':*`). */
function tsquery(tokens: string[]) {
  return isCharQuery(tokens) ? sql`to_tsquery('simple', quote_literal(${tokens[0]!}::text) || ':*')` : sql`phraseto_tsquery('simple', ${tokens.join(' ')})`;
}
