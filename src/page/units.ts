/**
 * From page text to units: blank-line separated blocks, classified as body
 * text, heading lines, credits, bylines or noise, with column breaks joined.
 */
import { reflow, reflowText, isSpace } from '../text/reflow.js';
import { BARE_DATE, BOX_LABEL, COLUMN_TAG, DATED, DRAWN_WRITTEN, endsSentence, matchBylineLine, matchCreditLine, matchCreditTail, matchDateline, noiseRule, PHOTO_AGENCY, READER_SIGNATURE } from './cues.js';
import type { NoiseRule, Span } from './types.js';

export interface Line extends Span {
  text: string;
}

export type Unit =
  | { type: 'body'; lines: Line[]; start: number; end: number; text: string }
  | { type: 'heading'; lines: Line[]; start: number; end: number; gap: number }
  | { type: 'credit'; start: number; end: number; name: Span | null; text: string; byline?: Span; dateline?: Span }
  | { type: 'byline'; start: number; end: number; byline: Span }
  | { type: 'noise'; start: number; end: number; rule: NoiseRule };

/** The page's non-blank lines, trimmed, with the number of blank lines before each. */
export function pageLines(page: string): (Line & { blanks: number })[] {
  const out: (Line & { blanks: number })[] = [];
  let blanks = 0;
  let i = 0;
  const n = page.length;
  while (i < n) {
    let j = page.indexOf('\n', i);
    if (j < 0) j = n;
    let s = i;
    let e = j;
    while (s < e && isSpace(page.charCodeAt(s))) s++;
    while (e > s && isSpace(page.charCodeAt(e - 1))) e--;
    if (s === e) blanks++;
    else {
      out.push({ start: s, end: e, text: page.slice(s, e), blanks });
      blanks = 0;
    }
    i = j + 1;
  }
  return out;
}

const MAX_HEADING = 40;
const MAX_WIDE_HEADING = 90;
const MAX_BARE_HEADING = 60;

/**
 * A line that could be a headline, kicker or deck: short, open, not a
 * sentence. On a hard-wrapped page (`wrap` is the column width) a line much
 * wider than the column cannot be body text either, however long.
 */
export function headingLike(text: string, wrap: number | null = null): boolean {
  // Wider than any column, or a subtitle opening with a dash: not body text.
  const wide = (wrap !== null && text.length > wrap * 1.25 + 2) || /^——/.test(text);
  // A column tag closing a headline does not count (…（某某专栏·深入开展某某主题教育活动）), nor does a long line without a clause mark.
  const tag = text.length > MAX_HEADING && /[）)]$/.test(text) ? (COLUMN_TAG.exec(text)?.[1]?.length ?? 0) : 0;
  const core = text.length - tag;
  if (core > (wide ? MAX_WIDE_HEADING : /[，。；：,;:]/.test(text) ? MAX_HEADING : MAX_BARE_HEADING)) return false;
  // A list trailing off (长者饭堂、医养结合、家政＋……) ends no sentence: kickers and decks enumerate so.
  if (endsSentence(text) && !(/、[^、。！？]{1,12}……$/.test(text) && !/[。！？]/.test(text))) return false;
  if (/[。；]/.test(text)) return false;
  if (/[，、：,]$/.test(text)) return false;
  // Wholly in brackets is a closing note, not a heading; one opening with a date is the deck of a speech, a decision
  // or a document: （2019年9月30日）, （2019年10月）, （二〇一九年十月二十日）, （2019年10月26日…会议通过）.
  if (BRACKETED.test(text)) return DATED_DECK.test(text);
  // A bracket left open continues in the next line or block: （据新 / 华社电  记者…）.
  if (OPEN_BRACKET.test(text)) return false;
  // …and one closed without being opened is the end of a bracket opened before it: 文君、孙奕、涂铭） (session 8).
  if (/^[^（(]*[）)]/.test(text)) return false;
  if (matchDateline(text) !== null) return false;
  if (BOX_LABEL.test(text)) return false;
  return (text.match(/，/g)?.length ?? 0) <= 2;
}

/**
 * Splits the page into units. A text block (lines with no blank between them)
 * whose last line leaves a sentence open continues into the next text block:
 * blank lines there are column breaks, not paragraph ends.
 */
