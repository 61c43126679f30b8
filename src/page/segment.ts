/**
 * Page text to articles. Two layouts are recognised:
 * - inline (e-paper text): each article's heading lines stand before its body;
 * - trailing (PDF extraction): all heading lines come after all body text and
 *   are matched back to the articles they belong to.
 * See docs/segmentation.md for the rules and the evaluation behind them.
 */
import { reflow, reflowText } from '../text/reflow.js';
import { DATELINE_BYLINE, matchDateline, wireOf } from './cues.js';
import { cohesion, commonTrigrams, distinctBigrams, echoesOf } from './similarity.js';
import { BOUNDARY_WEIGHTS, shapeOf, startFeatures, startProbability } from './starts.js';
import { chooseHeadline } from './headline.js';
import type { Common } from './similarity.js';
import { pageUnits } from './units.js';
import type { Line, Unit } from './units.js';
import type { Article, ArticleKind, Credit, Message, Noise, NoiseRule, Page, Part, Span } from './types.js';

export type BodyUnit = Extract<Unit, { type: 'body' | 'credit' | 'byline' }>;

/** A heading line; `solo` when it stood alone in its block (a main headline is set apart in large type). */
export type Heading = Line & { solo: boolean };

interface Draft {
  headings: Heading[];
  units: BodyUnit[];
  /** The shape of the last intertitle seen in this article. */
  shape?: string;
  /** Page furniture followed the article: whatever heading comes next opens a new one. */
  closed?: boolean;
}

interface Context {
  page: string;
  /** Trigrams too common on this page to tell articles apart (computed on first use). */
  common: () => Common;
  noise: Noise[];
  messages: Message[];
}

export function parsePage(page: string): Page {
  const units = pageUnits(page);
  let common: Common | null = null;
  const paragraphs = () => units.flatMap((u) => (u.type === 'body' ? [u.text] : []));
  const ctx: Context = { page, common: () => (common ??= commonTrigrams(paragraphs())), noise: [], messages: [] };
  const drafts = isTrailing(units) ? trailingDrafts(units, ctx) : inlineDrafts(units, ctx);
  const articles = drafts.filter((d) => d.units.length > 0 || d.headings.length > 0).map((d) => buildArticle(d, ctx));
  ctx.noise.sort((a, b) => a.start - b.start);
  return { text: page, articles, noise: ctx.noise, messages: ctx.messages };
}

/** Headings extracted after all body text: the page ends with heading lines and has text before them. */
function isTrailing(units: Unit[]): boolean {
  const content = units.filter((u) => u.type !== 'noise');
  return content.length > 1 && content[content.length - 1]!.type === 'heading' && content.some((u) => u.type === 'body');
}

function addNoise(ctx: Context, start: number, end: number, rule: NoiseRule): void {
  const text = reflowText(ctx.page, start, end);
  if (text.length > 0) ctx.noise.push({ start, end, text, rule });
}

function headingLines(u: Extract<Unit, { type: 'heading' }>): Heading[] {
  return u.lines.map((l) => ({ ...l, solo: u.lines.length === 1 }));
}

function asBody(ctx: Context, u: Extract<Unit, { type: 'heading' }>): BodyUnit {
  return { type: 'body', lines: u.lines, start: u.start, end: u.end, text: reflowText(ctx.page, u.start, u.end) };
}

// ---------------------------------------------------------------- inline layout

