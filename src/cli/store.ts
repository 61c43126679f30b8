/** What the store commands share: `--db`, opening the store, progress on a terminal, tables. */
import { openStore, dbLocation } from '../store/engine.js';
import type { Engine } from '../store/engine.js';
import { UserError } from './errors.js';

/** Options every store command accepts. */
export const STORE_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** Opens the store named by `--db` / `WIRETRACE_DB`, runs `fn`, closes it. */
export async function withStore<T>(db: string | undefined, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await openStore(dbLocation(db));
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/** A progress line on stderr, only when stderr is a terminal; `done()` clears it. */
export function progressBar(enabled = process.stderr.isTTY === true): { update: (stage: string, done: number, total: number) => void; done: () => void } {
  let shown = false;
  let last = 0;
  return {
    update(stage, done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      process.stderr.write(`\r${stage.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

export function dateOption(name: string, v: string | undefined): string | undefined {
  if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UserError(`${name} ${v}: not a YYYY-MM-DD date`, 2);
  return v;
}

export function intOption(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UserError(`${name} ${v}: expected a whole number ≥ ${min}`, 2);
  return n;
}

/** A plain text table: columns padded by display width (CJK counts two). */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => displayWidth(r[c] ?? ''))));
  return cells
    .map((r) => r.map((v, c) => (typeof rows[0]?.[c] === 'number' ? pad(v, widths[c]!, true) : pad(v, widths[c]!, false))).join('  ').trimEnd())
    .join('\n');
}

function pad(v: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - displayWidth(v)));
  return right ? fill + v : v + fill;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/** One CSV field (RFC 4180). */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
