/** SQLite through better-sqlite3: one file, no server; search is an FTS5 table. */
import { Kysely, SqliteDialect, sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { statSync } from 'node:fs';
import { reindexArticles } from '../engine.js';
import type { Engine, Search, SearchFilters } from '../engine.js';
import { filterSql, dayRange } from '../filters.js';
import { isCharQuery, facetTerm, facetTerms } from '../searchText.js';
import { RANK_POOL } from '../search.js';
import type { Database } from '../schema.js';
import { UserError } from '../../cli/errors.js';

export async function sqliteEngine(file: string): Promise<Engine> {
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file);
  } catch (err) {
    throw new UserError(`${file}: cannot open the SQLite database (${(err as Error).message})`);
  }
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 10000');
  // A 256 MiB page cache (the default is 2 MiB): the search and article
  // B-trees of a large corpus are probed at random. No effect on durability.
  raw.pragma('cache_size = -262144');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return {
    label: `sqlite:${file}`,
    db,
    search: sqliteSearch,
    binaryType: 'blob',
    serialType: 'integer',
    async analyze() {
      /* SQLite's planner picks the indexes here without statistics */
    },
    async size() {
      if (file === ':memory:') return 0;
      let n = 0;
      for (const f of [file, `${file}-wal`]) {
        try {
          n += statSync(f).size;
        } catch {
          /* absent */
        }
      }
      return n;
    },
    async close() {
      await db.destroy();
    },
  };
}

export const sqliteSearch: Search = {
  async createV1(db) {
    await sql`CREATE VIRTUAL TABLE search USING fts5(terms, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  },
  async tuneV2(db) {
    // Merge segments 16 at a time instead of 4: bulk ingest of bigram text spends most of its time merging
    // (3 ms per article at the default, 1 ms at 16; measured in bench/store.ts).
    await sql`INSERT INTO search (search, rank) VALUES ('automerge', 16)`.execute(db);
  },
  async rebuildV4(db) {
    // The ascii tokenizer (every non-ASCII character is a token character; 20 % less CPU per article than
    // unicode61 on bigram text, measured on People's Daily articles): match keys hold no separators. `_`
    // joins the filter terms' letters into one token (match keys never hold it).
    await sql`DROP TABLE IF EXISTS search`.execute(db);
    await sql`CREATE VIRTUAL TABLE search USING fts5(terms, content='', contentless_delete=1, tokenize="ascii tokenchars '_'")`.execute(db);
    await sqliteSearch.tuneV2(db);
    await reindexArticles(db, sqliteSearch);
  },
  async rebuildV5() {
    /* FTS5 writes cheaply: nothing to change */
  },
  async add(db, rows) {
    for (let i = 0; i < rows.length; i += 100) {
      const values = sql.join(rows.slice(i, i + 100).map((r) => sql`(${r.num}, ${`${r.terms} ${facetTerms(r.facets)}`})`));
      await sql`INSERT INTO search (rowid, terms) VALUES ${values}`.execute(db);
    }
  },
  async query(db, tokens, filters, limit) {
    const match = matchExpression(tokens, filters);
    // Ranked among the newest RANK_POOL matches (FTS5 walks its rowids backwards and stops there), so a
    // phrase in half of a million articles costs as much as a rarer one. The articles are joined only for
    // a filter the index terms cannot settle (an open or long date range): each join is a random read in a
    // table of whole texts. CROSS JOIN keeps the index outermost: probing it once per article a filter
    // selects costs a seek per term and segment.
    const settled = termsSettle(filters);
    const r = await sql<{ num: number; score: number }>`
      SELECT num, score FROM (
        SELECT search.rowid AS num, -bm25(search) AS score
        FROM search ${settled ? sql`` : sql`CROSS JOIN articles a ON a.num = search.rowid`}
        WHERE search MATCH ${match} ${settled ? sql`` : filterSql(filters)}
        ORDER BY search.rowid DESC
        LIMIT ${RANK_POOL})
      ORDER BY score DESC, num
      LIMIT ${limit}`.execute(db);
    return r.rows;
  },
};

/** Whether the filter terms of `matchExpression` select exactly the articles the filters do. */
function termsSettle(f: SearchFilters): boolean {
  return (f.from === undefined && f.to === undefined) || dayRange(f.from, f.to) !== undefined;
}

/**
 * The FTS5 query: the phrase of the query's bigrams (a prefix for one
 * character), AND each filter's term, AND one of the range's day terms; the
 * filters are also checked on the article (`filterSql`), which settles what
 * the terms cannot (an open or long date range).
 */
export function matchExpression(tokens: string[], f: SearchFilters): string {
  const q = (t: string): string => `"${t.replace(/"/g, '""')}"`;
  const parts = [`${q(tokens.join(' '))}${isCharQuery(tokens) ? '*' : ''}`];
  if (f.outlet !== undefined) parts.push(q(facetTerm('o', f.outlet)));
  if (f.page !== undefined) parts.push(q(facetTerm('p', f.page)));
  if (f.kind !== undefined) parts.push(q(facetTerm('k', f.kind)));
  const days = dayRange(f.from, f.to);
  if (days && days.length > 0) parts.push(`(${days.map((d) => q(facetTerm('d', d))).join(' OR ')})`);
  return parts.join(' AND ');
}
