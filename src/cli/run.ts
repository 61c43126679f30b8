/** `wiretrace run PATH...`: ingest, detect and report in one go. */
import { parseArgs } from 'node:util';
import { UserError } from './errors.js';
import { STORE_OPTIONS, withStore, progressBar, intOption } from './store.js';
import { INGEST_OPTIONS, ingestPaths, readOptions, ingestSummary } from './ingest.js';
import { DETECT_OPTIONS, detectOptions, detectSummary } from './detect.js';
import { REPORT_OPTIONS, reportFormat, formatReport } from './report.js';
import { detectStore } from '../store/detect.js';
import { report } from '../store/queries.js';

export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...STORE_OPTIONS, ...INGEST_OPTIONS, ...DETECT_OPTIONS, ...REPORT_OPTIONS } });
  if (positionals.length === 0) throw new UserError('no PATH — name page files, article files, transcripts, .jsonl files or folders', 2);
  const read = readOptions(values);
  const detect = detectOptions(values);
  const format = reportFormat(values.format, values.json);
  const top = intOption('--top', values.top, 0) ?? 10;
  let failed = 0;
  await withStore(values.db, async (engine) => {
    const ingested = await ingestPaths(engine, positionals, read, detect.batch);
    failed = ingested.failed;
    const bar = progressBar();
    let counts;
    try {
      counts = await detectStore(engine, detect, bar.update);
    } finally {
      bar.done();
    }
    const r = await report(engine, top);
    if (format === 'json') console.log(JSON.stringify({ ingest: ingested, detect: counts, report: r }));
    else {
      if (format === 'table') console.log(`${ingestSummary(ingested)}\n${detectSummary(counts)}\n`);
      console.log(formatReport(r, format));
    }
  });
  return failed > 0 ? 1 : 0;
}
