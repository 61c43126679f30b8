/**
 * Where a page file's outlet (series), date and page come from, first found
 * wins: the caller's options; a sidecar `<file>.json` with `series`, `date`,
 * `page`; the file name `<series>_<YYYY-MM-DD|YYYYMMDD>[_<page>]`; else the
 * file's base name and no date.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UserError } from '../cli/errors.js';

export interface Sidecar {
  series?: string;
  date?: string | null;
  page?: string | null;
}

/** The sidecar `<file>.json` of a page file, checked; `{}` when there is none. */
export function readSidecar(file: string): Sidecar {
  const path = `${file}.json`;
  if (!existsSync(path)) return {};
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UserError(`${path}: expected an object with series, date, page`);
  const s = v as Record<string, unknown>;
  if (s['series'] !== undefined && typeof s['series'] !== 'string') throw new UserError(`${path}: "series" must be a string`);
  if (s['date'] != null && (typeof s['date'] !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s['date']))) throw new UserError(`${path}: "date" must be YYYY-MM-DD`);
  if (s['page'] != null && typeof s['page'] !== 'string' && typeof s['page'] !== 'number') throw new UserError(`${path}: "page" must be a string`);
  const out: Sidecar = {};
  if (typeof s['series'] === 'string') out.series = s['series'];
  if (s['date'] !== undefined) out.date = (s['date'] as string | null) ?? null;
  if (s['page'] !== undefined) out.page = s['page'] == null ? null : String(s['page']);
  return out;
}

const NAME_PATTERN = /^(.+?)[_-](\d{4})-?(\d{2})-?(\d{2})(?:[_\-.].*)?$/;

/** Series and date of a page file (see the module comment). */
export function pageMeta(file: string, series?: string, date?: string): { series: string; date: string | null } {
  const side = readSidecar(file);
  const base = basename(file, extname(file));
  const m = NAME_PATTERN.exec(base);
  const named = m && Number(m[3]) >= 1 && Number(m[3]) <= 12 && Number(m[4]) >= 1 && Number(m[4]) <= 31 ? m : null;
  return {
    series: series ?? side.series ?? (named ? named[1]! : base),
    date: date ?? side.date ?? (named ? `${named[2]}-${named[3]}-${named[4]}` : null),
  };
}