export function pageUnits(page: string): Unit[] {
  const lines = pageLines(page);
  const wrap = wrapWidth(lines);
  const units: Unit[] = [];
  let block: (Line & { blanks: number })[] = [];
  const flush = () => {
    if (block.length) classifyBlock(page, block, units, wrap);
    block = [];
  };
  // A line of furniture as wide as the column wraps: its next line is the rest of it (…版式设计：蔡华 / 伟; session 8).
  let wrapped: Extract<Unit, { type: 'noise' }> | null = null;
  for (const line of lines) {
    if (line.blanks > 0) flush();
    if (wrapped && line.blanks === 0) {
      wrapped.end = line.end;
      if (line.text.length < wrap! - 1) wrapped = null;
      continue;
    }
    wrapped = null;
    const rule = noiseRule(line.text);
    if (rule) {
      flush();
      const noise: Extract<Unit, { type: 'noise' }> = { type: 'noise', start: line.start, end: line.end, rule };
      units.push(noise);
      if (rule === 'page-furniture' && wrap !== null && line.text.trim().length >= wrap - 1) wrapped = noise;
      continue;
    }
    block.push(line);
  }
  flush();
  headingsBeforeQr(units);
  kickersBeforeHeadings(page, units);
  if (wrap === null) longHeadlinesAfterClosings(units);
  const trailing = wrap !== null ? headingsAfterText(page, units, wrap) : units.length;
  // Headings extracted after the text (a page ending in them) leave gaps of any width inside the text.
  let last = units.length - 1;
  while (last >= 0 && units[last]!.type === 'noise') last--;
  return joinColumnBreaks(page, units, trailing, wrap === null && units[last]?.type !== 'heading');
}

/**
 * A short line ending in a colon right above a heading is a kicker naming
 * who speaks (某部门发言人：, 某某负责人：), not a paragraph leading into a quote:
 * the heading rule refuses it for its final colon.
 */
function kickersBeforeHeadings(page: string, units: Unit[]): void {
  for (let k = 0; k + 1 < units.length; k++) {
    const u = units[k]!;
    const after = units[k + 1]!;
    if (u.type !== 'body' || u.lines.length !== 1 || after.type !== 'heading') continue;
    // …and a short line that exclaims or asks right above a deck (——…) is its headline: “我们是一支不可战胜的力量！” /
    // ——国庆70周年阅兵纪实, 我爱你，中国！ / ——…侧记 (session 8; the trailing layout's walk knew it since session 6).
    const exclaims = u.text.length <= 30 && /[！？][”」]?$/.test(u.text) && !/[。；]/.test(u.text) && /^——/.test(after.lines[0]!.text);
    if (!exclaims && !/^[^，。；：！？,;:!?]{2,15}[：:]$/.test(u.text)) continue;
    // The blank lines before it, as a heading block counts them.
    const gap = page.slice(k > 0 ? units[k - 1]!.end : 0, u.start).split('\n').length - 2;
    units[k] = { type: 'heading', lines: u.lines, start: u.start, end: u.end, gap: Math.max(0, gap) };
  }
}

/**
 * On an unwrapped page, a long line right after the credit or byline that
 * closes an article, before more text, is the next article's headline when it
 * ends no sentence and holds no clause: 李克强将出席…会议并对乌兹别克斯坦进行正式访问、
 * 出席…并对泰国进行正式访问 (70 characters) over 外交部发言人…宣布：… (session 8). The
 * heading rule refuses it for its length only.
 */
function longHeadlinesAfterClosings(units: Unit[]): void {
  for (let k = 1; k + 1 < units.length; k++) {
    const u = units[k]!;
    const before = units[k - 1]!;
    if (u.type !== 'body' || u.lines.length !== 1 || (before.type !== 'credit' && before.type !== 'byline') || units[k + 1]!.type !== 'body') continue;
    if (u.text.length > MAX_WIDE_HEADING || endsSentence(u.text) || /[，。；：！？,;:]/.test(u.text)) continue;
    units[k] = { type: 'heading', lines: u.lines, start: u.start, end: u.end, gap: 0 };
  }
}

