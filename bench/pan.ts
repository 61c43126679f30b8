/**
 * PAN text-alignment scoring (Potthast, Stein, Barrón-Cedeño & Rosso, "An
 * Evaluation Framework for Plagiarism Detection", COLING 2010).
 *
 * A case `s` (ground truth) and a detection `r` are pairs of half-open
 * character spans in two documents. As sets of characters, each is the union
 * of its two spans (characters of different documents are different
 * elements). `r` detects `s` when both name the same two documents and `r`
 * overlaps `s` on both sides. Then, with `s ⊓ r = s ∩ r` if `r` detects `s`
 * and `∅` otherwise:
 *
 *   prec = 1/|R| Σ_r |⋃_s (s ⊓ r)| / |r|        (macro-averaged, as in PAN)
 *   rec  = 1/|S| Σ_s |⋃_r (s ⊓ r)| / |s|
 *   gran = 1/|S_R| Σ_{s ∈ S_R} |R_s|            (S_R: cases detected at all)
 *   plagdet = F1 / log2(1 + gran)
 *
 * Pair level: a case is found when some detection detects it; a detection is
 * right when it detects some case. Boundary error: for each found case, the
 * hull of its detections on each side against the case's span, four absolute
 * differences per case (start and end on both sides), pooled for the median.
 */

export interface Span {
  id: string;
  start: number;
  end: number;
}

export interface Pair {
  a: Span;
  b: Span;
}

export interface PanScore {
  cases: number;
  detections: number;
  precision: number;
  recall: number;
  granularity: number;
  plagdet: number;
  /** Micro-averaged character precision and recall (all characters pooled). */
  microPrecision: number;
  microRecall: number;
  pairRecall: number;
  pairPrecision: number;
  /** Median of the pooled boundary errors (characters), null with no case found. */
  medianBoundaryError: number | null;
  p90BoundaryError: number | null;
}

export interface ScoreOptions {
  /**
   * Score only the cases this accepts. Detections that detect only rejected
   * cases are then left out too (they are neither right nor wrong here);
   * detections that detect nothing stay in and count against precision.
   */
  include?: (caseIndex: number) => boolean;
}

type Interval = [number, number];

/** Total length of the union of half-open intervals. */
export function unionLength(intervals: Interval[]): number {
  if (intervals.length === 0) return 0;
  const sorted = intervals.slice().sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let total = 0;
  let [curS, curE] = sorted[0]!;
  for (let i = 1; i < sorted.length; i++) {
    const [s, e] = sorted[i]!;
    if (s > curE) {
      total += curE - curS;
      curS = s;
      curE = e;
    } else if (e > curE) curE = e;
  }
  return total + (curE - curS);
}

function clip(x: Span, y: Span): Interval | null {
  const s = Math.max(x.start, y.start);
  const e = Math.min(x.end, y.end);
  return e > s ? [s, e] : null;
}

/** `r` oriented like `s` when it detects `s`, else null. */
function detects(s: Pair, r: Pair): Pair | null {
  let o: Pair;
  if (r.a.id === s.a.id && r.b.id === s.b.id) o = r;
  else if (r.a.id === s.b.id && r.b.id === s.a.id) o = { a: r.b, b: r.a };
  else return null;
  return clip(s.a, o.a) && clip(s.b, o.b) ? o : null;
}

const len = (x: Span): number => Math.max(0, x.end - x.start);
const pairKey = (x: string, y: string): string => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

function median(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.floor(q * sorted.length));
  if (q === 0.5 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return sorted[i]!;
}

export function score(cases: readonly Pair[], detections: readonly Pair[], options: ScoreOptions = {}): PanScore {
  const include = options.include ?? (() => true);

  // Group cases by unordered document pair.
  const byPair = new Map<string, number[]>();
  cases.forEach((s, i) => {
    const k = pairKey(s.a.id, s.b.id);
    const list = byPair.get(k);
    if (list) list.push(i);
    else byPair.set(k, [i]);
  });

  // For each case: the oriented detections that detect it.
  const hits: Pair[][] = cases.map(() => []);
  let precSum = 0;
  let rCount = 0;
  let rRight = 0;
  let microPrecNum = 0;
  let microPrecDen = 0;
  for (const r of detections) {
    const candidates = byPair.get(pairKey(r.a.id, r.b.id)) ?? [];
    const parts: { a: Interval[]; b: Interval[] } = { a: [], b: [] };
    let detectsIncluded = false;
    let detectsExcluded = false;
    for (const i of candidates) {
      const s = cases[i]!;
      const o = detects(s, r);
      if (!o) continue;
      if (!include(i)) {
        detectsExcluded = true;
        continue;
      }
      detectsIncluded = true;
      hits[i]!.push(o);
      const aIsCaseA = o === r;
      // Intersections expressed on r's own sides.
      const ia = clip(s.a, o.a)!;
      const ib = clip(s.b, o.b)!;
      if (aIsCaseA) {
        parts.a.push(ia);
        parts.b.push(ib);
      } else {
        parts.a.push(ib);
        parts.b.push(ia);
      }
    }
    if (detectsExcluded && !detectsIncluded) continue;
    rCount++;
    const size = len(r.a) + len(r.b);
    const covered = unionLength(parts.a) + unionLength(parts.b);
    if (size > 0) precSum += covered / size;
    microPrecNum += covered;
    microPrecDen += size;
    if (detectsIncluded) rRight++;
  }

  let sCount = 0;
  let recSum = 0;
  let microRecNum = 0;
  let microRecDen = 0;
  let found = 0;
  let granSum = 0;
  const boundary: number[] = [];
  cases.forEach((s, i) => {
    if (!include(i)) return;
    sCount++;
    const rs = hits[i]!;
    const size = len(s.a) + len(s.b);
    microRecDen += size;
    if (rs.length === 0) return;
    const covered =
      unionLength(rs.map((o) => clip(s.a, o.a)!)) + unionLength(rs.map((o) => clip(s.b, o.b)!));
    if (size > 0) recSum += covered / size;
    microRecNum += covered;
    found++;
    granSum += rs.length;
    const aStart = Math.min(...rs.map((o) => o.a.start));
    const aEnd = Math.max(...rs.map((o) => o.a.end));
    const bStart = Math.min(...rs.map((o) => o.b.start));
    const bEnd = Math.max(...rs.map((o) => o.b.end));
    boundary.push(
      Math.abs(aStart - s.a.start),
      Math.abs(aEnd - s.a.end),
      Math.abs(bStart - s.b.start),
      Math.abs(bEnd - s.b.end),
    );
  });

  const precision = rCount === 0 ? 1 : precSum / rCount;
  const recall = sCount === 0 ? 1 : recSum / sCount;
  const granularity = found === 0 ? 1 : granSum / found;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  boundary.sort((x, y) => x - y);
  return {
    cases: sCount,
    detections: rCount,
    precision,
    recall,
    granularity,
    plagdet: f1 / Math.log2(1 + granularity),
    microPrecision: microPrecDen === 0 ? 1 : microPrecNum / microPrecDen,
    microRecall: microRecDen === 0 ? 1 : microRecNum / microRecDen,
    pairRecall: sCount === 0 ? 1 : found / sCount,
    pairPrecision: rCount === 0 ? 1 : rRight / rCount,
    medianBoundaryError: median(boundary, 0.5),
    p90BoundaryError: median(boundary, 0.9),
  };
}
