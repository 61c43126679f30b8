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
import { pageSpan } from '../reuse/pageSpan.js';
import { matchKey } from '../reuse/matchKey.js';
import { editScript, M, X, DEL, INS } from '../reuse/align.js';
import type { Doc, Passage } from '../reuse/types.js';

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
      days: { type: 'string' },
      gap: { type: 'string' },
      series: { type: 'string' },
      date: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UserError('no INPUT — name page files, .jsonl files or folders', 2);
  if (values.stories || values.explain) throw new UserError('--stories and --explain are not available yet (the story builder is not in this build)', 2);
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UserError(`--date ${values.date}: not a YYYY-MM-DD date`, 2);
  const options: Partial<DetectOptions> = {
    withinSeries: values['within-series'],
    minLength: intOption('--min-length', values['min-length'], 1),
    ngram: intOption('--ngram', values.ngram, 1),
    window: intOption('--window', values.window, 1),
    maxDf: intOption('--max-df', values['max-df'], 2),
    gap: intOption('--gap', values.gap, 0),
    days: daysOption(values.days),
  };
  for (const k of Object.keys(options) as (keyof DetectOptions)[]) if (options[k] === undefined) delete options[k];

  const docs: Doc[] = [];
  const pageTexts = new Map<string, string>();
  for (const file of walk(positionals, INPUT_EXTS)) {
    if (extname(file).toLowerCase() === '.jsonl') docs.push(...readJsonl(file));
    else {
      const read = readPage(file);
      if ('problem' in read) throw new UserError(`${file}: ${read.problem}`);
      const { series, date } = pageMeta(file, values.series, values.date);
      const fileDocs = pageDocs(file, parsePage(read.text), series, date);
      for (const d of fileDocs) pageTexts.set(d.id, read.text);
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
  if (values.json) {
    for (const p of passages) console.log(JSON.stringify(passageJson(p, byId)));
  } else {
    console.log(report(passages, byId, pageTexts, docs.length, { ...DEFAULT_DETECT_OPTIONS, ...options }));
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

/** One output line: offsets in page text (page files) or record text (JSONL). */
export function passageJson(p: Passage, byId: Map<string, Doc>): Passage {
  const side = (s: Passage['a']) => ({ id: s.id, ...pageSpan(byId.get(s.id)!, s.start, s.end) });
  return { a: side(p.a), b: side(p.b), chars: p.chars, identity: Math.round(p.identity * 10000) / 10000 };
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
    });
  });
  return docs;
}

// ---- the readable report ----

const ROW = 24;

function report(passages: Passage[], byId: Map<string, Doc>, pageTexts: Map<string, string>, docs: number, o: DetectOptions): string {
  const out: string[] = [];
  const pairs = new Set(passages.map((p) => `${p.a.id}\u0000${p.b.id}`));
  out.push(
    `${passages.length} passages shared by ${pairs.size} article pairs, from ${docs} articles ` +
      `(n-gram ${o.ngram}, window ${o.window}, max-df ${o.maxDf}, min-length ${o.minLength}, gap ${o.gap}, days ${o.days}${o.withinSeries ? ', within series' : ''})`,
  );
  for (const p of passages) {
    const a = byId.get(p.a.id)!;
    const b = byId.get(p.b.id)!;
    out.push('');
    out.push(`A ${label(a, p.a, pageTexts)}`);
    out.push(`B ${label(b, p.b, pageTexts)}`);
    out.push(`  ${p.chars} characters aligned, identity ${(p.identity * 100).toFixed(1)}%`);
    out.push(...sideBySide(a.text.slice(p.a.start, p.a.end), b.text.slice(p.b.start, p.b.end)));
  }
  return out.join('\n');
}

function label(d: Doc, s: Passage['a'], pageTexts: Map<string, string>): string {
  const span = pageSpan(d, s.start, s.end);
  const where = pageTexts.has(d.id) ? 'page' : 'text';
  const meta = [d.series, d.date ?? 'undated'].join(', ');
  return `${d.id} (${meta})${d.title ? ` 《${d.title}》` : ''} ${where} ${span.start}–${span.end}`;
}

/**
 * The two sides' match keys aligned in rows of ROW columns: differing
 * characters are wrapped in ⟦ ⟧ on their own side, a gap shows as ＿; runs of
 * identical rows are folded into one line.
 */
function sideBySide(ta: string, tb: string): string[] {
  const ka = matchKey(ta).key;
  const kb = matchKey(tb).key;
  if (ka.length * kb.length > 25_000_000) return ['  (too long to show side by side)'];
  const ops = editScript(ka, kb);
  const rows: { a: string; b: string; same: boolean }[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k < ops.length; k += ROW) {
    let ra = '';
    let rb = '';
    let same = true;
    for (const op of ops.slice(k, k + ROW)) {
      if (op === M) {
        ra += wide(ka[i++]!);
        rb += wide(kb[j++]!);
      } else {
        same = false;
        const ca = op === INS ? '＿' : wide(ka[i++]!);
        const cb = op === DEL ? '＿' : wide(kb[j++]!);
        ra += op === X || op === DEL ? `⟦${ca}⟧` : ca;
        rb += op === X || op === INS ? `⟦${cb}⟧` : cb;
      }
    }
    rows.push({ a: ra.replace(/⟧⟦/g, ''), b: rb.replace(/⟧⟦/g, ''), same });
  }
  const out: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let s = r;
    while (s < rows.length && rows[s]!.same) s++;
    if (row.same && s - r > 3) {
      out.push(`  = │ ${row.a}`);
      out.push(`  = │ … ${(s - r - 2) * ROW} identical characters …`);
      out.push(`  = │ ${rows[s - 1]!.a}`);
      r = s - 1;
      continue;
    }
    if (row.same) out.push(`  = │ ${row.a}`);
    else out.push(`  A │ ${row.a}`, `  B │ ${row.b}`);
  }
  return out;
}

/** ASCII key characters shown full-width, so that rows of CJK and digits line up. */
function wide(c: string): string {
  const code = c.charCodeAt(0);
  return code > 0x20 && code < 0x7f ? String.fromCharCode(code + 0xfee0) : c;
}