/**
 * On a hard-wrapped page (PDF extraction) body text is wrapped to the column,
 * so the short unwrapped blocks that end the page, after all text, are the
 * extracted headings even where a heading rule refuses them: a kicker ending
 * in a colon (某机构负责人：), a deck of several clauses
 * (一方面…；另一方面…), a headline longer than any heading inside text.
 * Walking back from the end, such blocks become headings; the first block
 * that ends a sentence, wraps, or is a credit or byline stops the walk.
 * Returns where those headings start: no text runs on into them, however
 * its last block ends (…数据来源：某某, a date under a notice; session 6).
 */
function headingsAfterText(page: string, units: Unit[], wrap: number): number {
  let after: Unit | null = null;
  for (let k = units.length - 1; k >= 0; k--) {
    const u = units[k]!;
    if (u.type === 'noise') continue;
    // A line signing the text off is its last line, however heading-like (session 7).
    if (u.type === 'heading') {
      const text = reflowText(page, u.start, u.end);
      if (SIGNING_OFF.test(text) || BARE_DATE.test(text) || PHOTO_AGENCY.test(text) || READER_SIGNATURE.test(text)) {
        units[k] = { type: 'body', lines: u.lines, start: u.start, end: u.end, text };
        return k + 1;
      }
    }
    if (u.type !== 'heading') {
      // A headline may exclaim or ask when a deck (——…) follows it: “我们是一支不可战胜的力量！” / ——国庆70周年阅兵纪实.
      const beforeDeck = after?.type === 'heading' && /^——/.test(after.lines[0]!.text);
      if (u.type !== 'body' || !unwrappedHeading(u.lines, wrap, beforeDeck)) return k + 1;
      units[k] = { type: 'heading', lines: u.lines, start: u.start, end: u.end, gap: 0 };
    }
    after = units[k]!;
  }
  return 0;
}

/**
 * Lines that sign text off, never a heading: who wrote an interview up (采访整理：某某); and the date under a
 * notice (`BARE_DATE`), a reader's place and name under a letter (`READER_SIGNATURE`), a photo agency's name
 * under a picture (`PHOTO_AGENCY`).
 */
const SIGNING_OFF = /^(?:采访|文字)?整理[：:]/;

function unwrappedHeading(lines: Line[], wrap: number, beforeDeck: boolean): boolean {
  if (lines.length > 3) return false;
  // A wrapped block has every line but the last as wide as the column.
  if (lines.length > 1 && lines.slice(0, -1).every((l) => Math.abs(l.text.length - wrap) <= 1)) return false;
  const ends = (l: Line) => endsSentence(l.text) && !(beforeDeck && lines.length === 1 && /[！？!?][”」]?$/.test(l.text));
  return lines.every((l) => !ends(l) && !/[，、；,]$/.test(l.text) && !bracketedNote(l.text, wrap) && !OPEN_BRACKET.test(l.text));
}

/**
 * A line wholly in brackets ends text (（某某参与采写）), unless it is a
 * dated deck (（2019年10月8日…通过）, （二〇一九年十月十三日  加德满都）) or wider
 * than the column, which no line of wrapped text is.
 */
