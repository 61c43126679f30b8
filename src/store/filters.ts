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
