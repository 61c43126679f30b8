/**
 * `wiretrace search QUERY`: full-text search over the stored articles
 * (character bigrams; see src/store/searchText.ts), ranked by the engine
 * (FTS5 bm25 on SQLite, ts_rank on PostgreSQL), with filters and snippets.
 */
import { parseArgs } from 'node:util';
import { UserError } from './errors.js';
import { STORE_OPTIONS, withStore, intOption, dateOption } from './store.js';
import { queryTokens } from '../store/searchText.js';
import { searchArticles } from '../store/search.js';

export async function searchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...STORE_OPTIONS, outlet: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, page: { type: 'string' }, kind: { type: 'string' }, limit: { type: 'string' } },
  });
  const query = positionals.join(' ').trim();
  if (query === '') throw new UserError('no QUERY — e.g. wiretrace search 普京', 2);
  const tokens = queryTokens(query);
  if (tokens.length === 0) throw new UserError(`${JSON.stringify(query)}: nothing to search for (only punctuation or spaces)`, 2);
  const filters = { outlet: values.outlet, from: dateOption('--from', values.from), to: dateOption('--to', values.to), page: values.page, kind: values.kind };
  const limit = intOption('--limit', values.limit, 1) ?? 20;
  const hits = await withStore(values.db, (engine) => searchArticles(engine, query, filters, limit));
  if (values.json) for (const h of hits) console.log(JSON.stringify(h));
  else {
    const tty = process.stdout.isTTY === true;
    console.log(`${hits.length}${hits.length === limit ? '+' : ''} articles match ${JSON.stringify(query)}`);
    for (const h of hits) {
      console.log(`\n${h.id}  ${h.outlet} ${h.date ?? 'undated'}${h.page ? ` p.${h.page}` : ''} ${h.kind}  《${h.title ?? h.ref}》`);
      console.log(`  ${tty ? h.snippet.replace(/⟦/g, '\x1b[7m').replace(/⟧/g, '\x1b[0m') : h.snippet}`);
    }
  }
  return 0;
}
