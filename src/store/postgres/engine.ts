/**
 * PostgreSQL through `pg`: search is the posting segments of `segments.ts`
 * over the same bigram terms as SQLite's FTS5 index.
 *
 * The URL may carry `?schema=NAME`: the store then lives in that schema
 * (created when missing), which keeps test runs apart.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Engine, Search } from '../engine.js';
import type { Database } from '../schema.js';
import { UserError } from '../../cli/errors.js';
import { reindexArticles } from '../engine.js';
import { addToSegments, createSegments, querySegments } from './segments.js';

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
    await addToSegments(db, rows);
  },
  async tuneV2() {
    /* nothing to tune */
  },
  async rebuildV4() {
    /* filters were joined to the GIN matches */
  },
  async rebuildV5(db) {
    // The GIN index cost 3.6–5.9 ms of server time per article (1,070 bigram entries each), no less when
    // built at once: posting segments are written once per ingest transaction instead (docs/decisions.md).
    await sql`DROP TABLE IF EXISTS search`.execute(db);
    await createSegments(db);
    await reindexArticles(db, { add: addToSegments });
  },
  query: querySegments,
};
