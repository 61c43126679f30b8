/**
 * Writing sources into the store. A source is keyed by the SHA-256 of
 * (series, date, text): a source already present is skipped, so ingesting
 * the same page twice changes nothing. Each call writes its sources, their
 * articles and their search terms in one transaction: a process killed
 * mid-ingest leaves whole sources or none.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Engine, SearchRow } from './engine.js';
import { NEW } from './schema.js';
import type { ArticleTable, SourceTable } from './schema.js';
import type { SourceInput } from '../ingest/readers.js';
import type { Page } from '../page/types.js';
import { pageDocs } from '../reuse/pageDocs.js';
import { matchKeyText } from '../reuse/matchKey.js';
import { searchTerms } from './searchText.js';

export function sourceId(s: Pick<SourceInput, 'series' | 'date' | 'text'>): string {
  return createHash('sha256').update(`${s.series}\u0000${s.date ?? ''}\u0000${s.text}`).digest('hex');
}

export function articleId(source: string, idx: number): string {
  return `a${createHash('sha256').update(`${source}#${idx}`).digest('hex').slice(0, 16)}`;
}

export interface IngestCounts {
  sources: number;
  articles: number;
  /** Sources already in the store (skipped). */
  present: number;
}

/** Writes the sources not yet present, in one transaction. */
export async function ingestSources(engine: Engine, sources: SourceInput[], now = new Date().toISOString()): Promise<IngestCounts> {
  const counts: IngestCounts = { sources: 0, articles: 0, present: 0 };
  if (sources.length === 0) return counts;
  // The expensive part (match keys, search terms) runs before the transaction.
  const prepared = new Map<string, { src: SourceInput; rows: Omit<ArticleTable, 'num' | 'ref'>[]; refs: string[]; terms: string[] }>();
  for (const src of sources) {
    const id = sourceId(src);
    if (prepared.has(id)) {
      counts.present++;
      continue;
    }
    const page: Page = { text: src.text, articles: src.articles.map((a) => a.article), noise: [], messages: [] };
    const docs = pageDocs(src.path, page, src.series, src.date);
    const rows: Omit<ArticleTable, 'num' | 'ref'>[] = [];
    const terms: string[] = [];
    docs.forEach((d, i) => {
      const input = src.articles[i]!;
      const key = matchKeyText(d.text);
      rows.push({
        id: articleId(id, i),
        source_id: id,
        idx: i,
        series: src.series,
        date: src.date,
        page: src.page,
        kind: input.article.kind,
        title: input.title,
        credit: input.credit,
        text: d.text,
        parts: JSON.stringify(input.article),
        chars: key.length,
        state: NEW,
      });
      terms.push(searchTerms(input.title, d.text, key));
    });
    prepared.set(id, { src, rows, refs: src.articles.map((a) => a.ref), terms });
  }
  await engine.db.transaction().execute(async (trx) => {
    const ids = [...prepared.keys()];
    const present = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const found = await trx.selectFrom('sources').select('id').where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const f of found) present.add(f.id);
    }
    // A ref another source already holds (the same file name re-ingested with new text) gets this source's hash.
    const fresh = [...prepared].filter(([id]) => !present.has(id));
    counts.present += prepared.size - fresh.length;
    const allRefs = fresh.flatMap(([, p]) => p.refs);
    const taken = new Set<string>();
    for (let i = 0; i < allRefs.length; i += 500) {
      for (const r of await trx.selectFrom('articles').select('ref').where('ref', 'in', allRefs.slice(i, i + 500)).execute()) taken.add(r.ref);
    }
    const max = await trx.selectFrom('articles').select(sql<number | null>`max(num)`.as('m')).executeTakeFirst();
    let num = Number(max?.m ?? 0);
    const used = new Set<string>();
    const sourceRows: SourceTable[] = [];
    const articleRows: ArticleTable[] = [];
    const termRows: SearchRow[] = [];
    for (const [id, p] of fresh) {
      sourceRows.push({ id, path: p.src.path, format: p.src.format, series: p.src.series, date: p.src.date, page: p.src.page, text: p.src.text, articles: p.rows.length, ingested_at: now });
      p.rows.forEach((r, i) => {
        let ref = p.refs[i]!;
        if (taken.has(ref) || used.has(ref)) ref = `${ref}@${id.slice(0, 8)}`;
        used.add(ref);
        articleRows.push({ ...r, num: ++num, ref });
        termRows.push({ num, terms: p.terms[i]!, facets: { series: r.series, date: r.date, page: r.page, kind: r.kind } });
      });
    }
    for (let i = 0; i < sourceRows.length; i += 200) await trx.insertInto('sources').values(sourceRows.slice(i, i + 200)).execute();
    for (let i = 0; i < articleRows.length; i += 200) await trx.insertInto('articles').values(articleRows.slice(i, i + 200)).execute();
    await engine.search.add(trx, termRows);
    counts.sources = sourceRows.length;
    counts.articles = articleRows.length;
  });
  return counts;
}
