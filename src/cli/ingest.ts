/**
 * `wiretrace ingest PATH...`: read page files, People's Daily article files,
 * CCTV transcripts and article JSONL into the store (see src/ingest/readers.ts
 * for formats and where outlet, date and page come from). Files are written
 * in transactions of up to 500 sources (whole files; a JSONL file of more
 * records takes several): a killed run leaves whole files or none (whole
 * 500-record blocks of a JSONL file), and a rerun skips what is already in. Walking a folder skips README files
 * (README, README.md, README.txt, any case); a README named on its own is read.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { walk } from './files.js';
import { UserError } from './errors.js';
import { STORE_OPTIONS, withStore, progressBar, dateOption, intOption } from './store.js';
import { readSources, INGEST_EXTS, READERS } from '../ingest/readers.js';
import type { ReaderName, ReadOptions, SourceInput } from '../ingest/readers.js';
import { ingestSources } from '../store/ingest.js';
import type { IngestCounts } from '../store/ingest.js';
import type { Engine } from '../store/engine.js';

export const INGEST_OPTIONS = {
  series: { type: 'string' },
  date: { type: 'string' },
  page: { type: 'string' },
  reader: { type: 'string' },
  batch: { type: 'string' },
} as const;

export interface IngestResult extends IngestCounts {
  files: number;
  failed: number;
}

export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...STORE_OPTIONS, ...INGEST_OPTIONS } });
  const opts = readOptions(values);
  if (positionals.length === 0) throw new UserError('no PATH — name page files, article files, transcripts, .jsonl files or folders', 2);
  const batch = intOption('--batch', values.batch, 1);
  const result = await withStore(values.db, (engine) => ingestPaths(engine, positionals, opts, batch));
  if (values.json) console.log(JSON.stringify(result));
  else console.log(ingestSummary(result));
  return result.failed > 0 ? 1 : 0;
}

export function readOptions(values: { series?: string | undefined; date?: string | undefined; page?: string | undefined; reader?: string | undefined }): ReadOptions {
  if (values.reader !== undefined && !READERS.includes(values.reader as ReaderName)) throw new UserError(`--reader ${values.reader}: choose one of ${READERS.join(', ')}`, 2);
  return { series: values.series, date: dateOption('--date', values.date), page: values.page, reader: values.reader as ReaderName | undefined };
}

export function ingestSummary(r: IngestResult): string {
  return `ingested ${r.files} files: ${r.sources} new sources with ${r.articles} articles, ${r.present} already present${r.failed ? `, ${r.failed} files failed` : ''}`;
}

/** README, README.md, README.txt in any case. */
export function isReadme(file: string): boolean {
  return /^readme(\.(md|txt))?$/i.test(basename(file));
}

/** Sources per transaction by default (a file with more takes several), and the text after which a batch of files is written. */
const BATCH_SOURCES = 500;
const BATCH_CHARS = 4_000_000;

/** Ingests every file under `paths`, `batch` sources to a transaction; a bad file is reported on stderr and the rest go on. */
export async function ingestPaths(engine: Engine, paths: string[], opts: ReadOptions, batch = BATCH_SOURCES): Promise<IngestResult> {
  // A sidecar `<file>.json` describes its file; it is not a transcript. A README found in a folder describes the folder.
  const named = new Set(paths);
  const files = walk(paths, INGEST_EXTS).filter(
    (f) => !(f.toLowerCase().endsWith('.json') && existsSync(f.slice(0, -5)) && !f.slice(0, -5).endsWith('/')) && (named.has(f) || !isReadme(f)),
  );
  const result: IngestResult = { files: 0, failed: 0, sources: 0, articles: 0, present: 0 };
  const bar = progressBar();
  // Small files share a transaction (each commit also flushes a search-index segment): whole files only.
  let pending: SourceInput[] = [];
  let pendingChars = 0;
  const flush = async (): Promise<void> => {
    for (let i = 0; i < pending.length; i += batch) {
      const c = await ingestSources(engine, pending.slice(i, i + batch));
      result.sources += c.sources;
      result.articles += c.articles;
      result.present += c.present;
    }
    pending = [];
    pendingChars = 0;
  };
  for (const file of files) {
    try {
      const sources = readSources(file, opts);
      if (pending.length + sources.length > batch || pendingChars > BATCH_CHARS) await flush();
      pending.push(...sources);
      for (const src of sources) pendingChars += src.text.length;
      result.files++;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      bar.done();
      console.error(`wiretrace ingest: ${err.message}`);
      result.failed++;
    }
    bar.update('ingest', result.files + result.failed, files.length);
  }
  await flush();
  bar.done();
  return result;
}
