/**
 * The trailing layout (PDF extraction): all headings come after all body
 * text. Article starts and the heading blocks of each are chosen together by
 * dynamic programming. See docs/segmentation.md.
 */
import { BOX_LABEL, CLOSING_NOTE, COLUMN_TAG, CROSS_REFERENCE, DATED, DRAWN_WRITTEN, matchDateline, OPEN_BRACKET, OPEN_QUOTE, PHOTO_AGENCY, PHOTO_REPORT, ROUNDUP } from './cues.js';
import { addNoise, asBody, headingLines } from './draft.js';
import type { BodyUnit, Context, Draft, Heading } from './draft.js';
import { echoes, EchoIndex, gapCohesions, gapSplitGains, PageCharacters, SegmentCosts } from './similarity.js';
import { DECK_ATTENDANCE, KICKER_OPENING, SHORT_NAME } from './headline.js';
import type { PageTrigrams } from './similarity.js';
import { BOUNDARY_WEIGHTS, cohesionFeatures, COHESION_FEATURES, LEDE, PAIR_WEIGHTS, startProbability } from './starts.js';
import type { Unit } from './units.js';

/**
 * A trailing-layout page in two zones: the body units (headings inside the
 * text are intertitles, so body) and the heading blocks after all text.
 */
export interface Zones {
  body: BodyUnit[];
  /** Per body unit: page furniture (版式设计：…) stands between it and the unit before, closing an article. */
  closed: boolean[];
  /** Per body unit: it reads as a heading (an intertitle, since the headings come after the text). */
  intertitle: boolean[];
  /** Per body unit: it is a photographer's byline (…摄), which closes a photo item. */
  photo: boolean[];
  /** Per body unit: it credits a picture: a photographer's byline, a cartoon's artist and writer (某 某图 某某文), a photo agency. */
  picture: boolean[];
  blocks: Heading[][];
  noise: Extract<Unit, { type: 'noise' }>[];
}

export function trailingZones(page: string, units: Unit[]): Zones {
  let cut = units.length;
  // The headings after all text, and noise between them; page furniture (资料来源：…, 版式设计：…) before them closes the text.
  const isFurniture = (u: Unit) => u.type === 'noise' && u.rule === 'page-furniture';
  while (cut > 0 && (units[cut - 1]!.type === 'heading' || units[cut - 1]!.type === 'noise') && !(isFurniture(units[cut - 1]!) && cut < units.length)) cut--;
  const zones: Zones = { body: [], closed: [], intertitle: [], photo: [], picture: [], blocks: [], noise: [] };
  let furniture = false;
  units.forEach((u, i) => {
    if (u.type === 'noise') {
      zones.noise.push(u);
      furniture ||= u.rule === 'page-furniture';
    } else if (i >= cut) {
      if (u.type === 'heading') zones.blocks.push(headingLines(u));
    } else {
      zones.body.push(u.type === 'heading' ? asBody(page, u) : u);
      zones.closed.push(furniture);
      zones.intertitle.push(u.type === 'heading');
      const photo = u.type === 'byline' && /摄/.test(page.slice(u.byline.start, u.byline.end));
      zones.photo.push(photo);
      zones.picture.push(photo || (u.type === 'byline' && DRAWN_WRITTEN.test(page.slice(u.byline.start, u.byline.end))) || (u.type === 'body' && PHOTO_AGENCY.test(u.text)));
      furniture = false;
    }
  });
  return zones;
}