function bracketedNote(text: string, wrap: number): boolean {
  return BRACKETED.test(text) && !DATED.test(text) && text.length <= wrap + 1;
}

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;
/** A line wholly in brackets: a closing note, a credit, or (dated) a deck. */
const BRACKETED = /^[（(].*[）)]$/;
/** A date, year and month at least, opening a line in brackets: in the development corpus 16 such lines are decks, none text. */
const DATED_DECK = /^[（(](?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月/;

/**
 * A QR caption is printed under an article's headings: the open lines right
 * before it are headings, however long (a long deck such as ——习近平总书记…),
 * up to a note in brackets that closes the article before, whole or cut by a
 * column break.
 */
function headingsBeforeQr(units: Unit[]): void {
  for (let q = 0; q < units.length; q++) {
    const u = units[q]!;
    if (u.type !== 'noise' || u.rule !== 'qr-caption') continue;
    for (let k = q - 1; k >= 0; k--) {
      const h = units[k]!;
      if (h.type === 'heading') continue;
      if (h.type !== 'body' || h.lines.length !== 1 || endsSentence(h.text) || h.text.length > MAX_WIDE_HEADING) break;
      // A note in brackets closes the article before (（相关报道见第十三版）); one opening with a date is a deck (（2019年10月9日，北京）).
      if (BRACKETED.test(h.text) && !DATED.test(h.text)) break;
      // So does a note cut by a column break: a line whose brackets do not balance (（作者为某 / 某大学教授）).
      if (count(h.text, /[（(]/g) !== count(h.text, /[）)]/g)) break;
      units[k] = { type: 'heading', lines: h.lines, start: h.start, end: h.end, gap: 0 };
    }
  }
}

const NOTE_AFTER_SENTENCE = /[。！？][（(][^（）()]{1,30}[）)]$/;

/**
 * A unit whose sentence is finished: final punctuation, maybe followed by a
 * note in brackets (…。（详见第二版）), or wholly in brackets (（本报华沙电）).
 */
function closed(text: string): boolean {
  if (endsSentence(text) || NOTE_AFTER_SENTENCE.test(text) || BOX_LABEL.test(text)) return true;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (last !== 0xff09 && last !== 0x29) return false;
  // Wholly in brackets, or the end of a bracket a column break cut (（据新华 / 社电  记者某某）; session 8).
  return first === 0xff08 || first === 0x28 || count(text, /[（(]/g) < count(text, /[）)]/g);
}

/**
 * The column width of a hard-wrapped page: the median length of lines that
 * wrap (every line of a multi-line block but its last), or null when too few
 * lines wrap to tell (e-paper text, one paragraph per line).
 */
export function wrapWidth(lines: (Line & { blanks: number })[]): number | null {
  // The median by counting (sorting the widths took 5 % of the time on pdf pages, session 6). A width of
  // 1023 or more counts as 1023: no page wraps its lines that wide.
  const counts = widthCounts.fill(0);
  let wrapping = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i + 1]!.blanks !== 0) continue;
    counts[Math.min(lines[i]!.end - lines[i]!.start, counts.length - 1)]!++;
    wrapping++;
  }
  if (wrapping < 20 || wrapping < lines.length / 2) return null;
  let w = 0;
  for (let seen = counts[0]!; seen <= wrapping >> 1; ) seen += counts[++w]!;
  return w;
}

const widthCounts = new Int32Array(1024);

function classifyBlock(page: string, block: (Line & { blanks: number })[], units: Unit[], wrap: number | null): void {
  const start = block[0]!.start;
  const end = block[block.length - 1]!.end;
  const text = reflowText(page, start, end);
  // Credit and byline lines are short: longer text skips those patterns.
  const short = text.length <= 90;
  const credit = short && block.length <= 3 ? matchCreditLine(text) : null;
  if (credit) {
    const name = credit.name ? spanIn(page, start, end, credit.at, credit.name.length) : null;
    const unit: Unit = { type: 'credit', start, end, name, text: credit.name };
    if (credit.byline) unit.byline = spanIn(page, start, end, credit.byline.at, credit.byline.length);
    if (credit.dateline) unit.dateline = spanIn(page, start, end, credit.dateline.at, credit.dateline.length);
    units.push(unit);
    return;
  }
  const byline = short ? matchBylineLine(text) : null;
  if (byline) {
    units.push({ type: 'byline', start, end, byline: spanIn(page, start, end, byline.start, byline.end - byline.start) });
    return;
  }
  // A credit at the end splits off first: no heading ends in ■据新华社, a closing note before one does.
  const tail = /[■●▲◆]/.test(text) ? matchCreditTail(text) : null;
  if (!(tail && tail.index > 0) && ((block.length <= 3 && block.every((l) => headingLike(l.text, wrap))) || clauseDeck(block, text, units))) {
    units.push({ type: 'heading', lines: block.map(({ start: s, end: e, text: t }) => ({ start: s, end: e, text: t })), start, end, gap: block[0]!.blanks });
    return;
  }
  if (tail && tail.index > 0) {
    const bodyEnd = pageOffset(page, start, end, tail.index);
    const cut = trimEnd(page, start, bodyEnd);
    const body = block.map(({ start: s, end: e, text: t }) => ({ start: s, end: Math.min(e, cut), text: t })).filter((l) => l.start < cut);
    units.push({ type: 'body', lines: body, start, end: cut, text: reflowText(page, start, cut) });
    const markStart = skipSpace(page, bodyEnd);
    units.push({ type: 'credit', start: markStart, end, name: spanIn(page, start, end, tail.at, tail.name.length), text: tail.name });
    return;
  }
  units.push({ type: 'body', lines: block.map(({ start: s, end: e, text: t }) => ({ start: s, end: e, text: t })), start, end, text });
}

