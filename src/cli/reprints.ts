/**
 * `wiretrace reprints INPUT...`: every passage two articles share.
 *
 * Inputs: page files (.txt, .md), split as `wiretrace parse` does, each
 * article a document with id `<file>#<index>`; and article JSONL (.jsonl) with
 * passim's fields `id`, `series`, `date` (YYYY-MM-DD or null), `text`, optional
 * `title`. Folders are walked.
 *
 * A page file's series and date come from, in order: `--series` / `--date`;
 * a sidecar `<file>.json` holding `{"series": …, "date": …}`; the file name
 * `<series>_<date>[_…].txt` or `<series>-<date>[-…].txt` with the date as
 * YYYY-MM-DD or YYYYMMDD (`hnrb_2025-01-22_01.txt`); else the series is the
 * file's base name and the date unknown.
 *
 * Output offsets are UTF-16 `[start, end)` into the page text (page files) or
 * the record's `text` (JSONL): the engine reports `Doc.text` offsets and this
 * command maps them through `Doc.map` (see `pageSpan`).
 *
 * Output: with `--json`, one line per passage pair; with `--stories`, then one
 * line per story (`buildStories`); `--explain` implies `--stories` and adds
 * each copy's edits against the origin (`explainMember`). Without `--json`, a
 * readable report of the stories (see `reprintsOutput.ts`). A JSONL record's
 * wire credit (for the origin rule) is read off its text (`recordCredit`).
 */
import { parseArgs } from 'node:util';
import { readFileSync, existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { walk } from './files.js';
import { readPage } from './read.js';
import { UserError } from './errors.js';
import { parsePage } from '../page/index.js';
import { detect, DEFAULT_DETECT_OPTIONS } from '../reuse/detect.js';
import type { DetectOptions } from '../reuse/detect.js';
import { pageDocs } from '../reuse/pageDocs.js';
import { buildStories } from '../reuse/stories.js';
import { matchDateline, matchCreditLine, matchCreditTail, wireOf } from '../page/cues.js';
import type { Doc } from '../reuse/types.js';
import { passageJson, storyJson, explainStories, report } from './reprintsOutput.js';

const INPUT_EXTS = ['.txt', '.md', '.jsonl'] as const;

export async function reprintsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      stories: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      'within-series': { type: 'boolean', default: false },
      'min-length': { type: 'string' },
      ngram: { type: 'string' },
      window: { type: 'string' },
      'max-df': { type: 'string' },
      'min-shared': { type: 'string' },
      days: { type: 'string' },
      gap: { type: 'string' },
      series: { type: 'string' },
      date: { type: 'string' },
      db: { type: 'string' },
    },
  });
  if (values.db !== undefined) return (await import('./reprintsDb.js')).reprintsFromStore(values.db, values.json);
  if (positionals.length === 0) throw new UserError('no INPUT — name page files, .jsonl files or folders', 2);
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UserError(`--date ${values.date}: not a YYYY-MM-DD date`, 2);
  const options: Partial<DetectOptions> = {
    withinSeries: values['within-series'],
    minLength: intOption('--min-length', values['min-length'], 1),
    ngram: intOption('--ngram', values.ngram, 1),
    window: intOption('--window', values.window, 1),
    maxDf: intOption('--max-df', values['max-df'], 2),
    minShared: intOption('--min-shared', values['min-shared'], 1),
    gap: intOption('--gap', values.gap, 0),
    days: daysOption(values.days),
  };
  for (const k of Object.keys(options) as (keyof DetectOptions)[]) if (options[k] === undefined) delete options[k];

  const docs: Doc[] = [];
  const pageDocIds = new Set<string>();
  for (const file of walk(positionals, INPUT_EXTS)) {
    if (extname(file).toLowerCase() === '.jsonl') docs.push(...readJsonl(file));
    else {
      const read = readPage(file);
      if ('problem' in read) throw new UserError(`${file}: ${read.problem}`);
      const { series, date } = pageMeta(file, values.series, values.date);
      const fileDocs = pageDocs(file, parsePage(read.text), series, date);
      for (const d of fileDocs) pageDocIds.add(d.id);
      docs.push(...fileDocs);
    }
  }
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.id)) throw new UserError(`duplicate document id ${JSON.stringify(d.id)} — ids must be unique across inputs`);
    seen.add(d.id);
  }
  const passages = detect(docs, options);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const explain = values.explain;
  const wantStories = values.stories || explain || !values.json;
  const stories = wantStories ? buildStories(docs, passages) : [];
  if (explain) explainStories(stories, byId);
  if (values.json) {
    for (const p of passages) console.log(JSON.stringify(passageJson(p, byId)));
    for (const s of stories) console.log(JSON.stringify(storyJson(s, byId)));
  } else {
    console.log(report({ passages, stories, byId, pageDocIds, docs: docs.length, options: { ...DEFAULT_DETECT_OPTIONS, ...options } }));
  }
  return 0;
}

function intOption(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UserError(`${name} ${v}: expected a whole number ≥ ${min}`, 2);
  return n;
}

function daysOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (/^(inf|infinity|all|any)$/i.test(v)) return Infinity;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`--days ${v}: expected a whole number ≥ 0, or 'inf'`, 2);
  return n;
}

const NAME_PATTERN = /^(.+?)[_-](\d{4})-?(\d{2})-?(\d{2})(?:[_\-.].*)?$/;

/** Series and date of a page file (see the module comment). */
export function pageMeta(file: string, series?: string, date?: string): { series: string; date: string | null } {
  let side: { series?: unknown; date?: unknown } = {};
  const sidecar = `${file}.json`;
  if (existsSync(sidecar)) {
    try {
      side = JSON.parse(readFileSync(sidecar, 'utf8')) as typeof side;
    } catch (err) {
      throw new UserError(`${sidecar}: not valid JSON (${(err as Error).message})`);
    }
    if (side.series !== undefined && typeof side.series !== 'string') throw new UserError(`${sidecar}: "series" must be a string`);
    if (side.date != null && (typeof side.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(side.date)))
      throw new UserError(`${sidecar}: "date" must be YYYY-MM-DD`);
  }
  const base = basename(file, extname(file));
  const m = NAME_PATTERN.exec(base);
  const named = m && Number(m[3]) >= 1 && Number(m[3]) <= 12 && Number(m[4]) >= 1 && Number(m[4]) <= 31 ? m : null;
  return {
    series: series ?? (side.series as string | undefined) ?? (named ? named[1]! : base),
    date: date ?? (side.date as string | null | undefined) ?? (named ? `${named[2]}-${named[3]}-${named[4]}` : null),
  };
}

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