function inlineDrafts(units: Unit[], ctx: Context): Draft[] {
  const drafts: Draft[] = [];
  let cur: Draft | null = null;
  let i = 0;
  while (i < units.length) {
    const u = units[i]!;
    if (u.type === 'noise') {
      addNoise(ctx, u.start, u.end, u.rule);
      // Page furniture (版式设计：…, 制图：…) closes the article it follows.
      if (u.rule === 'page-furniture' && cur) cur.closed = true;
      i++;
      continue;
    }
    if (u.type !== 'heading') {
      if (!cur) drafts.push((cur = { headings: [], units: [] }));
      cur.units.push(u);
      i++;
      continue;
    }
    // A heading group: heading units with only noise between them.
    const group: Extract<Unit, { type: 'heading' }>[] = [];
    let j = i;
    let sawQr = false;
    while (j < units.length && (units[j]!.type === 'heading' || units[j]!.type === 'noise')) {
      const g = units[j]!;
      if (g.type === 'heading') group.push(g);
      else if (g.type === 'noise') sawQr ||= g.rule === 'qr-caption';
      j++;
    }
    const next = units[j];
    if (!next) {
      for (const g of group) for (const l of g.lines) addNoise(ctx, l.start, l.end, 'orphan-heading');
      for (let k = i; k < j; k++) {
        const n = units[k]!;
        if (n.type === 'noise') addNoise(ctx, n.start, n.end, n.rule);
      }
      if (group.length) ctx.messages.push({ start: group[0]!.start, end: group[group.length - 1]!.end, rule: 'orphan-heading', reason: 'heading lines with no article after them' });
      break;
    }
    const prev = cur?.units[cur.units.length - 1];
    if (!cur || startsArticle(group, sawQr, prev, units, j, cur, ctx)) {
      drafts.push((cur = { headings: group.flatMap(headingLines), units: [] }));
    } else if (units[j - 1]!.type === 'heading' && isFragment(group, units[j])) {
      // The first part of a column-broken paragraph: it continues in the next unit.
      const nextBody = units[j] as BodyUnit;
      cur.units.push({ type: 'body', lines: [...group[0]!.lines], start: group[0]!.start, end: nextBody.end, text: reflowText(ctx.page, group[0]!.start, nextBody.end) });
      j++;
    } else {
      for (const g of group) cur.units.push(asBody(ctx, g));
    }
    for (let k = i; k < j; k++) {
      const n = units[k]!;
      if (n.type === 'noise') addNoise(ctx, n.start, n.end, n.rule);
    }
    i = j;
  }
  return drafts;
}

/**
 * Whether a heading group inside a run of articles opens a new article or is
 * an intertitle (小标题), a caption or a column-broken fragment. Layout cues
 * decide first: a QR caption, a credit or byline closing the article before,
 * a dateline opening the text after. Otherwise the model in `starts.ts`
 * weighs cohesion, echo and shape.
 */
function startsArticle(group: Extract<Unit, { type: 'heading' }>[], sawQr: boolean, prev: BodyUnit | undefined, units: Unit[], next: number, cur: Draft, ctx: Context): boolean {
  const lines = group.flatMap((g) => g.lines.map((l) => l.text));
  // Layout cues: a QR caption under the headings, furniture or a credit or
  // byline closing the text before, a wider gap than between paragraphs.
  if (sawQr || cur.closed || !prev || prev.type !== 'body' || group[0]!.gap >= 2) return true;
  const first = units[next]!;
  if (first.type === 'body' && matchDateline(first.text)) return true;
  if (lines.length === 1 && NOT_HEADLINE.test(lines[0]!)) return false;
  if (lines.length === 1 && PHOTO_HEADLINE.test(lines[0]!)) return true;
  const features = startFeatures({
    lines,
    before: cur.units.map((u) => (u.type === 'body' ? u.text : '')).join(''),
    after: sectionAfter(units, next),
    previous: prev.text,
    previousShape: cur.shape ?? null,
    common: ctx.common(),
  });
  const starts = startProbability(features) >= START_THRESHOLD;
  if (!starts) cur.shape = shapeOf(lines);
  return starts;
}

/** Probability above which a heading group opens an article. */
const START_THRESHOLD = 0.35;

/** The body text after a heading group, up to the next heading group. */
export function sectionAfter(units: Unit[], from: number): string {
  let s = '';
  for (let k = from; k < units.length; k++) {
    const u = units[k]!;
    if (u.type === 'heading') break;
    if (u.type === 'body') s += u.text;
  }
  return s;
}

/** A lone short line with clause punctuation, right before text: a paragraph cut by a column break. */
function isFragment(group: Extract<Unit, { type: 'heading' }>[], next: Unit | undefined): boolean {
  if (group.length !== 1 || group[0]!.lines.length !== 1 || next?.type !== 'body') return false;
  const line = group[0]!.lines[0]!.text;
  return /[，、：；]/.test(line) && !/(?:——|—|[”’」』）)…])$/.test(line);
}

