import { sql } from 'kysely';
import type { SearchFilters } from './engine.js';

/** The article filters as extra `AND …` conditions on the alias `a` (the same SQL on both engines). */
export function filterSql(f: SearchFilters) {
  const parts = [];
  if (f.outlet !== undefined) parts.push(sql`AND a.series = ${f.outlet}`);
  if (f.from !== undefined) parts.push(sql`AND a.date >= ${f.from}`);
  if (f.to !== undefined) parts.push(sql`AND a.date <= ${f.to}`);
  if (f.page !== undefined) parts.push(sql`AND a.page = ${f.page}`);
  if (f.kind !== undefined) parts.push(sql`AND a.kind = ${f.kind}`);
  return parts.length > 0 ? sql.join(parts, sql` `) : sql``;
}

/** Date ranges up to this many days are matched through day terms; longer ones by the article's date alone. */
const MAX_DAY_TERMS = 93;

/** The days from `from` to `to` (YYYY-MM-DD), when both are given and at most MAX_DAY_TERMS apart. */
export function dayRange(from: string | undefined, to: string | undefined): string[] | undefined {
  if (from === undefined || to === undefined) return undefined;
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b) || (b - a) / 86_400_000 >= MAX_DAY_TERMS) return undefined;
  const out: string[] = [];
  for (let t = a; t <= b; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