export function trailingDrafts(units: Unit[], ctx: Context): Draft[] {
  const zones = trailingZones(ctx.page, units);
  const { body, blocks } = zones;
  for (const u of zones.noise) addNoise(ctx, u.start, u.end, u.rule);
  const texts = blocks.map((b) => b.map((l) => l.text));
  const characters = bodyCharacters(body);
  const rows = boundaryRows(zones, texts.flat(), ctx.trigrams(), characters);
  const assign =
    rows.length === 0
      ? [{ unit: 0, from: 0, to: blocks.length }]
      : assignHeadings(candidates(rows, texts, zones), rows, texts, zones.picture, characters);
  const drafts: Draft[] = [];
  for (let a = 0; a < assign.length; a++) {
    const { unit, from, to } = assign[a]!;
    const endUnit = a + 1 < assign.length ? assign[a + 1]!.unit : body.length;
    drafts.push({ headings: blocks.slice(from, to).flat(), units: body.slice(unit, endUnit) });
  }
  return drafts;
}

/** The Han characters of the body units' texts (none for a credit or byline line), one piece per unit. */
export function bodyCharacters(body: readonly BodyUnit[]): PageCharacters {
  return new PageCharacters(body.map((u) => (u.type === 'body' ? u.text : '')));
}

export interface Candidate {
  unit: number;
  /** Its index among the boundary rows. */
  row: number;
  /** Evidence that an article starts here, whatever its headings (log-odds). */
  bonus: number;
}

/**
 * Weights of the DP: the best echo of each heading line over the leads of the
 * article's units (a separate term for the echo in the article's own lead,
 * which the boundary model weighs already, went in session 5, when the
 * coordinate search set it to 0: pdf F1 on the held-out even days 0.879 ->
 * 0.886 with `inside` 4 -> 8 and `headless` 3 -> 6), a reward per article,
 * the cost of an article without headings,
 * of each heading line past the first `lines`, and of an article whose
 * headings open with a deck (——…) or close with a kicker (…——), and of a
 * block after a deck standing alone in its block that is not another deck
 * (a deck follows its headline: what comes after is the next article's;
 * session 4, 1, 2, 4 and 8 tried on the odd days). A second column-tagged
 * headline in an article costs `tags`, and so (session 6) does a photo
 * report's 图片报道 sharing an article with any other block. The affinity of an
 * article's units to its heading blocks counts in full for up to
 * `affinityBlocks` blocks (a kicker and its headline) and is averaged over
 * more (session 5): summed over every block, it paid to merge two articles
 * on one topic, each block earning from the other's units. An article that
 * runs past a credit or byline line into more text pays `crossClose` for each
 * (session 5; 0.5, 1, 2 and 4 tried on the odd days: pdf F1 0.893 -> 0.895).
 * Session 6: each article's text costs `segment` times its cost in nats as
 * one segment under Utiyama and Isahara's model (`SegmentCosts`), and the
 * reward per article went from 1 to 0.5 with it (segment 0.005 to 0.05 and
 * the reward 0 to 1 tried on the odd days: pdf F1 0.895 -> 0.913, headline
 * 0.795 -> 0.817; on the even days 0.896 -> 0.909 and 0.821 -> 0.842).
 * Session 7: a new coordinate search on the odd days moved `inside`,
 * `article`, `headless`, `tags` and `crossClose`, but only `headless` 6 -> 9
 * held on the even days (pdf F1 0.920 -> 0.922 on both halves, headline
 * level); the rest lost headline there. Session 9, with the split gain in
 * the boundary model: `inside` 8 -> 16 (6 to 20 tried; odd days F1 0.937 ->
 * 0.941, headline 0.863 -> 0.864; even days 0.937 -> 0.938 and 0.889 ->
 * 0.888); `pair`, `headless` and `affinity` stayed. Chosen by coordinate
 * search on the odd days of the development corpus (`SEG_DAYS=odd`, pdf
 * layout, boundary F1 plus headline accuracy); see docs/segmentation.md.
 */
const W = { inside: 16, article: 0.5, segment: 0.01, headless: 9, lines: 2, extraLine: 0.5, edge: 1, tags: 8, pair: 1, affinity: 2, afterDeck: 4, affinityBlocks: 2, crossClose: 1 };
const LEAD_WINDOW = 120;

