/**
 * Page text to articles. Two layouts are recognised:
 * - inline (e-paper text): each article's heading lines stand before its body;
 * - trailing (PDF extraction): all heading lines come after all body text and
 *   are matched back to the articles they belong to.
 * See docs/segmentation.md for the rules and the evaluation behind them.
 */
import { reflow } from '../text/reflow.js';
import { DATELINE_BYLINE, matchDateline, wireOf } from './cues.js';
import { bigrams, containment } from './similarity.js';
import { pageUnits } from './units.js';
import type { Line, Unit } from './units.js';
import type { Article, ArticleKind, Credit, Message, Noise, NoiseRule, Page, Part, Span } from './types.js';

type BodyUnit = Extract<Unit, { type: 'body' | 'credit' | 'byline' }>;

/** A heading line; `solo` when it stood alone in its block (a main headline is set apart in large type). */
type Heading = Line & { solo: boolean };

interface Draft {
  headings: Heading[];
  units: BodyUnit[];
}

interface Context {
  page: string;
  noise: Noise[];
  messages: Message[];
}

export function parsePage(page: string): Page {
  const ctx: Context = { page, noise: [], messages: [] };
  const units = pageUnits(page);
  const drafts = isTrailing(units) ? trailingDrafts(units, ctx) : inlineDrafts(units, ctx);
  const articles = drafts.filter((d) => d.units.length > 0 || d.headings.length > 0).map((d) => buildArticle(d, ctx));
  ctx.noise.sort((a, b) => a.start - b.start);
  return { text: page, articles, noise: ctx.noise, messages: ctx.messages };
}

function isTrailing(units: Unit[]): boolean {
  const content = units.filter((u) => u.type !== 'noise');
  return content.length > 1 && content[0]!.type !== 'heading' && content[content.length - 1]!.type === 'heading';
}

function addNoise(ctx: Context, start: number, end: number, rule: NoiseRule): void {
  const { text } = reflow(ctx.page, start, end);
  if (text.length > 0) ctx.noise.push({ start, end, text, rule });
}

function headingLines(u: Extract<Unit, { type: 'heading' }>): Heading[] {
  return u.lines.map((l) => ({ ...l, solo: u.lines.length === 1 }));
}

function asBody(ctx: Context, u: Extract<Unit, { type: 'heading' }>): BodyUnit {
  return { type: 'body', lines: u.lines, start: u.start, end: u.end, text: reflow(ctx.page, u.start, u.end).text };
}

// ---------------------------------------------------------------- inline layout

const INTERTITLE = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+[.、．]|——|之[一二三四五六七八九十])/;

