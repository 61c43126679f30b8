/**
 * Searching the store the way `wiretrace search` does: the query's bigram
 * phrase through the engine's full-text index (ranked, filtered), then the
 * hits' articles with a highlighted snippet each.
 */
import type { Engine, SearchFilters } from './engine.js';
import { queryTokens, snippet } from './searchText.js';
import type { ArticleView } from './queries.js';

/** How many of the newest matching articles an engine ranks (a frequent phrase costs no more than a rare one). */
export const RANK_POOL = 2000;

/** An article as a search lists it: its summary fields (as `show article` has them), then the hits. */
export interface SearchResult extends Pick<ArticleView, 'id' | 'ref' | 'outlet' | 'date' | 'page' | 'kind' | 'title'> {
  score: number;
  /** Every hit in the article text, half-open UTF-16 offsets. */
  hits: { start: number; end: number }[];
  snippet: string;
}

/** The best `limit` articles containing `query` (its characters in a row), best first; empty when nothing is searchable. */
export async function searchArticles(engine: Engine, query: string, filters: SearchFilters, limit: number): Promise<SearchResult[]> {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return [];
  const found = await engine.search.query(engine.db, tokens, filters, limit);
  if (found.length === 0) return [];
  const rows = await engine.db
    .selectFrom('articles')
    .select(['num', 'id', 'ref', 'series', 'date', 'page', 'kind', 'title', 'text'])
    .where('num', 'in', found.map((h) => h.num))
    .execute();
  const byNum = new Map(rows.map((r) => [r.num, r]));
  return found.map((h) => {
    const a = byNum.get(h.num)!;
    const s = snippet(a.text, query);
    return { id: a.id, ref: a.ref, outlet: a.series, date: a.date, page: a.page, kind: a.kind, title: a.title, score: Math.round(h.score * 1e4) / 1e4, hits: s.hits, snippet: s.text };
  });
}
