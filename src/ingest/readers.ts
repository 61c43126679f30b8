/**
 * Readers: files in, sources out. A source is one text every article part
 * points into (half-open UTF-16 offsets), with its outlet (series), date and
 * page, and its articles as the page splitter's `Article`s.
 *
 * | reader  | files                                        | one source per | articles |
 * |---------|----------------------------------------------|----------------|----------|
 * | `page`  | `.txt`, `.md` page text                      | file           | split by `parsePage` |
 * | `rmrb`  | `YYYYMMDD-PP-NN.txt` (People's Daily article files: kicker, headline, deck lines, then the body) | file | one |
 * | `cctv`  | `.json` `{videoList:[{video_detail:{title, content}}]}` (新闻联播 transcripts) | file | one per item |
 * | `jsonl` | `.jsonl`, passim fields `id`, `series`, `date`, `text`, optional `title`, `page`, `kind` | record | one |
 *
 * Outlet, date and page, first found wins: the options (`--series`,
 * `--date`, `--page`); a sidecar `<file>.json` with `series`, `date`, `page`;
 * the file name (`<series>_<YYYY-MM-DD|YYYYMMDD>[_<page>].txt` for pages,
 * `YYYYMMDD-PP-NN.txt` for People's Daily, `YYYYMMDD.json` for CCTV); then
 * the defaults: the file's base name (pages), `rmrb`, `xwlb`.
 *
 * A CCTV transcript's source text is the transcript rendered as plain text:
 * each item's title line, a blank line, its paragraphs (HTML tags dropped,
 * entities decoded) one per line, and a blank line; the opening
 * `央视网消息（新闻联播）：` is the item's dateline and its credit 央视网.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Article, Part } from '../page/types.js';
import { parsePage } from '../page/index.js';
import { matchDateline, wireOf } from '../page/cues.js';
import { readPage } from './readPage.js';
import { readJsonl } from './jsonl.js';
import { pageMeta, readSidecar } from './pageMeta.js';
import { UserError } from '../cli/errors.js';

export type ReaderName = 'page' | 'rmrb' | 'cctv' | 'jsonl';
export const READERS: readonly ReaderName[] = ['page', 'rmrb', 'cctv', 'jsonl'];
export const INGEST_EXTS = ['.txt', '.md', '.jsonl', '.json'] as const;

export interface ArticleInput {
  /** The stateless id (`<file>#<index>` or the record id). */
  ref: string;
  article: Article;
  title: string | null;
  credit: string | null;
}

export interface SourceInput {
  path: string;
  format: ReaderName;
  series: string;
  date: string | null;
  page: string | null;
  text: string;
  articles: ArticleInput[];
}

export interface ReadOptions {
  series?: string | undefined;
  date?: string | undefined;
  page?: string | undefined;
  /** Force a reader instead of choosing by file name and content. */
  reader?: ReaderName | undefined;
}

const RMRB_NAME = /^(\d{4})(\d{2})(\d{2})-(\d{1,3})-(\d{1,3})$/;
const DAY_NAME = /^(\d{4})(\d{2})(\d{2})$/;
const PAGE_NAME = /^(.+?)[_-](\d{4})-?(\d{2})-?(\d{2})[_-]([A-Za-z0-9]+)$/;

/** Which reader a file gets (see the module comment). */
export function readerFor(file: string, forced?: ReaderName): ReaderName {
  if (forced) return forced;
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl') return 'jsonl';
  if (ext === '.json') return 'cctv';
  if (RMRB_NAME.test(basename(file, extname(file)))) return 'rmrb';
  return 'page';
}

/** Reads one file into its sources; a file that cannot be read is a one-line user error naming it. */
export function readSources(file: string, opts: ReadOptions = {}): SourceInput[] {
  switch (readerFor(file, opts.reader)) {
    case 'jsonl':
      return readJsonlSources(file, opts);
    case 'cctv':
      return [readCctv(file, opts)];
    case 'rmrb':
      return [readRmrb(file, opts)];
    case 'page':
      return [readPageSource(file, opts)];
  }
}

function text(file: string): string {
  const read = readPage(file);
  if ('problem' in read) throw new UserError(`${file}: ${read.problem}`);
  return read.text;
}

function readPageSource(file: string, opts: ReadOptions): SourceInput {
  const t = text(file);
  const { series, date } = pageMeta(file, opts.series, opts.date);
  const named = PAGE_NAME.exec(basename(file, extname(file)));
  const page = opts.page ?? readSidecar(file).page ?? (named ? named[5]! : null);
  const parsed = parsePage(t);
  return {
    path: file,
    format: 'page',
    series,
    date,
    page,
    text: t,
    articles: parsed.articles.map((article, i) => ({
      ref: `${file}#${i}`,
      article,
      title: article.headline?.text ?? null,
      credit: article.credit?.text ?? null,
    })),
  };
}

function readRmrb(file: string, opts: ReadOptions): SourceInput {
  const t = text(file);
  const side = readSidecar(file);
  const m = RMRB_NAME.exec(basename(file, extname(file)));
  const lines = lineSpans(t);
  const part = (k: number): Part | null => {
    const l = lines[k];
    return l && l.text.trim() !== '' ? trimmed(t, l.start, l.end) : null;
  };
  const paragraphs = lines.slice(3).filter((l) => l.text.trim() !== '').map((l) => trimmed(t, l.start, l.end));
  let credit: string | null = null;
  const first = paragraphs[0];
  if (first) {
    const dl = matchDateline(first.text);
    if (dl && first.text.startsWith(dl)) {
      credit = wireOf(dl)?.name ?? null;
    }
  }
  const headline = part(1);
  const decks = [part(0), part(2)].filter((p): p is Part => p !== null);
  const article: Article = {
    kind: 'news',
    headline,
    decks,
    dateline: null,
    byline: null,
    credit: null,
    paragraphs,
    start: paragraphs[0]?.start ?? 0,
    end: paragraphs[paragraphs.length - 1]?.end ?? 0,
  };
  return {
    path: file,
    format: 'rmrb',
    series: opts.series ?? side.series ?? 'rmrb',
    date: opts.date ?? side.date ?? (m ? `${m[1]}-${m[2]}-${m[3]}` : null),
    page: opts.page ?? side.page ?? (m ? m[4]! : null),
    text: t,
    articles: paragraphs.length > 0 ? [{ ref: file, article, title: headline?.text ?? null, credit }] : [],
  };
}

