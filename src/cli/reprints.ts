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
import { extname } from 'node:path';
import { walk } from './files.js';
import { readPage } from '../ingest/readPage.js';
import { pageMeta } from '../ingest/pageMeta.js';
import { readJsonl } from '../ingest/jsonl.js';
import { UserError } from './errors.js';
import { parsePage } from '../page/index.js';
import { detect, DEFAULT_DETECT_OPTIONS } from '../reuse/detect.js';
import type { DetectOptions } from '../reuse/detect.js';
import { pageDocs } from '../reuse/pageDocs.js';
import { buildStories } from '../reuse/stories.js';
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

