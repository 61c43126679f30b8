/**
 * `wiretrace export --format jsonl|csv`: one record per article, passim's
 * fields (`id` = the article's ref, `series`, `date`, `title`, `text`) plus
 * ours (`article`, `page`, `kind`, `credit`, `source`, `chars`,
 * `reprinted_share`, `stories`).
 */
import { parseArgs } from 'node:util';
import { UserError } from './errors.js';
import { STORE_OPTIONS, withStore, csvField } from './store.js';
import { exportRecords } from '../store/queries.js';

const FIELDS = ['id', 'series', 'date', 'title', 'text', 'article', 'page', 'kind', 'credit', 'source', 'chars', 'reprinted_share', 'stories'] as const;

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...STORE_OPTIONS, format: { type: 'string' } } });
  if (positionals.length > 0) throw new UserError(`unexpected ${positionals[0]}`, 2);
  const format = values.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv') throw new UserError(`--format ${format}: choose jsonl or csv`, 2);
  await withStore(values.db, async (engine) => {
    if (format === 'csv') process.stdout.write(FIELDS.join(',') + '\n');
    for await (const r of exportRecords(engine)) {
      const line = format === 'jsonl' ? JSON.stringify(r) : FIELDS.map((f) => csvField(r[f])).join(',');
      if (!process.stdout.write(line + '\n')) await new Promise((res) => process.stdout.once('drain', res));
    }
  });
  return 0;
}
