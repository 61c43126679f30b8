/**
 * Pair recall against an exhaustive reference. The reference compares every
 * cross-outlet pair of documents within the date window, with no index, no
 * winnowing and no frequency cap, in two ways:
 * - strict: the match keys share an exact run of at least `run` characters
 *   (a shared `run`-gram; 50 is the default minimum passage);
 * - loose: they share at least `minShared` distinct `n`-grams anywhere (31
 *   distinct 20-grams are what one run of 50 gives), which also takes in
 *   pairs that only quote the same sentences here and there.
 * It is slow (all pairs) and blunt (it does not align), which is why it is a
 * yardstick for `detect` and not the method.
 */
import { matchKeyText } from '../src/reuse/matchKey.js';
import type { Doc, Passage } from '../src/reuse/types.js';

export interface RecallReport {
  /** `strict` or `loose`, as above. */
  kind: string;
  reference: number;
  found: number;
  recall: number;
  /** Reference pairs `detect` did not link, with their shared n-gram count. */
  missed: { a: Doc; b: Doc; shared: number }[];
  /** Pairs `detect` linked that the reference does not hold. */
  extra: number;
}

function grams(key: string, n: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + n <= key.length; i++) out.add(key.slice(i, i + n));
  return out;
}

export function pairRecall(docs: Doc[], passages: Passage[], days: number, run = 50, n = 20, minShared = 31): RecallReport[] {
  const keys = new Map(docs.map((d) => [d.id, matchKeyText(d.text)]));
  const small = new Map(docs.map((d) => [d.id, grams(keys.get(d.id)!, n)]));
  const long = new Map(docs.map((d) => [d.id, grams(keys.get(d.id)!, run)]));
  const day = (d: Doc) => Date.parse(d.date ?? '') / 86400000;
  const bySeries = new Map<string, Doc[]>();
  for (const d of docs) bySeries.set(d.series, [...(bySeries.get(d.series) ?? []), d]);
  const series = [...bySeries.keys()].sort();
  const strict: { a: Doc; b: Doc; shared: number }[] = [];
  const loose: { a: Doc; b: Doc; shared: number }[] = [];
  const count = (x: Set<string>, y: Set<string>, stop = Infinity) => {
    const [s1, s2] = x.size < y.size ? [x, y] : [y, x];
    let shared = 0;
    for (const g of s1) if (s2.has(g) && ++shared >= stop) break;
    return shared;
  };
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      for (const a of bySeries.get(series[i]!)!) {
        for (const b of bySeries.get(series[j]!)!) {
          if (Math.abs(day(a) - day(b)) > days) continue;
          const shared = count(small.get(a.id)!, small.get(b.id)!);
          if (shared >= minShared) loose.push({ a, b, shared });
          if (shared > 0 && count(long.get(a.id)!, long.get(b.id)!, 1) > 0) strict.push({ a, b, shared });
        }
      }
    }
  }
  const key = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);
  const found = new Set(passages.map((p) => key(p.a.id, p.b.id)));
  return (
    [
      ['strict', strict],
      ['loose', loose],
    ] as const
  ).map(([kind, reference]) => {
    const ref = new Set(reference.map((r) => key(r.a.id, r.b.id)));
    const missed = reference.filter((r) => !found.has(key(r.a.id, r.b.id)));
    const hit = reference.length - missed.length;
    return {
      kind,
      reference: reference.length,
      found: hit,
      recall: reference.length === 0 ? 1 : hit / reference.length,
      missed: missed.sort((x, y) => y.shared - x.shared),
      extra: [...found].filter((k) => !ref.has(k)).length,
    };
  });
}
