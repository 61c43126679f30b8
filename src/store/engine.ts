/**
 * The engine interface: what the store needs from a database besides the
 * shared schema. The core asks for capabilities (`engine.search`), never for
 * the engine's kind. `openStore` picks the engine from `--db` /
 * `WIRETRACE_DB`: a `postgres://` or `postgresql://` URL is PostgreSQL,
 * anything else a SQLite file (default `./wiretrace.db`).
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { UserError } from '../cli/errors.js';
import { migrate } from './migrations.js';
import { searchTerms } from './searchText.js';
import type { Facets } from './searchText.js';

export interface SearchFilters {
  outlet?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page?: string | undefined;
  kind?: string | undefined;
}

export interface SearchHit {
  num: number;
  /** Higher is better (the engine's own scale). */
  score: number;
}

/** An article as the search index takes it: its bigram terms (`searchTerms`) and what filters select it by. */
export interface SearchRow {
  num: number;
  terms: string;
  facets: Facets;
}

/** The full-text index over the articles' bigram text (`searchTerms`). */
export interface Search {
  /** Creates the index; called by migration 0001 only (frozen). */
  createV1(db: Kysely<any>): Promise<void>;
  /** Settings of the index for bulk writes; called by migration 0002 only (frozen). */
  tuneV2(db: Kysely<any>): Promise<void>;
  /** Re-creates the index for filter terms (`facetTerms`) and refills it from the articles; called by migration 0004 only (frozen). */
  rebuildV4(db: Kysely<any>): Promise<void>;
  /** Moves to the representation of 0005 where it has one (PostgreSQL: posting segments); called by migration 0005 only (frozen). */
  rebuildV5(db: Kysely<any>): Promise<void>;
  /** Adds articles to the index (inside the caller's transaction). */
  add(db: Kysely<Database>, rows: SearchRow[]): Promise<void>;
  /** Articles containing the phrase of `tokens` (consecutive index terms), best first. */
  query(db: Kysely<Database>, tokens: string[], filters: SearchFilters, limit: number): Promise<SearchHit[]>;
}

export interface Engine {
  /** For messages only: `sqlite:./wiretrace.db` or the server address. */
  readonly label: string;
  readonly db: Kysely<Database>;
  readonly search: Search;
  /** The schema holding the store, when the engine has schemas and one was chosen. */
  readonly schema?: string | undefined;
  /** Column types of the shared schema that the engines spell differently. */
  readonly binaryType: 'blob' | 'bytea';
  readonly serialType: 'integer' | 'serial';
  /** Refreshes the planner's statistics after bulk writes (where the planner needs them). */
  analyze(): Promise<void>;
  /** Database size in bytes, for reports and benchmarks. */
  size(): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_DB = './wiretrace.db';

/** The `--db` value, else `WIRETRACE_DB`, else the default file. */
export function dbLocation(option: string | undefined): string {
  return option ?? process.env['WIRETRACE_DB'] ?? DEFAULT_DB;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Opens (and migrates) the store at `location`; a server that does not answer is a one-line user error. */
export async function openStore(location: string): Promise<Engine> {
  const engine = isPostgresUrl(location)
    ? await (await import('./postgres/engine.js')).postgresEngine(location)
    : await (await import('./sqlite/engine.js')).sqliteEngine(location);
  try {
    await migrate(engine);
  } catch (err) {
    await engine.close();
    throw err instanceof UserError ? err : new UserError(`${engine.label}: cannot prepare the database (${(err as Error).message})`);
  }
  return engine;
}

/** Adds every stored article to a newly made search index, 1,000 at a time (for migrations that rebuild one). */
export async function reindexArticles(db: Kysely<any>, search: Pick<Search, 'add'>): Promise<void> {
  for (let after = 0; ; ) {
    const rows = await db.selectFrom('articles').select(['num', 'title', 'text', 'series', 'date', 'page', 'kind']).where('num', '>', after).orderBy('num').limit(1000).execute();
    if (rows.length === 0) break;
    await search.add(db, rows.map((r: any) => ({ num: r.num, terms: searchTerms(r.title, r.text), facets: r })));
    after = rows[rows.length - 1]!.num;
  }
}
