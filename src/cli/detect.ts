/**
 * `wiretrace detect`: match the articles not yet matched against the whole
 * store; store passages, stories and edits (see src/store/detect.ts).
 */
import { parseArgs } from 'node:util';
import { UserError } from './errors.js';
import { STORE_OPTIONS, withStore, progressBar, intOption } from './store.js';
import { detectStore } from '../store/detect.js';
import type { DetectCounts, StoreDetectOptions } from '../store/detect.js';

export const DETECT_OPTIONS = {
  'within-series': { type: 'boolean' },
  'min-length': { type: 'string' },
  ngram: { type: 'string' },
  window: { type: 'string' },
  'max-df': { type: 'string' },
  days: { type: 'string' },
  gap: { type: 'string' },
  batch: { type: 'string' },
} as const;

export async function detectCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...STORE_OPTIONS, ...DETECT_OPTIONS } });
  if (positionals.length > 0) throw new UserError(`unexpected ${positionals[0]} — detect takes no paths (ingest them first, or use 'wiretrace run')`, 2);
  const options = detectOptions(values);
  const counts = await withStore(values.db, async (engine) => {
    const bar = progressBar();
    try {
      return await detectStore(engine, options, bar.update);
    } finally {
      bar.done();
    }
  });
  if (values.json) console.log(JSON.stringify(counts));
  else console.log(detectSummary(counts));
  return 0;
}

export function detectSummary(c: DetectCounts): string {
  return `detected: ${c.matched} new articles matched against the store, ${c.passages} new passages, ${c.stories} stories built or rebuilt`;
}

export function detectOptions(values: {
  'within-series'?: boolean | undefined;
  'min-length'?: string | undefined;
  ngram?: string | undefined;
  window?: string | undefined;
  'max-df'?: string | undefined;
  days?: string | undefined;
  gap?: string | undefined;
  batch?: string | undefined;
}): StoreDetectOptions {
  const o: StoreDetectOptions = {
    batch: intOption('--batch', values.batch, 1),
    withinSeries: values['within-series'],
    minLength: intOption('--min-length', values['min-length'], 1),
    ngram: intOption('--ngram', values.ngram, 1),
    window: intOption('--window', values.window, 1),
    maxDf: intOption('--max-df', values['max-df'], 2),
    gap: intOption('--gap', values.gap, 0),
    days: values.days !== undefined && /^(inf|infinity|all|any)$/i.test(values.days) ? Infinity : intOption('--days', values.days, 0),
  };
  for (const k of Object.keys(o) as (keyof StoreDetectOptions)[]) if (o[k] === undefined) delete o[k];
  return o;
}