/** Lines that are never a headline: intertitle numbering, lead-ins ending in a dash, captions, signatures. */
const NOT_HEADLINE = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+[.、．]|——|之[一二三四五六七八九十]|[◆●■▲]|图[①-⑳0-9])|——$|—$|[^（(]{1,4}[（(][^（）()]{2,10}[）)]$/;
/** Headlines of picture features, which echo nothing. */
const PHOTO_HEADLINE = /^图片报道$/;

// -------------------------------------------------------------- trailing layout

/** How far into a candidate article the lead window reaches, in characters. */
const LEAD = 240;

/**
 * A trailing-layout page in two zones: the body units (headings inside the
 * text are intertitles, so body) and the heading blocks after all text.
 */
export function trailingZones(page: string, units: Unit[]): { body: BodyUnit[]; blocks: Heading[][]; noise: Extract<Unit, { type: 'noise' }>[] } {
  let cut = units.length;
  while (cut > 0 && (units[cut - 1]!.type === 'heading' || units[cut - 1]!.type === 'noise')) cut--;
  const body: BodyUnit[] = [];
  const blocks: Heading[][] = [];
  const noise: Extract<Unit, { type: 'noise' }>[] = [];
  units.forEach((u, i) => {
    if (u.type === 'noise') noise.push(u);
    else if (i >= cut) {
      if (u.type === 'heading') blocks.push(headingLines(u));
    } else body.push(u.type === 'heading' ? { type: 'body', lines: u.lines, start: u.start, end: u.end, text: reflowText(page, u.start, u.end) } : u);
  });
  return { body, blocks, noise };
}

function trailingDrafts(units: Unit[], ctx: Context): Draft[] {
  const { body, blocks, noise } = trailingZones(ctx.page, units);
  for (const u of noise) addNoise(ctx, u.start, u.end, u.rule);
  const cands = candidates(body, blocks.map((b) => b.map((l) => l.text)), ctx);
  const assign = assignHeadings(cands, blocks.map((b) => b.length));
  const drafts: Draft[] = [];
  for (let a = 0; a < assign.length; a++) {
    const { unit, from, to } = assign[a]!;
    const endUnit = a + 1 < assign.length ? assign[a + 1]!.unit : body.length;
    drafts.push({ headings: blocks.slice(from, to).flat(), units: body.slice(unit, endUnit) });
  }
  return drafts;
}

/** The body text from unit `k` on (`dir` 1) or before it (`dir` -1), up to `chars` characters. */
function window(body: BodyUnit[], k: number, chars: number, dir: 1 | -1): string {
  let s = '';
  for (let i = dir === 1 ? k : k - 1; i >= 0 && i < body.length && s.length < chars; i += dir) {
    const u = body[i]!;
    if (u.type === 'body') s = dir === 1 ? s + u.text : u.text + s;
  }
  return dir === 1 ? s.slice(0, chars) : s.slice(-chars);
}

interface Candidate {
  unit: number;
  /** Evidence that an article starts here, whatever its headings (log-odds). */
  bonus: number;
  /** Per heading block: the summed echo of its lines in this candidate's lead. */
  score: number[];
}

/**
 * Weights of the DP: echo of heading lines in a lead, a reward per article,
 * the cost of an article without headings, and of each heading line past
 * the usual kicker, headline and deck.
 */
const W = { echo: 1, article: 1, headless: 1, lines: 3, extraLine: 1 };
const LEAD_WINDOW = 120;

/** Per body unit of a trailing-layout page: boundary features and heading echo. */
export interface BoundaryRow {
  unit: number;
  features: number[];
  /** Echo of every heading line (blocks flattened) in the lead from this unit. */
  echo: number[];
}

/**
 * The evidence for an article start at each body unit: a dateline, a credit
 * or byline closing the text before, low lexical cohesion across the gap
 * (TextTiling), and heading lines echoing the lead more here than next door.
 * Weighed by the logistic model in `starts.ts` (BOUNDARY_WEIGHTS).
 */
export function boundaryRows(body: BodyUnit[], lines: string[], common: Common, needCohesion: (features: number[]) => boolean = () => true): BoundaryRow[] {
  const units: number[] = [];
  const echo: number[][] = [];
  const prepared = lines.map(distinctBigrams);
  for (let k = 0; k < body.length; k++) {
    if (body[k]!.type !== 'body') continue;
    units.push(k);
    echo.push(echoesOf(prepared, window(body, k, LEAD_WINDOW, 1)));
  }
  const best = echo.map((e) => Math.max(0, ...e));
  return units.map((k, i) => {
    const u = body[k] as Extract<BodyUnit, { type: 'body' }>;
    const prev = body[k - 1];
    const features = [
      1,
      matchDateline(u.text) !== null ? 1 : 0,
      prev !== undefined && prev.type !== 'body' ? 1 : 0,
      0, // cohesion across the gap, below
      best[i]!,
      best[i]! - Math.max(best[i - 1] ?? 0, best[i + 1] ?? 0),
      prev?.type === 'body' && prev.text.length < 30 ? 1 : 0,
      Math.log1p(u.text.length) / 6,
      /^[“「‘]/.test(u.text) ? 1 : 0,
    ];
    // Cohesion costs the most; it is skipped where the other evidence already rules a start out.
    if (k > 0 && needCohesion(features)) features[3] = cohesion(window(body, k, GAP_AFTER, 1), window(body, k, GAP_BEFORE, -1), common);
    return { unit: k, echo: echo[i]!, features };
  });
}

/** Below this probability a unit is no candidate for an article start. */
const MIN_START = 0.05;
/** Characters on either side of a gap between body units that cohesion compares. */
const GAP_AFTER = 200;
const GAP_BEFORE = 300;

function candidates(body: BodyUnit[], blocks: string[][], ctx: Context): Candidate[] {
  const offsets: number[] = [];
  blocks.reduce((at, b) => (offsets.push(at), at + b.length), 0);
  const out: Candidate[] = [];
  // Cohesion only lowers the odds (its weight is negative): without it, p is an upper bound.
  const plausible = (f: number[]) => startProbability(f, BOUNDARY_WEIGHTS) >= MIN_START;
  for (const row of boundaryRows(body, blocks.flat(), ctx.common(), plausible)) {
    const p = startProbability(row.features, BOUNDARY_WEIGHTS);
    if (row.unit !== 0 && p < MIN_START) continue;
    const logit = Math.log(p / (1 - p));
    const score = blocks.map((b, i) => W.echo * b.reduce((sum, _, j) => sum + row.echo[offsets[i]! + j]!, 0));
    out.push({ unit: row.unit, bonus: row.unit === 0 ? 10 : Math.max(-4, Math.min(4, logit)), score });
  }
  if (out.length === 0) out.push({ unit: 0, bonus: 0, score: blocks.map(() => 0) });
  return out;
}

/**
 * Chooses article starts among the candidates and gives each article a
 * contiguous run of heading blocks, in page order (possibly none, at a cost),
 * maximising evidence plus echo: dynamic programming over candidates × blocks.
 */
function assignHeadings(cands: Candidate[], sizes: number[]): { unit: number; from: number; to: number }[] {
  const H = sizes.length;
  const C = cands.length;
  const best: number[][] = Array.from({ length: C + 1 }, () => new Array<number>(H + 1).fill(-Infinity));
  const back: [number, number][][] = Array.from({ length: C + 1 }, () => new Array<[number, number]>(H + 1).fill([-1, -1]));
  best[0]![0] = 0;
  for (let c = 0; c < C; c++) {
    const cand = cands[c]!;
    for (let h = 0; h <= H; h++) {
      const here = best[c]![h]!;
      if (here === -Infinity) continue;
      let gain = here + cand.bonus + W.article - W.headless;
      let lines = 0;
      for (let h2 = h; h2 <= H; h2++) {
        if (h2 > h) {
          lines += sizes[h2 - 1]!;
          gain += cand.score[h2 - 1]! + (h2 === h + 1 ? W.headless : 0) - (lines > W.lines ? W.extraLine : 0);
        }
        for (let c2 = c + 1; c2 <= C; c2++) {
          if (c2 === C && h2 !== H) continue;
          if (gain > best[c2]![h2]!) {
            best[c2]![h2] = gain;
            back[c2]![h2] = [c, h];
          }
        }
      }
    }
  }
  const out: { unit: number; from: number; to: number }[] = [];
  let c = C;
  let h = H;
  while (c > 0) {
    const [pc, ph] = back[c]![h]!;
    if (pc < 0) break;
    out.push({ unit: cands[pc]!.unit, from: ph, to: h });
    c = pc;
    h = ph;
  }
  out.reverse();
  if (out.length === 0) out.push({ unit: 0, from: 0, to: H });
  out[0]!.unit = 0;
  return out;
}

// ------------------------------------------------------------------ articles

function part(page: string, start: number, end: number): Part {
  return { text: reflowText(page, start, end), start, end };
}

function buildArticle(d: Draft, ctx: Context): Article {
  const { page } = ctx;
  const paragraphs: Part[] = [];
  let dateline: Part | null = null;
  let byline: Part | null = null;
  let credit: Credit | null = null;
  for (const u of d.units) {
    if (u.type === 'body') {
      let start = u.start;
      if (paragraphs.length === 0 && dateline === null) {
        const found = splitDateline(page, u.start, u.end, ctx);
        if (found) {
          dateline = found.dateline;
          if (byline === null) byline = found.byline;
          else if (found.byline) addNoise(ctx, found.byline.start, found.byline.end, 'credit-marker');
          start = found.bodyStart;
        }
      }
      if (start < u.end) paragraphs.push(start === u.start ? { text: u.text, start, end: u.end } : part(page, start, u.end));
    } else if (u.type === 'credit') {
      // Owned pieces of the line, in page order; the rest of it is marker noise.
      const owned: Span[] = [];
      if (u.dateline && dateline === null) {
        dateline = part(page, u.dateline.start, u.dateline.end);
        owned.push(u.dateline);
      }
      if (u.name && credit === null && !(u.dateline && dateline?.start === u.dateline.start && u.name.start < u.dateline.end)) {
        credit = { ...part(page, u.name.start, u.name.end), source: 'line' };
        owned.push(u.name);
      } else if (u.name && u.dateline && dateline?.start === u.dateline.start && credit === null) {
        const wire = wireOf(dateline.text);
        if (wire) credit = { text: page.slice(u.name.start, u.name.end), start: u.name.start, end: u.name.end, source: 'dateline' };
      }
      if (u.byline && byline === null) {
        byline = part(page, u.byline.start, u.byline.end);
        owned.push(u.byline);
      }
      let at = u.start;
      for (const o of owned.sort((x, y) => x.start - y.start)) {
        addNoise(ctx, at, o.start, 'credit-marker');
        at = o.end;
      }
      addNoise(ctx, at, u.end, 'credit-marker');
    } else {
      if (byline === null) byline = part(page, u.byline.start, u.byline.end);
      else addNoise(ctx, u.byline.start, u.byline.end, 'credit-marker');
      addNoise(ctx, u.start, u.byline.start, 'credit-marker');
      addNoise(ctx, u.byline.end, u.end, 'credit-marker');
    }
  }
  if (credit === null && dateline) {
    const wire = wireOf(dateline.text);
    if (wire) {
      const start = dateline.start + wire.at;
      credit = { text: page.slice(start, start + wire.length), start, end: start + wire.length, source: 'dateline' };
    }
  }
  const { headline, decks } = splitHeadings(d.headings, paragraphs, page);
  const spans: Span[] = [...paragraphs, ...[dateline, byline].filter((p): p is Part => p !== null)];
  for (const u of d.units) spans.push(u);
  const start = spans.length ? Math.min(...spans.map((s) => s.start)) : (headline?.start ?? 0);
  const end = spans.length ? Math.max(...spans.map((s) => s.end)) : (headline?.end ?? 0);
  return { kind: kindOf(headline, byline, paragraphs), headline, decks, dateline, byline, credit, paragraphs, start, end };
}

function splitDateline(page: string, start: number, end: number, ctx: Context): { dateline: Part; byline: Part | null; bodyStart: number } | null {
  const { text, map } = reflow(page, start, end);
  const d = matchDateline(text);
  if (!d) return null;
  const dateline = { text: d, start: map[0]!, end: map[d.length - 1]! + 1 };
  let at = d.length;
  let byline: Part | null = null;
  const m = DATELINE_BYLINE.exec(text.slice(at));
  if (m) {
    const inner = at + m[0].indexOf(m[1]!);
    byline = part(page, map[inner]!, map[inner + m[1]!.length - 1]! + 1);
    addNoise(ctx, dateline.end, byline.start, 'bracket');
    at += m[0].length;
    addNoise(ctx, byline.end, map[at - 1]! + 1, 'bracket');
  }
  while (at < text.length && /[\s：:]/.test(text[at]!)) {
    if (text[at] !== ' ') addNoise(ctx, map[at]!, map[at]! + 1, 'bracket');
    at++;
  }
  return { dateline, byline, bodyStart: at < map.length ? map[at]! : end };
}

/** The main headline is chosen by the model in `headline.ts`; the other heading lines are decks. */
function splitHeadings(lines: Heading[], paragraphs: Part[], page: string): { headline: Part | null; decks: Part[] } {
  if (lines.length === 0) return { headline: null, decks: [] };
  const trailing = paragraphs.length > 0 && lines[0]!.start > paragraphs[0]!.start;
  const best = chooseHeadline(lines, leadOf(paragraphs), trailing);
  const parts = lines.map((l) => part(page, l.start, l.end));
  return { headline: parts[best]!, decks: parts.filter((_, i) => i !== best) };
}

/** The lead: the first paragraph, or the first few when it is short. */
export function leadOf(paragraphs: Part[]): string {
  let s = '';
  for (const p of paragraphs) {
    s += p.text;
    if (s.length >= 80) break;
  }
  return s.slice(0, LEAD);
}

function kindOf(headline: Part | null, byline: Part | null, paragraphs: Part[]): ArticleKind {
  const chars = paragraphs.reduce((n, p) => n + p.text.length, 0);
  if (byline && /摄(?:影报道)?$/.test(byline.text) && paragraphs.length <= 2 && chars < 400) return 'photo';
  if (!headline && chars < 200) return 'brief';
  return 'news';
}