/** Per body unit of a trailing-layout page: boundary features and heading echo. */
export interface BoundaryRow {
  unit: number;
  features: number[];
  /** Echo of every heading line (blocks flattened) in the lead from this unit. */
  echo: number[];
  /** Echo of every heading line in this unit's own text. */
  own: number[];
}

/**
 * The evidence for an article start at each body unit: a dateline, a credit,
 * byline or page furniture closing the text before, low lexical cohesion
 * across the gap (TextTiling), and heading lines echoing the lead more here
 * than next door or anywhere else on the page. Weighed by the logistic model
 * in `starts.ts` (BOUNDARY_WEIGHTS).
 */
export function boundaryRows(zones: Pick<Zones, 'body' | 'closed' | 'intertitle' | 'photo'>, lines: string[], trigrams: PageTrigrams, characters: PageCharacters): BoundaryRow[] {
  const { body, closed, intertitle, photo } = zones;
  const units: number[] = [];
  const echo: number[][] = [];
  const own: number[][] = [];
  const index = new EchoIndex(lines);
  for (let k = 0; k < body.length; k++) {
    const unit = body[k]!;
    if (unit.type !== 'body') continue;
    units.push(k);
    // One pass gives both: the lead from this unit (its first LEAD_WINDOW
    // characters of body text) and the unit's own text.
    const head = index.begin().scan(unit.text, LEAD_WINDOW);
    if (head === unit.text.length) {
      own.push(index.echoes());
      for (let i = k + 1, room = LEAD_WINDOW - head; i < body.length && room > 0; i++) {
        const u = body[i]!;
        if (u.type === 'body') room -= index.scan(u.text, room);
      }
      echo.push(index.echoes());
    } else {
      echo.push(index.echoes());
      index.scan(unit.text, Infinity, head);
      own.push(index.echoes());
    }
  }
  const grams = body.map((u) => (u.type === 'body' ? trigrams.of(u.text) : NONE));
  const best = echo.map((e) => Math.max(0, ...e));
  // Where each heading line echoes most: its likeliest lead.
  const home = new Float64Array(units.length);
  for (let l = 0; l < lines.length; l++) {
    let at = 0;
    for (let i = 1; i < units.length; i++) if (echo[i]![l]! > echo[at]![l]!) at = i;
    if (units.length > 0) home[at] = Math.max(home[at]!, echo[at]![l]!);
  }
  // Cohesion across the gap before each unit (none before the first).
  const across = gapCohesions(grams, GAP_AFTER, GAP_BEFORE);
  const topic = trigrams.topics(grams, TOPIC_BEFORE, TOPIC_AFTER);
  const splits = SPLIT_WINDOWS.map((w) => gapSplitGains(characters, w));
  const coh = units.map((k) => across[k]!);
  return units.map((k, i) => {
    const u = body[k] as Extract<BodyUnit, { type: 'body' }>;
    const prev = body[k - 1];
    const features = [
      1,
      matchDateline(u.text) !== null ? 1 : 0,
      prev !== undefined && prev.type !== 'body' ? 1 : 0,
      ...cohesionFeatures(0), // cohesion across the gap, below
      best[i]!,
      best[i]! - Math.max(best[i - 1] ?? 0, best[i + 1] ?? 0),
      prev?.type === 'body' && prev.text.length < 30 ? 1 : 0,
      Math.log1p(u.text.length) / 6,
      /^[“「‘]/.test(u.text) ? 1 : 0,
      closed[k] ? 1 : 0,
      intertitle[k] ? 1 : 0,
      intertitle[k - 1] ? 1 : 0,
      prev?.type === 'body' && /[）)]$/.test(prev.text) ? 1 : 0,
      LEDE.test(u.text) ? 1 : 0,
      home[i]!,
      ...valley(coh, i),
      // A photo caption: a photographer's byline within the next two units.
      photo[k + 1] || photo[k + 2] ? 1 : 0,
      // Session 4: the unit before closes an article as rmrb news does (王某参加会见。).
      prev?.type === 'body' && prev.text.length <= 100 && CLOSING.test(prev.text) ? 1 : 0,
      // A short line of names without punctuation (甲县 王某, 某某图 某某文): a signature.
      prev?.type === 'body' && prev.text.length <= 24 && SIGNED.test(prev.text) ? 1 : 0,
    ];
    if (k > 0) features.splice(COHESION, COHESION_FEATURES, ...cohesionFeatures(coh[i]!));
    // Session 4: a credit or byline before, with cohesion across the gap not
    // nil. Two articles on one topic (two envoys' essays) share words; the
    // closing line says more there than the missing step of cohesion.
    const closedBefore = prev !== undefined && prev.type !== 'body';
    const nil = features[COHESION + 1]!;
    features.push(closedBefore && nil === 0 ? 1 : 0);
    // Session 5: topical similarity across the gap over wider windows, as a level and as a step (about nil?).
    features.push(topic[k]!, topic[k]! < NIL_TOPIC ? 1 : 0);
    // Session 9: a note in brackets closing the paragraph before (（摘自…的致辞）, …。（相关报道见第九版）), as the e-paper
    // rules read it.
    features.push(prev?.type === 'body' && (CLOSING_NOTE.test(prev.text) || CROSS_REFERENCE.test(prev.text)) ? 1 : 0);
    // Session 9: what splitting the text here saves (in hundreds of nats), and how much more than at the gaps on either
    // side, for each window: a start is where the saving peaks (see SPLIT_WINDOWS).
    for (const split of splits) features.push(split[k]! / 100, (split[k]! - Math.max(split[k - 1] ?? 0, split[k + 1] ?? 0)) / 100);
    return { unit: k, echo: echo[i]!, own: own[i]!, features };
  });
}

