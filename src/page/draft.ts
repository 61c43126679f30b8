/**
 * What the layout passes hand to article building: drafts of articles (their
 * heading lines and body units) and the context every stage writes noise and
 * messages to.
 */
import { reflowText } from '../text/reflow.js';
import type { PageTrigrams } from './similarity.js';
import type { Line, Unit } from './units.js';
import type { Message, Noise, NoiseRule } from './types.js';

export type BodyUnit = Extract<Unit, { type: 'body' | 'credit' | 'byline' }>;
export type HeadingUnit = Extract<Unit, { type: 'heading' }>;

/** A heading line; `solo` when it stood alone in its block (a main headline is set apart in large type). */
export type Heading = Line & { solo: boolean };

export interface Draft {
  headings: Heading[];
  units: BodyUnit[];
  /** The shape of the last intertitle seen in this article. */
  shape?: string;
  /** How many heading groups in this article the start model took for intertitles. */
  intertitles?: number;
  /** The article is a series of sections, each under a kicker (…——) and a title. */
  series?: boolean;
  /** Page furniture followed the article: whatever heading comes next opens a new one. */
  closed?: boolean;
  /** The article is a roundup of briefs under a banner (资讯速递): each brief's title and 本报电 text are its body. */
  roundup?: boolean;
  /** The article is a package its editor introduced (a note signed ——编者): the sections after the note are its own. */
  package?: boolean;
  /**
   * The article opened with headings over a byline line: maybe a banner over the first section of a composite report,
   * whose later sections repeat that section's heading lines (`lines`); `found` once one did.
   */
  sections?: { lines: number; found: boolean };
  /**
   * The article opened with three or more heading lines over its paper's own dateline: maybe a banner over the
   * first of several reports filed the same day from the same place, each under its title and deck (`lines`).
   */
  dated?: { lines: number; dateline: string };
}

export interface Context {
  page: string;
  /** The trigrams of the page's paragraphs, less those too common on the page to tell articles apart (computed on first use). */
  trigrams: () => PageTrigrams;
  noise: Noise[];
  messages: Message[];
  /** Where the start model's inputs go, for fitting its weights (`bench/fitStarts.ts`); absent when parsing. */
  decisions?: StartDecision[];
}

/** One decision of the start model: the body unit after the heading group, and the features it weighed. */
export interface StartDecision {
  at: number;
  features: number[];
}

export function addNoise(ctx: Context, start: number, end: number, rule: NoiseRule): void {
  const text = reflowText(ctx.page, start, end);
  if (text.length > 0) ctx.noise.push({ start, end, text, rule });
}

export function headingLines(u: HeadingUnit): Heading[] {
  return u.lines.map((l) => ({ ...l, solo: u.lines.length === 1 }));
}

/**
 * The heading lines of a draft from `from` on, read as text after all: they leave the headings and open its body,
 * a unit each (a composite's first section title, a contribution's title and signature).
 */
export function headingsToText(page: string, draft: Draft, from: number, count = draft.headings.length - from): void {
  const lines = draft.headings.splice(from, count);
  draft.units.unshift(...lines.map((h): BodyUnit => ({ type: 'body', lines: [h], start: h.start, end: h.end, text: reflowText(page, h.start, h.end) })));
}

export function asBody(page: string, u: HeadingUnit): BodyUnit {
  return { type: 'body', lines: u.lines, start: u.start, end: u.end, text: reflowText(page, u.start, u.end) };
}
