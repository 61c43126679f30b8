/**
 * From a draft to an article: dateline, byline and credit split off, the
 * headline chosen among the heading lines, the kind decided.
 */
import { reflow, reflowText } from '../text/reflow.js';
import { DATELINE_BYLINE, matchDateline, wireOf } from './cues.js';
import { addNoise } from './draft.js';
import type { Context, Draft, Heading } from './draft.js';
import { chooseHeadline } from './headline.js';
import type { Article, ArticleKind, Credit, Part, Span } from './types.js';

function part(page: string, start: number, end: number): Part {
  return { text: reflowText(page, start, end), start, end };
}

export function buildArticle(d: Draft, ctx: Context): Article {
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

/** How far into an article its lead reaches, in characters. */
const LEAD = 240;

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
