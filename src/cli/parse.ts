import { parseArgs } from 'node:util';
import { readPage } from '../ingest/readPage.js';
import { walk } from './files.js';
import { parsePage } from '../page/index.js';
import type { Article, Page } from '../page/index.js';

export const PAGE_EXTS = ['.txt', '.md'] as const;

export async function parseCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0) positionals.push('.');
  let failed = 0;
  for (const file of walk(positionals, PAGE_EXTS)) {
    const read = readPage(file);
    if ('problem' in read) {
      console.error(`wiretrace parse: ${file}: ${read.problem}`);
      failed++;
      continue;
    }
    const page = parsePage(read.text);
    if (values.json) console.log(JSON.stringify({ file, encoding: read.encoding, ...pageJson(page) }));
    else console.log(summary(file, page));
  }
  return failed > 0 ? 1 : 0;
}

/** The JSON form of a page: articles, noise and messages; every part with its offsets. */
export function pageJson(page: Page): Omit<Page, 'text'> {
  const { articles, noise, messages } = page;
  return { articles, noise, messages };
}

function summary(file: string, page: Page): string {
  const out = [`${file}: ${page.articles.length} articles`];
  page.articles.forEach((a, i) => out.push(articleSummary(i, a)));
  return out.join('\n') + '\n';
}

function articleSummary(i: number, a: Article): string {
  const chars = a.paragraphs.reduce((n, p) => n + p.text.length, 0);
  const head = `  #${i} [${a.kind}] ${a.headline?.text ?? '(no headline)'}`;
  const rows = [head];
  for (const d of a.decks) rows.push(`       deck: ${d.text}`);
  const meta = [
    a.dateline && `dateline: ${a.dateline.text}`,
    a.byline && `byline: ${a.byline.text}`,
    a.credit && `credit: ${a.credit.text}`,
  ].filter(Boolean);
  if (meta.length) rows.push(`       ${meta.join(' · ')}`);
  rows.push(`       ${a.paragraphs.length} paragraphs, ${chars} characters, page offsets ${a.start}–${a.end}`);
  const lead = a.paragraphs[0]?.text ?? '';
  if (lead) rows.push(`       ${lead.length > 60 ? lead.slice(0, 60) + '…' : lead}`);
  return rows.join('\n');
}
