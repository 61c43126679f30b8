/**
 * Page text to articles. Two layouts are recognised:
 * - inline (e-paper text): each article's heading lines stand before its body
 *   (`inline.ts`);
 * - trailing (PDF extraction): all heading lines come after all body text and
 *   are matched back to the articles they belong to (`trailing.ts`).
 * See docs/segmentation.md for the rules and the evaluation behind them.
 */
import { buildArticle } from './article.js';
import type { Context, StartDecision } from './draft.js';
import { inlineDrafts } from './inline.js';
import { PageTrigrams } from './similarity.js';
import { trailingDrafts } from './trailing.js';
import { pageLines, pageUnits, wrapWidth } from './units.js';
import type { Unit } from './units.js';
import type { Page } from './types.js';

/** `decisions`: where the start model's inputs go, for fitting its weights (`bench/fitStarts.ts`). */
export function parsePage(page: string, decisions?: StartDecision[]): Page {
  const units = pageUnits(page);
  let trigrams: PageTrigrams | null = null;
  const paragraphs = () => units.flatMap((u) => (u.type === 'body' ? [u.text] : []));
  const ctx: Context = { page, trigrams: () => (trigrams ??= new PageTrigrams(paragraphs())), noise: [], messages: [], decisions };
  const drafts = isTrailing(page, units) ? trailingDrafts(units, ctx) : inlineDrafts(units, ctx);
  const articles = drafts.filter((d) => d.units.length > 0 || d.headings.length > 0).map((d) => buildArticle(d, ctx));
  ctx.noise.sort((a, b) => a.start - b.start);
  return { text: page, articles, noise: ctx.noise, messages: ctx.messages };
}

/**
 * Headings extracted after all body text: the page ends with heading lines
 * and has text before them. Such pages come from PDF extraction, with their
 * lines hard-wrapped: a page without wraps that opens with headings is
 * inline, and heading-like lines at its end are the last article's (an
 * author's line such as ——某某大学教授, a signing body, the names of its
 * reporters). Until session 5 only a single such line was; e-paper pages of
 * the benchmark that ended with two were split as PDF pages (epaper F1
 * 0.922 -> 0.926).
 */
function isTrailing(page: string, units: Unit[]): boolean {
  const content = units.filter((u) => u.type !== 'noise');
  const last = content[content.length - 1];
  if (content.length < 2 || last?.type !== 'heading' || !content.some((u) => u.type === 'body')) return false;
  return !(content[0]!.type === 'heading' && wrapWidth(pageLines(page)) === null);
}