function readCctv(file: string, opts: ReadOptions): SourceInput {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new UserError(`${file}: not valid JSON (${(err as Error).message}) — expected a CCTV transcript {videoList: […]}`);
  }
  const list = (json as { videoList?: unknown } | null)?.videoList;
  if (!Array.isArray(list)) throw new UserError(`${file}: no "videoList" array — not a CCTV transcript (use --reader to choose another reader)`);
  const side = readSidecar(file);
  const m = DAY_NAME.exec(basename(file, extname(file)));
  let t = '';
  const articles: ArticleInput[] = [];
  list.forEach((item: unknown, i) => {
    const it = item as { num?: unknown; video_title?: unknown; video_detail?: { title?: unknown; content?: unknown } };
    const title = String(it.video_detail?.title ?? it.video_title ?? '').trim();
    const paras = htmlParagraphs(String(it.video_detail?.content ?? ''));
    if (paras.length === 0) return;
    const hStart = t.length;
    t += title;
    const headline: Part | null = title ? { text: title, start: hStart, end: t.length } : null;
    t += '\n\n';
    const paragraphs: Part[] = [];
    let dateline: Part | null = null;
    for (const p of paras) {
      let start = t.length;
      t += p + '\n';
      const dl: RegExpExecArray | null = paragraphs.length === 0 && dateline === null ? /^央视网消息（新闻联播）[：:]?/.exec(p) : null;
      if (dl) {
        dateline = { text: dl[0], start, end: start + dl[0].length };
        start += dl[0].length;
        if (start >= t.length - 1) continue;
      }
      paragraphs.push({ text: t.slice(start, t.length - 1), start, end: t.length - 1 });
    }
    t += '\n';
    if (paragraphs.length === 0) return;
    articles.push({
      ref: `${file}#${typeof it.num === 'number' ? it.num : i + 1}`,
      article: {
        kind: 'news',
        headline,
        decks: [],
        dateline,
        byline: null,
        credit: null,
        paragraphs,
        start: dateline?.start ?? paragraphs[0]!.start,
        end: paragraphs[paragraphs.length - 1]!.end,
      },
      title: title || null,
      credit: '央视网',
    });
  });
  return {
    path: file,
    format: 'cctv',
    series: opts.series ?? side.series ?? 'xwlb',
    date: opts.date ?? side.date ?? (m ? `${m[1]}-${m[2]}-${m[3]}` : null),
    page: opts.page ?? side.page ?? null,
    text: t,
    articles,
  };
}

function readJsonlSources(file: string, opts: ReadOptions): SourceInput[] {
  const docs = readJsonl(file);
  let records: Record<string, unknown>[] | null = null;
  return docs.map((d, i) => {
    const paragraphs = lineSpans(d.text)
      .filter((l) => l.text.trim() !== '')
      .map((l) => trimmed(d.text, l.start, l.end));
    // page and kind are optional extra fields: read them only when a record has them
    if (records === null) {
      records = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    }
    const rec = records[i] ?? {};
    return {
      path: file,
      format: 'jsonl' as const,
      series: opts.series ?? d.series,
      date: opts.date ?? d.date,
      page: opts.page ?? (rec['page'] == null ? null : String(rec['page'])),
      text: d.text,
      articles:
        paragraphs.length === 0
          ? []
          : [
              {
                ref: d.id,
                article: {
                  kind: rec['kind'] === 'photo' || rec['kind'] === 'brief' ? rec['kind'] : 'news',
                  headline: null,
                  decks: [],
                  dateline: null,
                  byline: null,
                  credit: null,
                  paragraphs,
                  start: paragraphs[0]!.start,
                  end: paragraphs[paragraphs.length - 1]!.end,
                },
                title: d.title ?? null,
                credit: null,
              },
            ],
    };
  });
}

function lineSpans(t: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let start = 0;
  for (;;) {
    const nl = t.indexOf('\n', start);
    const end = nl < 0 ? t.length : nl;
    out.push({ text: t.slice(start, end), start, end });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

/** The span without white space (including U+3000 indents) at either end. */
function trimmed(t: string, start: number, end: number): Part {
  while (start < end && /\s/.test(t[start]!)) start++;
  while (end > start && /\s/.test(t[end - 1]!)) end--;
  return { text: t.slice(start, end), start, end };
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', hellip: '…', mdash: '—', middot: '·' };

/** The paragraphs of transcript HTML: split at <p>, </p> and <br>, other tags dropped, entities decoded. */
export function htmlParagraphs(html: string): string[] {
  return html
    .split(/<\s*\/?\s*(?:p|br|div)\b[^>]*>/i)
    .map((s) =>
      s
        .replace(/<[^>]*>/g, '')
        .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
          e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e.toLowerCase()] ?? all,
        )
        .replace(/[\s\u3000]+/g, (w) => (w.includes('\u3000') ? '' : ' '))
        .trim(),
    )
    .filter((s) => s !== '');
}