function inlineDrafts(units: Unit[], ctx: Context): Draft[] {
  const drafts: Draft[] = [];
  let cur: Draft | null = null;
  let i = 0;
  while (i < units.length) {
    const u = units[i]!;
    if (u.type === 'noise') {
      addNoise(ctx, u.start, u.end, u.rule);
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
    if (!cur || startsArticle(group, sawQr, prev, next)) {
      drafts.push((cur = { headings: group.flatMap(headingLines), units: [] }));
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

/** Whether a heading group inside a run of articles opens a new article or is an intertitle (小标题). */
function startsArticle(group: Extract<Unit, { type: 'heading' }>[], sawQr: boolean, prev: BodyUnit | undefined, next: Unit): boolean {
  const lines = group.flatMap((g) => g.lines);
  if (sawQr || lines.length >= 2) return true;
  if (!prev || prev.type !== 'body') return true;
  if (next.type === 'body' && matchDateline(next.text)) return true;
  return !INTERTITLE.test(lines[0]!.text);
}

// -------------------------------------------------------------- trailing layout

/** How far into a candidate article the lead window reaches, in characters. */
const LEAD = 240;

function trailingDrafts(units: Unit[], ctx: Context): Draft[] {
  let cut = units.length;
  while (cut > 0 && (units[cut - 1]!.type === 'heading' || units[cut - 1]!.type === 'noise')) cut--;
  const body: BodyUnit[] = [];
  for (const u of units.slice(0, cut)) {
    if (u.type === 'noise') addNoise(ctx, u.start, u.end, u.rule);
    else body.push(u.type === 'heading' ? asBody(ctx, u) : u);
  }
  const blocks: Heading[][] = [];
  for (const u of units.slice(cut)) {
    if (u.type === 'noise') addNoise(ctx, u.start, u.end, u.rule);
    else if (u.type === 'heading') blocks.push(headingLines(u));
  }
  const leads = body.map((_, k) => leadText(body, k));
  const lineTexts = blocks.map((b) => b.map((l) => l.text));
  const cands = candidates(body, leads, lineTexts);
  const assign = assignHeadings(cands, lineTexts);
  const drafts: Draft[] = [];
  for (let a = 0; a < assign.length; a++) {
    const { unit, from, to } = assign[a]!;
    const endUnit = a + 1 < assign.length ? assign[a + 1]!.unit : body.length;
    drafts.push({ headings: blocks.slice(from, to).flat(), units: body.slice(unit, endUnit) });
  }
  return drafts;
}

function leadText(body: BodyUnit[], k: number): string {
  let s = '';
  for (let i = k; i < body.length && s.length < LEAD; i++) {
    const u = body[i]!;
    if (u.type === 'body') s += u.text;
  }
  return s.slice(0, LEAD);
}

interface Candidate {
  unit: number;
  bonus: number;
  /** Per heading block: the summed similarity of its lines to this candidate's lead. */
  score: number[];
}

/** Body units where an article may start, with the cues that say so. */
function candidates(body: BodyUnit[], leads: string[], blocks: string[][]): Candidate[] {
  const out: Candidate[] = [];
  for (let k = 0; k < body.length; k++) {
    const u = body[k]!;
    if (u.type !== 'body') continue;
    const prev = body[k - 1];
    const dated = matchDateline(u.text) !== null;
    const afterMeta = prev !== undefined && prev.type !== 'body';
    const set = bigrams(leads[k]!);
    const score = blocks.map((b) => b.reduce((s, line) => s + containment(line, set), 0));
    const best = Math.max(0, ...blocks.map((b) => Math.max(...b.map((line) => containment(line, set)))));
    if (k === 0 || dated || afterMeta || best >= 0.4) {
      out.push({ unit: k, bonus: (dated ? 0.6 : 0) + (afterMeta ? 0.3 : 0) + (k === 0 ? 1 : 0), score });
    }
  }
  if (out.length === 0) out.push({ unit: 0, bonus: 1, score: blocks.map(() => 0) });
  return out;
}

/**
 * Chooses article starts among the candidates and gives each article a
 * contiguous run of heading blocks, in order, maximising how well each block
 * echoes the lead of its article (dynamic programming over candidates × blocks).
 */
function assignHeadings(cands: Candidate[], blocks: string[][]): { unit: number; from: number; to: number }[] {
  const C = cands.length;
  const H = blocks.length;
  // best[c][h]: best score when an article starts at candidate c having consumed h blocks before it.
  const best: number[][] = Array.from({ length: C + 1 }, () => new Array<number>(H + 1).fill(-Infinity));
  const back: [number, number][][] = Array.from({ length: C + 1 }, () => new Array<[number, number]>(H + 1).fill([-1, -1]));
  best[0]![0] = 0;
  for (let c = 0; c < C; c++) {
    for (let h = 0; h < H; h++) {
      const here = best[c]![h]!;
      if (here === -Infinity) continue;
      const cand = cands[c]!;
      let gain = cand.bonus;
      for (let h2 = h + 1; h2 <= H; h2++) {
        gain += cand.score[h2 - 1]!;
        // The next article starts at a later candidate, or this one runs to the end (c2 = C).
        const lastStart = h2 === H ? C : C - 1;
        for (let c2 = c + 1; c2 <= lastStart; c2++) {
          if (c2 === C && h2 !== H) continue;
          const v = here + gain - 0.15;
          if (v > best[c2]![h2]!) {
            best[c2]![h2] = v;
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
  if (out.length === 0) out.push({ unit: cands[0]!.unit, from: 0, to: H });
  out[0]!.unit = 0;
  return out;
}

// ------------------------------------------------------------------ articles

function part(page: string, start: number, end: number): Part {
  return { text: reflow(page, start, end).text, start, end };
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
          byline ??= found.byline;
          start = found.bodyStart;
        }
      }
      if (start < u.end) paragraphs.push(part(page, start, u.end));
    } else if (u.type === 'credit') {
      if (credit === null) credit = { ...part(page, u.name.start, u.name.end), source: 'line' };
      else addNoise(ctx, u.name.start, u.name.end, 'credit-marker');
      addNoise(ctx, u.start, u.name.start, 'credit-marker');
      addNoise(ctx, u.name.end, u.end, 'credit-marker');
    } else {
      if (byline === null) byline = part(page, u.byline.start, u.byline.end);
      else addNoise(ctx, u.byline.start, u.byline.end, 'credit-marker');
      addNoise(ctx, u.start, u.byline.start, 'credit-marker');
      addNoise(ctx, u.byline.end, u.end, 'credit-marker');
    }
  }
  if (credit === null && dateline) {
    const wire = wireOf(dateline.text);
    if (wire) credit = { text: wire.name, start: dateline.start, end: dateline.start + wire.length, source: 'dateline' };
  }
  const { headline, decks } = chooseHeadline(d.headings, paragraphs, page);
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

/** The main headline is the heading line that best echoes the lead; the others are decks. */
function chooseHeadline(lines: Heading[], paragraphs: Part[], page: string): { headline: Part | null; decks: Part[] } {
  if (lines.length === 0) return { headline: null, decks: [] };
  const lead = bigrams(leadOf(paragraphs));
  let best = 0;
  let bestScore = -Infinity;
  lines.forEach((l, i) => {
    const score = containment(l.text, lead) - (/^[—－-]{1,2}/.test(l.text) ? 1 : 0) + (l.solo ? 0.05 : 0) - i * 0.01;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  const parts = lines.map((l) => part(page, l.start, l.end));
  return { headline: parts[best]!, decks: parts.filter((_, i) => i !== best) };
}

/** The lead: the first paragraph, or the first few when it is short. */
function leadOf(paragraphs: Part[]): string {
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