/**
 * A deck of clauses right under a headline, as meetings' reports carry
 * (审议通过…；讨论通过…; 表决通过密码法  决定任命…  栗战书主持会议): one line, no
 * full stop and no sentence or clause ended (paragraphs of a parallel series
 * end in ；), its clauses set apart by semicolons or wide
 * spaces; too long for the heading rule, and left open, so it would otherwise
 * join the first paragraph as a column-broken sentence.
 */
function clauseDeck(block: readonly Line[], text: string, units: readonly Unit[]): boolean {
  if (block.length !== 1 || units[units.length - 1]?.type !== 'heading' || text.length > 150) return false;
  if (/[。！？]|；$/.test(text) || endsSentence(text) || matchDateline(text) !== null) return false;
  return /；/.test(text) || /[\u4e00-\u9fff][ \u3000\u00a0]{2,}[\u4e00-\u9fff]/.test(block[0]!.text);
}

/**
 * Joins body units across column breaks: an open sentence continues in the
 * next text unit. A QR caption ends a heading block (it is printed under the
 * headlines), so a short line right after one is text, not a heading.
 */
function joinColumnBreaks(page: string, units: Unit[], trailing = units.length, unwrapped = false): Unit[] {
  const out: Unit[] = [];
  for (let k = 0; k < units.length; k++) {
    let u = units[k]!;
    if (k >= trailing) {
      out.push(u);
      continue;
    }
    const prev = out[out.length - 1];
    if (u.type === 'heading' && prev?.type === 'noise' && prev.rule === 'qr-caption') {
      u = { type: 'body', lines: u.lines, start: u.start, end: u.end, text: reflowText(page, u.start, u.end) };
    }
    // A cartoon's credits cut by a column break: 曹  一 / 图  李  清文.
    if ((prev?.type === 'heading' || prev?.type === 'body') && (u.type === 'heading' || u.type === 'body') && prev.end - prev.start <= 12 && u.end - u.start <= 16) {
      const text = reflowText(page, prev.start, u.end);
      if (DRAWN_WRITTEN.test(text)) {
        out[out.length - 1] = { type: 'byline', start: prev.start, end: u.end, byline: { start: prev.start, end: u.end } };
        continue;
      }
    }
    // A byline line whose bracket a column break left open goes on in the next block: （本报记者甲、乙、丙 / 丁、戊）.
    if (prev?.type === 'byline' && (u.type === 'body' || u.type === 'heading') && OPEN_BRACKET.test(page.slice(prev.start, prev.end))) {
      const text = reflowText(page, prev.start, u.end);
      const byline = text.length <= 90 ? matchBylineLine(text) : null;
      if (byline) {
        out[out.length - 1] = { type: 'byline', start: prev.start, end: u.end, byline: spanIn(page, prev.start, u.end, byline.start, byline.end - byline.start) };
        continue;
      }
    }
    // (On an unwrapped page a heading set apart by two blank lines or more is not a column's next line: articles are
    // spaced so, and a column break leaves one; session 8. A wrapped page's column break may double a paragraph gap.)
    if (prev && prev.type === 'body' && !closed(prev.text) && (u.type === 'body' || (u.type === 'heading' && !(unwrapped && u.gap >= 2)))) {
      const lines = [...prev.lines, ...u.lines];
      out[out.length - 1] = { type: 'body', lines, start: prev.start, end: u.end, text: reflowText(page, prev.start, u.end) };
      continue;
    }
    out.push(u);
  }
  return out;
}

const OPEN_BRACKET = /[（(][^）)]*$/;

/** The page span of `[at, at + length)` in the reflowed text of `[start, end)`. */
function spanIn(page: string, start: number, end: number, at: number, length: number): Span {
  const { map } = reflow(page, start, end);
  return { start: map[at]!, end: map[at + length - 1]! + 1 };
}

function pageOffset(page: string, start: number, end: number, at: number): number {
  const { map } = reflow(page, start, end);
  return at < map.length ? map[at]! : end;
}

function trimEnd(page: string, start: number, end: number): number {
  while (end > start && isSpace(page.charCodeAt(end - 1))) end--;
  return end;
}

function skipSpace(page: string, i: number): number {
  while (i < page.length && isSpace(page.charCodeAt(i))) i++;
  return i;
}
