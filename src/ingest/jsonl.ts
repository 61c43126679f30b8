/**
 * Article JSONL with passim's fields: `id`, `series`, `date` (YYYY-MM-DD or
 * null), `text`, optional `title`.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../cli/errors.js';
import { matchCreditLine, matchCreditTail, matchDateline, wireOf } from '../page/cues.js';
import type { Doc } from '../reuse/types.js';

/** Reads article JSONL; a bad line is a user error naming file:line. */
export function readJsonl(file: string): Doc[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const docs: Doc[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    if (line.trim() === '') return;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      throw new UserError(`${where}: not valid JSON (${(err as Error).message}) — one article object per line`);
    }
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) throw new UserError(`${where}: expected an object with id, series, date, text`);
    const r = rec as Record<string, unknown>;
    for (const f of ['id', 'series', 'text'] as const) {
      if (typeof r[f] !== 'string') throw new UserError(`${where}: ${f in r ? `"${f}" must be a string` : `missing "${f}"`} — fields: id, series, date, text`);
    }
    if (!('date' in r)) throw new UserError(`${where}: missing "date" — YYYY-MM-DD, or null when unknown`);
    if (r.date !== null && (typeof r.date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(r.date)))
      throw new UserError(`${where}: "date" must be YYYY-MM-DD or null`);
    if (r.title != null && typeof r.title !== 'string') throw new UserError(`${where}: "title" must be a string`);
    docs.push({
      id: r.id as string,
      series: r.series as string,
      date: r.date === null ? null : (r.date as string).slice(0, 10),
      text: r.text as string,
      title: (r.title as string | undefined) ?? null,
      credit: recordCredit(r.text as string),
    });
  });
  return docs;
}

/**
 * The wire service a JSONL record credits, read off its text as the page
 * splitter reads a page: a dateline opening the first line (新华社北京10月1日电),
 * or a credit closing the last one (■据新华社, （新华社北京9月30日电）). Only
 * wire services count (wireOf), so 本报讯 credits no one.
 */
export function recordCredit(text: string): string | null {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const first = lines[0];
  const last = lines[lines.length - 1];
  const dateline = first ? matchDateline(first) : null;
  const credited = dateline ?? (last ? (matchCreditLine(last)?.name ?? matchCreditTail(last)?.name ?? null) : null);
  return credited ? (wireOf(credited)?.name ?? null) : null;
}