/**
 * How deep a valley of cohesion the gap before unit `i` is, after Hearst's
 * depth score (TextTiling, 1997): the highest cohesion within three gaps on
 * either side, less this gap's, summed; and whether it is the lowest within
 * two gaps. Cohesion inside an article varies with its sections, so a low
 * value means more where the text around is cohesive.
 */
function valley(coh: readonly number[], i: number): [number, number] {
  if (i === 0) return [0, 0];
  let left = 0;
  let right = 0;
  let lowest = true;
  for (let d = 1; d <= 3; d++) {
    if (i - d >= 1) left = Math.max(left, coh[i - d]!);
    if (i + d < coh.length) right = Math.max(right, coh[i + d]!);
    if (d <= 2 && ((i - d >= 1 && coh[i - d]! < coh[i]!) || (i + d < coh.length && coh[i + d]! < coh[i]!))) lowest = false;
  }
  return [(left + right - 2 * coh[i]!) * 5, lowest ? 1 : 0];
}

/**
 * Evidence that two consecutive heading blocks belong to one article (a
 * kicker and its headline, a headline and its deck) rather than to two: how
 * kickers end (——, a colon), how decks open (——), a column tag (it closes a
 * main headline, never a kicker or deck), their lengths and line counts.
 * Weighed by the logistic model PAIR_WEIGHTS in `starts.ts`.
 */
