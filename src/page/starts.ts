/**
 * Does a heading group inside running text open a new article, or is it an
 * intertitle (小标题) of the article it stands in? On a page of plain text the
 * two look alike; this model weighs the evidence: lexical cohesion across the
 * group (Hearst's TextTiling, 1997), how much the lines echo the text after
 * and before them, their shape, how long the article already is, what
 * splitting it from the section after saves, and how many intertitles the
 * parser already found in it.
 *
 * A logistic regression; its weights were fitted by `bench/fitStarts.ts` on
 * the decisions the parser makes on synthetic pages built from the odd days
 * of the development corpus (see BENCHMARKS.md), and the benchmark scores
 * the whole month.
 */
import { cohesion, EchoIndex, splitGain } from './similarity.js';
import type { PageTrigrams } from './similarity.js';

export interface StartContext {
  /** The heading lines of the group, in page order. */
  lines: string[];
  /** The article so far: the texts of its body units. */
  before: readonly string[];
  /** The texts of the body units after the group, up to the next heading group. */
  after: readonly string[];
  /** How that section closes: 1 with a credit or byline line, 2 with a photographer's byline, else 0. */
  close: number;
  /** The paragraph right before the group. */
  previous: string;
  /** The shape of the previous intertitle of this article, if any. */
  previousShape: string | null;
  /** How many heading groups of this article the model took for intertitles so far. */
  intertitles: number;
  /** The shape of the next heading group on the page, if any. */
  nextShape: string | null;
  trigrams: PageTrigrams;
}

/** A coarse shape of a heading group: line count and rounded lengths (intertitles of one article repeat it). */
export function shapeOf(lines: string[]): string {
  return `${lines.length}:${lines.map((l) => Math.round(l.length / 3)).join(',')}`;
}

export function startFeatures(c: StartContext): number[] {
  const after = joinUpTo(c.after, AFTER);
  const index = new EchoIndex(c.lines).begin();
  index.scan(after, FIRST_PARAGRAPH);
  const first = index.echoes();
  index.scan(after, LEAD, FIRST_PARAGRAPH);
  const lead = index.echoes();
  const tail = tailOf(c.before, BEFORE);
  index.begin().scan(tail);
  const back = index.echoes();
  const beforeLength = c.before.reduce((n, t) => n + t.length, 0);
  const afterLength = c.after.reduce((n, t) => n + t.length, 0);
  const lens = c.lines.map((l) => l.length);
  const any = (re: RegExp) => (c.lines.some((l) => re.test(l)) ? 1 : 0);
  return [
    1,
    c.lines.length === 1 ? 1 : 0,
    c.lines.length >= 2 ? 1 : 0,
    ...cohesionFeatures(gapCohesion(c)),
    Math.max(...lead),
    lead.reduce((a, b) => a + b, 0) / lead.length,
    Math.max(...back),
    any(/[（(][^（）()]{2,12}[）)]$/),
    Math.max(...lens) / 20,
    Math.min(...lens) / 20,
    any(/——$/),
    any(/^——/),
    any(/[，、]/),
    Math.log1p(beforeLength) / 8,
    Math.log1p(afterLength) / 8,
    Math.log1p(c.previous.length) / 6,
    c.previousShape === shapeOf(c.lines) ? 1 : 0,
    any(/^“.*”$/),
    any(/\d/),
    any(/\s/),
    Math.max(...lead) - Math.max(...back),
    Math.max(...first),
    LEDE.test(after) ? 1 : 0,
    any(NEWS_VERB),
    any(SIGNATURE),
    c.close === 1 ? 1 : 0,
    c.close === 2 ? 1 : 0,
    // Session 9: what splitting the end of the article so far (as much as `back` reads) from the section after saves,
    // per character (held-out log loss 0.166 -> 0.159; e-paper headline 0.924 -> 0.929 on the odd days, 0.922 ->
    // 0.927 on the even days).
    splitGain([tail], c.after) / Math.max(1, tail.length + afterLength),
    // Session 9: intertitles come in numbers, so an article that has some has more (held-out log loss on the parser's
    // decisions 0.120 -> 0.115; e-paper F1 on the even days 0.966 -> 0.969).
    Math.log1p(c.intertitles),
    // Session 9: the next heading group has its shape, as intertitles of one article share theirs (held-out log loss
    // 0.1148 -> 0.1139, and 0.1383 -> 0.1357 fitted the other way).
    c.nextShape === shapeOf(c.lines) ? 1 : 0,
  ];
}

/**
 * Cohesion across the group: the trigrams of only as many texts before and
 * after it as the windows need (the article so far can be long, and every
 * group of it asks).
 */
