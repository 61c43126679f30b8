/**
 * `wiretrace report`: per outlet and day, the articles, those carrying
 * reprinted text and the share of text reprinted; then the top stories with
 * their spread. A table on a terminal, `--format csv|json` (or `--json`).
 */
import { parseArgs } from 'node:util';
import { UserError } from './errors.js';
import { STORE_OPTIONS, withStore, intOption, table, csvField } from './store.js';
import { report } from '../store/queries.js';
import type { Report } from '../store/queries.js';

export const REPORT_OPTIONS = {
  format: { type: 'string' },
  top: { type: 'string' },
} as const;

export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...STORE_OPTIONS, ...REPORT_OPTIONS } });
  if (positionals.length > 0) throw new UserError(`unexpected ${positionals[0]}`, 2);
  const format = reportFormat(values.format, values.json);
  const top = intOption('--top', values.top, 0) ?? 10;
  const r = await withStore(values.db, (engine) => report(engine, top));
  console.log(formatReport(r, format));
  return 0;
}

export function reportFormat(format: string | undefined, json: boolean | undefined): 'table' | 'csv' | 'json' {
  const f = format ?? (json ? 'json' : 'table');
  if (f !== 'table' && f !== 'csv' && f !== 'json') throw new UserError(`--format ${f}: choose table, csv or json`, 2);
  return f;
}

export function formatReport(r: Report, format: 'table' | 'csv' | 'json'): string {
  if (format === 'json') return JSON.stringify(r);
  if (format === 'csv') {
    const head = ['outlet', 'date', 'articles', 'reprinted', 'chars', 'reprinted_chars', 'share'];
    return [head.join(','), ...r.days.map((d) => [d.outlet, d.date, d.articles, d.reprinted, d.chars, d.reprinted_chars, d.share].map(csvField).join(','))].join('\n');
  }
  const t = r.totals;
  const out = [`${t.sources} sources, ${t.articles} articles, ${t.passages} passages, ${t.stories} stories`, ''];
  out.push(
    table(
      ['outlet', 'date', 'articles', 'reprinted', 'share'],
      r.days.map((d) => [d.outlet, d.date ?? 'undated', d.articles, d.reprinted, `${(d.share * 100).toFixed(1)}%`]),
    ),
  );
  if (r.stories.length > 0) {
    out.push('', `top ${r.stories.length} stories (most outlets, then most copies):`);
    for (const s of r.stories) {
      const o = s.origin;
      out.push(`  ${s.story}  ${s.members} copies in ${s.outlets.join(', ')}, spread ${s.spread_days ?? '?'} days`);
      out.push(`    origin ${o.outlet} ${o.date ?? 'undated'} 《${o.title ?? o.ref}》 ${o.id}`);
      for (const c of s.copies.slice(0, 5))
        out.push(`    copy   ${c.outlet} ${c.date ?? 'undated'} (+${c.days_after ?? '?'}d) 《${c.title ?? c.ref}》 ${c.id}, ${(c.coverage * 100).toFixed(0)}% reprinted`);
      if (s.copies.length > 5) out.push(`    … ${s.copies.length - 5} more copies`);
    }
  }
  return out.join('\n');
}