export function blockPairFeatures(a: readonly string[], b: readonly string[]): number[] {
  const first = a[a.length - 1]!;
  const second = b[0]!;
  const tagA = a.some((l) => COLUMN_TAG.test(l)) ? 1 : 0;
  const tagB = b.some((l) => COLUMN_TAG.test(l)) ? 1 : 0;
  return [
    1,
    /(?:——|—|：|:)$/.test(first) ? 1 : 0,
    /^[—－-]{1,2}/.test(second) ? 1 : 0,
    tagA,
    tagB,
    tagA * tagB,
    a.length > 1 ? 1 : 0,
    b.length > 1 ? 1 : 0,
    Math.min(first.length, 40) / 20,
    Math.min(second.length, 40) / 20,
    KICKER_OPENING.test(first) ? 1 : 0,
    SHORT_NAME.test(first) ? 1 : 0,
    DECK_ATTENDANCE.test(second) ? 1 : 0,
    /[，、]/.test(second) ? 1 : 0,
    echoes([second], first)[0]!,
    // Session 7: a dated line in brackets under a title (（2019年9月30日）), a title going on with a preposition
    // (…负责人 / 就…发表谈话; 胡春华强调积极发挥广东自贸试验区 / 在粤港澳…), and a kicker naming who speaks (…发言人).
    DATED.test(second) && /^[（(][^（）()]*[）)]$/.test(second) ? 1 : 0,
    KICKER_OPENING.test(second) ? 1 : 0,
    SPEAKER.test(first) ? 1 : 0,
  ];
}

/** Who speaks, ending a kicker: 香港中联办负责人, 外交部发言人. */
const SPEAKER = /(?:负责人|发言人|新闻发言人)$/;

/**
 * How rmrb news closes: who else attended (王某、李某参加会见。, 某某出席。,
 * …参加上述活动。, and since session 7 a list of posts and names up to 100
 * characters, 国务委员兼外交部长王毅，…等出席有关活动。) or what else the meeting
 * did (会议还研究了其他事项。).
 */
const CLOSING = /^.{0,90}(?:(?:参加|出席|陪同)了?(?:会见|会谈|会议|活动|有关活动|上述活动|宣誓活动|仪式)?(?:并讲话|并致辞)?|(?:研究|审议)了.{0,12}事项)。$/;
/** A short line of names set apart by spaces, without punctuation: 甲县 王某某, 某某图 某某文. */
const SIGNED = /^(?=[^\s]{1,12}\s)[^，。、；：:！？,.“”（）()]{4,24}$/;

/** Labels of boxes printed at an article's end: a link to background, the editor's afterword. */
const CLOSING_BOX = /^(?:[■●▲◆]\s*)?(?:知识链接|相关链接|链接|背景链接|延伸阅读|编后(?:语|记)?)$/;
/** The least evidence (log-odds) for a start right after page furniture: odds of 84 to 16 in the development corpus, rounded up. */
const AFTER_FURNITURE = 2;
/**
 * At most this many heading blocks for an article other than the last (a
 * kicker, a headline and two decks, with room to spare; none in the
 * development corpus has more than three): the DP's inner loop then grows
 * with the blocks, not with their square. The last article takes what is left.
 */
const MAX_BLOCKS = 6;
/**
 * Below this probability a unit is no candidate for an article start. Session 8 lowered it from 0.03: with every
 * true start a candidate (an oracle) pdf F1 rose 0.926 -> 0.936, as 56 true starts had been below 0.03; at 0.005
 * on the odd days 0.927 -> 0.933, on the even days 0.925 -> 0.927 (0.02, 0.01, 0.002 and 0 tried). Session 9, with
 * the split gains in the boundary model, raised it to 0.02 again: pdf F1 on the odd days 0.948 -> 0.949, the even
 * days level, and with the cap below pdf pages parse 1.14x as fast (0.01 and 0.03 tried).
 */
const MIN_START = 0.02;
/**
 * At most this many candidates per heading block, and this many more, on a page: the DP costs candidates squared.
 * Session 8, with more candidates, went from 3 and 10 to 2 and 13 (4 and 10: the same F1 within 0.001 but pdf
 * parsing 0.84x as fast; 2 and 13: 0.88x). Session 9: 2 and 8, the same figures as 2 and 13 or 20; then, with the
 * closing notes in the boundary model, 2 and 4 (0, 2, 6 and 1 and 4 tried): pdf F1 0.950 -> 0.951 on the odd days and
 * 0.953 -> 0.954 on the even days, at the same speed (the cap seldom binds).
 */