function gapCohesion(c: StartContext): number {
  const pieces: Int32Array[] = [];
  for (let k = c.before.length - 1, got = 0; k >= 0 && got < BEFORE; k--) {
    const own = c.trigrams.of(c.before[k]!);
    pieces.push(own);
    got += own.length;
  }
  pieces.reverse();
  const at = pieces.length;
  for (let k = 0, got = 0; k < c.after.length && got < AFTER; k++) {
    const own = c.trigrams.of(c.after[k]!);
    pieces.push(own);
    got += own.length;
  }
  return cohesion(pieces, at, AFTER, BEFORE);
}

/**
 * Cohesion as features: itself, and whether it is about nil. Across an
 * article boundary it nearly always is, inside an article rarely; the step
 * carries most of the evidence, which a linear term alone cannot express.
 * Both fall as cohesion rises, so zero cohesion gives the highest odds.
 */
export function cohesionFeatures(c: number): number[] {
  return [c, c < NIL_COHESION ? 1 : 0];
}
export const COHESION_FEATURES = 2;
const NIL_COHESION = 0.005;

/** How news ledes open: a date, 近日/日前, a dateline-like 记者从…获悉 or 据新华社…; not 据介绍, 据了解, 据悉, which carry on a text. */
export const LEDE = /^(?:[0-9０-９一二三四五六七八九十]{1,4}月[0-9０-９一二三四五六七八九十]{1,3}日|近日|日前|近年来|今年|记者.{0,20}获悉|据(?:新华社|中新社|央视))/;
/** Verbs of news headlines (events), rare in intertitles. */
const NEWS_VERB = /举行|召开|出席|会见|会谈|发布|签署|印发|开幕|闭幕|致信|致电|主持|访问|启动|成立|出台|发表|宣布|通过/;

/** A person's name, maybe with a title in brackets: the speaker of a section (王 蒙（原文化部部长）). */
const SIGNATURE = /^[\u4e00-\u9fff][\u4e00-\u9fff ·]{1,5}(?:[（(][^（）()]{2,16}[）)])?$/;

/** Characters of text after and before the group that the features read. */
const AFTER = 400;
const LEAD = 240;
const FIRST_PARAGRAPH = 200;
const BEFORE = 1500;

/** The last `chars` characters of the texts joined. */
function tailOf(texts: readonly string[], chars: number): string {
  let s = '';
  for (let k = texts.length - 1; k >= 0 && s.length < chars; k--) s = texts[k] + s;
  return s.slice(-chars);
}

/** The texts joined, stopping once `chars` characters are there (the result may be longer). */
function joinUpTo(texts: readonly string[], chars: number): string {
  let s = '';
  for (let k = 0; k < texts.length && s.length < chars; k++) s += texts[k];
  return s;
}

/** Fitted weights, one per feature of `startFeatures`. */
export const START_WEIGHTS = [-4.88, -3.06, -1.82, -3.91, 1.54, -0.84, -0.02, -2.00, 0.00, -0.36, 0.55, -0.04, 2.67, -2.65, 6.64, 0.91, -0.73, -1.79, -0.61, 0.15, 0.05, 1.17, 1.60, 1.21, 2.29, -1.97, 1.16, 4.80, 4.06, -0.92, -1.59];

/** The model's probability that the group opens an article. */
export function startProbability(features: number[], weights: readonly number[] = START_WEIGHTS): number {
  let z = 0;
  for (let k = 0; k < features.length; k++) z += features[k]! * (weights[k] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Weights of the boundary model for pages whose headings were extracted after
 * the text (features: `boundaryRows` in trailing.ts), fitted by
 * `bench/fitStarts.ts` like START_WEIGHTS.
 */
export const BOUNDARY_WEIGHTS = [-5.64, 6.30, 3.14, -0.10, 0.57, 1.55, -1.33, -0.34, -0.15, -0.14, 2.64, -1.16, -1.44, 2.68, 1.18, 1.56, 0.82, 0.45, 1.39, 2.06, 0.87, -0.12, -0.26, 0.73, 1.16, 0.10, 3.19, 0.71, 4.49];

/**
 * Weights of the model telling whether two consecutive heading blocks of a
 * trailing-layout page belong to one article (features: `blockPairFeatures`
 * in trailing.ts), fitted by `bench/fitStarts.ts` like START_WEIGHTS.
 */
export const PAIR_WEIGHTS = [-1.36, 5.46, 6.91, -2.44, 0.78, -2.83, 2.39, -1.39, 0.11, 0.28, 0.77, 1.29, 3.81, -0.01, 0.29, 3.80, 0.72, 2.84];