const CANDIDATES_PER_BLOCK = 2;
const MORE_CANDIDATES = 4;
/** Trigrams on either side of a gap between body units that cohesion compares. */
const GAP_AFTER = 200;
const GAP_BEFORE = 300;
/** Trigrams before and after a gap that topical similarity compares, and below what it is about nil. */
const TOPIC_BEFORE = 500;
const TOPIC_AFTER = 250;
const NIL_TOPIC = 0.02;
/**
 * Han characters on either side of a gap whose split `gapSplitGains` costs, one pair of boundary features each.
 * Session 9: the saving at 400 (300 and 500 tried) took the boundary model's held-out log loss 0.092 -> 0.082, how
 * much more it saves than at the gaps on either side 0.082 -> 0.069, and the same two at 1,000 (150, 700 and 1,800
 * tried) 0.069 -> 0.061 (fitted on the even days and scored on the odd: 0.098 -> 0.090 -> 0.079 -> 0.070).
 */
const SPLIT_WINDOWS = [400, 1000];
/** Where the feature "a credit or byline line before" and the cohesion features stand in a boundary row. */
const CLOSED_BEFORE = 2;
const COHESION = 3;
const NONE = new Int32Array(0);

export function candidates(rows: BoundaryRow[], blocks: string[][], zones: Pick<Zones, 'body' | 'closed' | 'intertitle'>): Candidate[] {
  const { body, closed, intertitle } = zones;
  const out: Candidate[] = [];
  const roundup = blocks.some((b) => ROUNDUP.test(b[0]!));
  rows.forEach((row, i) => {
    const p = startProbability(row.features, BOUNDARY_WEIGHTS);
    if (row.unit !== 0 && p < MIN_START && !closed[row.unit]) return;
    // The text of a box (核心阅读, 知识链接) goes with its label.
    const prev = body[row.unit - 1];
    if (prev?.type === 'body' && BOX_LABEL.test(prev.text)) return;
    // A box that closes an article (知识链接, ■编后) opens none.
    const own = body[row.unit];
    if (own?.type === 'body' && CLOSING_BOX.test(own.text)) return;
    // Nor does a line taken for a heading that leaves a quote or bracket open: a line a column break cut (今年1月起，
    // 某市启动了“群众最不满意; none of the 60 such units of the development corpus opens an article; session 9).
    if (row.unit !== 0 && intertitle[row.unit] && own?.type === 'body' && (OPEN_QUOTE.test(own.text) || OPEN_BRACKET.test(own.text))) return;
    // Under a roundup's banner (资讯速递) the briefs after the first are its own: a brief opens 本报电.
    if (roundup && i > 0 && brief(body, row.unit) && brief(body, rows[i - 1]!.unit)) return;
    const logit = Math.log(p / (1 - p));
    // Page furniture (版式设计：…) before the unit: 42 of the 50 such units of the development corpus open an article,
    // however much the text on either side shares (session 5).
    const floor = closed[row.unit] ? AFTER_FURNITURE : -4;
    out.push({ unit: row.unit, row: i, bonus: row.unit === 0 ? 10 : Math.max(floor, Math.min(4, logit)) });
  });
  // The DP costs candidates squared: a long page keeps only its strongest (the first unit always scores highest).
  const most = CANDIDATES_PER_BLOCK * blocks.length + MORE_CANDIDATES;
  if (out.length <= most) return out;
  return out
    .sort((a, b) => b.bonus - a.bonus)
    .slice(0, most)
    .sort((a, b) => a.row - b.row);
}

/** Unit `k` opens a brief: 本报电 text, or its title right before such text. */
function brief(body: BodyUnit[], k: number): boolean {
  const at = (j: number) => {
    const u = body[j];
    return u?.type === 'body' && /^本报电/.test(u.text);
  };
  return at(k) || at(k + 1);
}

function blockOffsets(blocks: string[][]): number[] {
  const offsets: number[] = [];
  blocks.reduce((at, b) => (offsets.push(at), at + b.length), 0);
  return offsets;
}

/**
 * Chooses article starts among the candidates and gives each article a
 * contiguous run of heading blocks, in page order (possibly none, at a cost),
 * maximising evidence plus echo — each block's echo in the lead of its
 * article, and its best echo anywhere in the article — by dynamic
 * programming over candidates × blocks.
 */
export function assignHeadings(cands: Candidate[], rows: BoundaryRow[], blocks: string[][], picture: readonly boolean[], characters: PageCharacters): { unit: number; from: number; to: number }[] {
  const H = blocks.length;
  const C = cands.length;
  const sizes = blocks.map((b) => b.length);
  const offsets = blockOffsets(blocks);
  const lines = sizes.reduce((a, b) => a + b, 0);
  const N = H + 1;
  // Best score of the first c candidates' articles taking the first h blocks, at c * N + h; and where it came from.
  const best = new Float64Array((C + 1) * N).fill(-Infinity);
  const back = new Int32Array((C + 1) * N).fill(-1);
  best[0] = 0;
  // A deck (——…) follows its headline and a kicker (…——) leads into one: neither can stand at that edge of an article's headings.
  const opensDeck = blocks.map((b) => /^——/.test(b[0]!));
  const endsKicker = blocks.map((b) => /——$/.test(b[b.length - 1]!));
  const tagged = blocks.map((b) => b.some((l) => COLUMN_TAG.test(l)));
  // A photo report's 图片报道 is the only heading of its item: no kicker or deck in the development corpus goes with one.
  const photo = blocks.map((b) => b.length === 1 && PHOTO_REPORT.test(b[0]!));
  // Log-odds that block k belongs to the article of block k - 1.
  const together = blocks.map((b, k) => {
    if (k === 0) return 0;
    const p = startProbability(blockPairFeatures(blocks[k - 1]!, b), PAIR_WEIGHTS);
    return W.pair * Math.log(p / (1 - p));
  });
  // Affinity of each unit to each block: how much more it echoes the block's
  // lines than the page's headings on average; prefix sums over the units.
  const affinity = Array.from({ length: H }, () => new Float64Array(rows.length + 1));
  const per = new Float64Array(H);
  rows.forEach((row, i) => {
    let sum = 0;
    for (let k = 0; k < H; k++) {
      let top = -Infinity;
      for (let j = 0; j < sizes[k]!; j++) top = Math.max(top, row.own[offsets[k]! + j]!);
      per[k] = top;
      sum += top;
    }
    const mean = sum / H;
    for (let k = 0; k < H; k++) affinity[k]![i + 1] = affinity[k]![i]! + per[k]! - mean;
  });
  // What giving blocks [h, h2) to one article costs or earns whatever its units: at h * N + h2.
  const run = new Float64Array(N * N);
  for (let h = 0; h < H; h++) {
    let gain = W.headless - (opensDeck[h] ? W.edge : 0);
    let count = 0;
    let tags = 0;
    let deck = false;
    let alone = false;
    for (let h2 = h + 1; h2 <= H; h2++) {
      const k = h2 - 1;
      if (h2 > h + 1) gain += together[k]!;
      if (deck && !opensDeck[k]) gain -= W.afterDeck;
      deck ||= opensDeck[k]!;
      count += sizes[k]!;
      if (count > W.lines) gain -= W.extraLine;
      if (tagged[k] && ++tags > 1) gain -= W.tags;
      if (h2 > h + 1 && (photo[k] || photo[h])) alone = true;
      run[h * N + h2] = gain - (endsKicker[k] ? W.edge : 0) - (alone ? W.tags : 0);
    }
  }
  // Prefix counts over the body units of picture credits.
  const pictures = new Int32Array(picture.length + 1);
  picture.forEach((p, k) => (pictures[k + 1] = pictures[k]! + (p ? 1 : 0)));
  // Prefix counts over the rows of units that follow a credit or byline line: an article running past one pays for it.
  const closings = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (closings[i + 1] = closings[i]! + row.features[CLOSED_BEFORE]!));
  const most = new Float64Array(lines);
  // Prefix sums over the blocks of what they earn in this article: their best echo anywhere in it, and affinity,
  // which counts in full for up to W.affinityBlocks blocks and is averaged over more (`share`, by block count).
  const earned = new Float64Array(N);
  const affine = new Float64Array(N);
  const share = Float64Array.from({ length: N }, (_, n) => 1 / Math.max(1, n / W.affinityBlocks));
  // The cost of each article's text as one segment, from candidate to candidate (Utiyama and Isahara, 2001).
  const costs = new SegmentCosts(characters, cands.map((c) => c.unit));
  for (let c = 0; c < C; c++) {
    const cand = cands[c]!;
    // The block counts this candidate can be reached with: the rest of its row of `best` is unreachable.
    const rowC = c * N;
    let hLo = 0;
    while (hLo <= H && best[rowC + hLo] === -Infinity) hLo++;
    if (hLo > H) continue;
    let hHi = H;
    while (best[rowC + hHi] === -Infinity) hHi--;
    most.fill(0);
    let next = cand.row;
    costs.begin(c);
    for (let c2 = c + 1; c2 <= C; c2++) {
      // The best echo of every heading line over the units of this article.
      const end = c2 === C ? rows.length : cands[c2]!.row;
      for (; next < end; next++) {
        const echo = rows[next]!.echo;
        for (let l = 0; l < lines; l++) if (echo[l]! > most[l]!) most[l] = echo[l]!;
      }
      for (let k = 0; k < H; k++) {
        let sum = 0;
        for (let j = 0; j < sizes[k]!; j++) sum += most[offsets[k]! + j]!;
        earned[k + 1] = earned[k]! + W.inside * sum;
        affine[k + 1] = affine[k]! + W.affinity * (affinity[k]![end]! - affinity[k]![cand.row]!);
      }
      // What the article earns or costs whatever its blocks: its start's evidence, the reward, the closing lines it
      // runs past, its text as one segment.
      const fixed = cand.bonus + W.article - W.headless - W.crossClose * (closings[end]! - closings[cand.row + 1]!) - W.segment * costs.cost(c2);
      // A photo report's 图片报道 goes to an item whose picture is credited (session 8).
      const uncredited = pictures[c2 === C ? picture.length : cands[c2]!.unit]! === pictures[cand.unit]! ? W.tags : 0;
      // The last article takes the blocks left.
      const from = c2 === C ? H : 0;
      const rowC2 = c2 * N;
      for (let h = hLo; h <= hHi; h++) {
        const here = best[rowC + h]!;
        if (here === -Infinity) continue;
        const base = here + fixed - earned[h]!;
        const affH = affine[h]!;
        const runH = h * N;
        const penalty = photo[h] ? uncredited : 0;
        for (let h2 = Math.max(h, from), last = c2 === C ? H : Math.min(H, h + MAX_BLOCKS); h2 <= last; h2++) {
          const total = base + run[runH + h2]! + earned[h2]! + (affine[h2]! - affH) * share[h2 - h]! - (h2 > h ? penalty : 0);
          if (total > best[rowC2 + h2]!) {
            best[rowC2 + h2] = total;
            back[rowC2 + h2] = rowC + h;
          }
        }
      }
    }
  }
  const out: { unit: number; from: number; to: number }[] = [];
  for (let at = C * N + H; at > 0 && back[at]! >= 0; at = back[at]!) {
    const from = back[at]!;
    out.push({ unit: cands[Math.floor(from / N)]!.unit, from: from % N, to: at % N });
  }
  out.reverse();
  if (out.length === 0) out.push({ unit: 0, from: 0, to: H });
  out[0]!.unit = 0;
  return out;
}

