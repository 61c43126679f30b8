/**
 * The inline layout (e-paper text): each article's headings stand before its
 * body. Layout cues decide where they can; the model in `starts.ts` weighs a
 * heading group that might be an intertitle. See docs/segmentation.md.
 */
import { reflowText } from '../text/reflow.js';
import { BARE_DATE, BOX_LABEL, CLOSING_NOTE, COLUMN_TAG, CROSS_REFERENCE, DATED, matchDateline, OPEN_QUOTE, PHOTO_AGENCY, PHOTO_REPORT, READER_SIGNATURE, ROUNDUP } from './cues.js';
import { addNoise, asBody, headingLines, headingsToText } from './draft.js';
import type { BodyUnit, Context, Draft, HeadingUnit } from './draft.js';
import { LEDE, shapeOf, startFeatures, startProbability } from './starts.js';
import type { Unit } from './units.js';

export function inlineDrafts(units: Unit[], ctx: Context): Draft[] {
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
      if (u.type === 'byline' && EDITOR_NOTE.test(ctx.page.slice(u.start, u.end))) cur.package = true;
      i++;
      continue;
    }
    // A heading group: heading units with only noise between them.
    const group: HeadingUnit[] = [];
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
      // The last line may be the head of the first paragraph, cut off by a column break (with no noise between them).
      const lead = group.length >= 2 && units[j - 1] === group[group.length - 1] && (isLeadFragment(group[group.length - 1]!, units[j]) || joinedWord(ctx.page, group[group.length - 1]!, units[j]));
      let heads = lead ? group.slice(0, -1) : group;
      // A photo agency's name over the headings (新华社发) credits the picture of the article before, and a reader's
      // place and name (广东深圳市 聂耀文) signs the letter before.
      const over = heads[0]!.lines.length === 1 ? heads[0]!.lines[0]!.text : '';
      if (cur && heads.length >= 2 && (PHOTO_AGENCY.test(over) || READER_SIGNATURE.test(over))) {
        cur.units.push(asBody(ctx.page, heads[0]!));
        heads = heads.slice(1);
      }
      const k = firstSection(heads);
      const roundup = ROUNDUP.test(heads[0]!.lines[0]!.text);
      const m = roundup ? 1 : Math.min(k, summaryAt(heads), labelledAt(heads));
      drafts.push((cur = { headings: heads.slice(0, m).flatMap(headingLines), units: [] }));
      // The title and signature of the first contribution under a banner (讲述亲历故事…（风从东方来…） / 中国各个地方都… /
      // （摩洛哥）某某): its text, as the later contributions' are (session 8).
      // (A long signature may stand as text after the headings: （俄罗斯）加林娜·维尼阿米诺夫娜·库利科娃.)
      const after = m < heads.length ? heads[m]! : units[j];
      const signedAfter = !lead && (after?.type === 'heading' || after?.type === 'body') && after.lines.length === 1 && AUTHOR_SIGNATURE(after.lines[0]!.text);
      const signed = signedAfter ? 1 : cur.headings.length >= 3 && AUTHOR_SIGNATURE(cur.headings[cur.headings.length - 1]!.text) ? 2 : 0;
      if (signed && cur.headings.length > signed) headingsToText(ctx.page, cur, cur.headings.length - signed);
      // Headings over a byline line: maybe a banner over the first section of a composite report (see startsArticle).
      if (cur.headings.length >= 2 && units[j]?.type === 'byline') cur.sections = { lines: cur.headings.length - 1, found: false };
      const firstText = units[j];
      const opening = firstText?.type === 'body' ? ownDateline(firstText.text) : null;
      if (cur.headings.length >= 3 && opening) cur.dated = { lines: cur.headings.length - 1, dateline: opening };
      if (roundup) cur.roundup = true;
      for (const g of heads.slice(m)) cur.units.push(asBody(ctx.page, g));
      if (k < heads.length) {
        cur.shape = shapeOf(heads.slice(k).flatMap((g) => g.lines.map((l) => l.text)));
        cur.series = true;
      }
      if (lead) {
        const first = group[group.length - 1]!;
        const nextBody = units[j] as Extract<Unit, { type: 'body' }>;
        cur.units.push({ type: 'body', lines: [...first.lines, ...nextBody.lines], start: first.start, end: nextBody.end, text: reflowText(ctx.page, first.start, nextBody.end) });
        j++;
      }
    } else if (units[j - 1]!.type === 'heading' && isFragment(group, units[j])) {
      // The first part of a column-broken paragraph: it continues in the next unit.
      const nextBody = units[j] as BodyUnit;
      cur.units.push({ type: 'body', lines: [...group[0]!.lines], start: group[0]!.start, end: nextBody.end, text: reflowText(ctx.page, group[0]!.start, nextBody.end) });
      j++;
    } else {
      for (const g of group) cur.units.push(asBody(ctx.page, g));
      // A section of the article with its title lines over its reporters' byline: the later sections repeat its shape
      // (本版聚焦5位扶贫干部 / 某村第一书记某某 / 不松劲儿… / 本报记者  某某; session 8).
      const n = group.reduce((k, g) => k + g.lines.length, 0);
      if (!cur.sections && n >= 2 && units[j]?.type === 'byline') cur.sections = { lines: n, found: true };
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
function startsArticle(group: HeadingUnit[], sawQr: boolean, prev: BodyUnit | undefined, units: Unit[], next: number, cur: Draft, ctx: Context): boolean {
  const lines = group.flatMap((g) => g.lines.map((l) => l.text));
  // A lone line the text after ends in a character or two (…何厚铧出席座谈 / 会。…), or one opening like a lede, a date or
  // 近日 and a comma (2017年9月，原…总工程师南仁 / 东因罹患肺癌去世; all 12 such lone lines of the development corpus): a
  // paragraph cut by a column break (session 8).
  const first = units[next]!;
  if (first.type === 'body' && isFragment(group, first) && (SENTENCE_TAIL.test(first.text) || DATE_LEDE.test(lines[0]!) || (LEDE.test(lines[0]!) && /，/.test(lines[0]!)))) return false;
  // Layout cues: a QR caption under the headings, furniture closing the
  // text before, a wider gap than between paragraphs, a dateline after.
  if (sawQr || cur.closed || !prev || group[0]!.gap >= 2) return true;
  // The title of a box inside the article, under its label (■记者手记, ■链接), even over a dated item.
  if (prev.type === 'body' && BOX_LABEL.test(prev.text)) return false;
  // The next brief of a roundup (资讯速递): its title over 本报电 text, after the reporter's name closing the one before.
  if (cur.roundup && first.type === 'body' && /^本报(?:电|\S{1,8}\d{1,2}月\d{1,2}日电)/.test(first.text)) return false;
  if (first.type === 'body' && matchDateline(first.text)) {
    // The next report under a banner: its title and deck over the same dateline as the first report's (全国人大常委会…审议
    // 多部法律草案和报告 / 民法典婚姻家庭编草案进入三审 / 现行法定婚龄暂不作修改 / 本报北京10月21日电; session 8). The first
    // report's title and deck, taken for decks, are its text, as the later reports' are.
    if (cur.dated && lines.length === cur.dated.lines && ownDateline(first.text) === cur.dated.dateline) {
      headingsToText(ctx.page, cur, 1);
      return false;
    }
    return true;
  }
  // …or one a column break cut after its first line: 本报加德满都 / 10月12日电  （记者…）….
  if (first.type === 'body' && group[group.length - 1] === units[next - 1] && matchDateline(lines[lines.length - 1]! + first.text)) return true;
  // A section of a package its editor introduced: only a column's or roundup's own title, or a photo report, ends the package.
  if (cur.package) return lines.some(columnTagged) || ROUNDUP.test(lines[0]!) || (lines.length === 1 && PHOTO_REPORT.test(lines[0]!));
  // The next section of a composite report under a banner: its title over its reporters' byline, as the first one's
  // stood under the banner (行动起来，共建美丽中国 / 治沙英雄王有德 / 人进沙退筑起绿色屏障 / 本报记者  刘  峰). The first
  // section's title lines, taken for decks, are its text, as the later sections' are.
  // (The reporters' names may stand alone, not as a byline line: 田  泓  宋迈崎, one line more in the group.)
  const signed = (n: number) =>
    (lines.length === n && units[next]?.type === 'byline') || (lines.length === n + 1 && PADDED_NAMES.test(lines[n]!.replace(/[\s\u3000]+/g, ' ')));
  if (cur.sections && signed(cur.sections.lines)) {
    if (!cur.sections.found) {
      cur.sections.found = true;
      headingsToText(ctx.page, cur, 1);
    }
    return false;
  }
  // The next section of a series (kicker…—— and title), even after the byline of the section before.
  if (cur.series && lines.length === 2 && /——$/.test(lines[0]!) && !lines.some(columnTagged)) return false;
  // A section of a series of portraits: a bare name as its kicker (王大山——, 李  红——) and a title.
  if (lines.length === 2 && NAME_KICKER.test(lines[0]!) && !lines.some(columnTagged)) {
    cur.series = true;
    return false;
  }
  // The next section of contributions signed by their authors, even after the note on the author before; after
  // such a note (（作者为…）) a bare name under the title signs the next one too (史述中国 / 魏海生; session 7).
  const signature = lines[lines.length - 1]!;
  if (lines.length >= 2 && (SIGNATURE_LINE.test(signature) || BARE_DATE.test(signature) || (BARE_NAME.test(signature) && prev.type === 'byline' && AUTHOR_NOTE.test(ctx.page.slice(prev.start, prev.end))))) return false;
  // A credit or byline closing the text before.
  if (prev.type !== 'body') return true;
  // A note in brackets closing it: where it comes from, where more is, who took part (（摘自…的致辞）, （本系列评论结束）).
  if (CLOSING_NOTE.test(prev.text) || CROSS_REFERENCE.test(prev.text)) return true;
  if (lines.length === 1 && (NOT_HEADLINE.test(lines[0]!) || PHOTO_AGENCY.test(lines[0]!) || OPEN_QUOTE.test(lines[0]!))) return false;
  if (lines.length === 1 && PHOTO_REPORT.test(lines[0]!)) return true;
  if (lines.some(columnTagged)) return true;
  // A document's date in brackets under its title (联合声明 / （二〇一九年十月十三日  加德满都）, …的决定 / （…会议通过）):
  // all 11 such groups of the development corpus open an article (session 8).
  if (lines.some((l) => DATED.test(l) && /[）)]$/.test(l))) return true;
  // A deck naming the genre of a feature under its headline (——…侧记, ——访…, ——写在…之际): all 13 such groups the
  // model weighed in the development corpus open an article (session 8).
  if (lines.length >= 2 && GENRE_DECK.test(lines[lines.length - 1]!)) return true;
  const section = sectionAfter(ctx.page, units, next);
  const features = startFeatures({
    lines,
    before: cur.units.flatMap((u) => (u.type === 'body' ? [u.text] : [])),
    after: section.texts,
    close: section.close,
    previous: prev.text,
    previousShape: cur.shape ?? null,
    intertitles: cur.intertitles ?? 0,
    nextShape: section.nextShape,
    trigrams: ctx.trigrams(),
  });
  ctx.decisions?.push({ at: first.start, features });
  const starts = startProbability(features) >= START_THRESHOLD;
  if (!starts) {
    cur.shape = shapeOf(lines);
    cur.intertitles = (cur.intertitles ?? 0) + 1;
  }
  return starts;
}

/** A headline closed by a column tag (…（今日谈）), not a quotation's attribution (——某某（某大学教授）; session 8). */
const columnTagged = (line: string) => COLUMN_TAG.test(line) && !/^——/.test(line);

/** Probability above which a heading group opens an article. */
const START_THRESHOLD = 0.35;

/**
 * The section after a heading group, up to the next heading group: the
 * texts of its body units, and how it closes — 1 for a credit or byline
 * line (an article's end), 2 for a photographer's byline (…摄, a photo
 * item's end), else 0.
 */
function sectionAfter(page: string, units: Unit[], from: number): { texts: string[]; close: number; nextShape: string | null } {
  const texts: string[] = [];
  let close = 0;
  for (let k = from; k < units.length; k++) {
    const u = units[k]!;
    if (u.type === 'heading') {
      const lines: string[] = [];
      for (let j = k; j < units.length && units[j]!.type !== 'body'; j++) {
        const g = units[j]!;
        if (g.type === 'heading') lines.push(...g.lines.map((l) => l.text));
      }
      return { texts, close, nextShape: shapeOf(lines) };
    }
    if (u.type === 'body') texts.push(u.text);
    else if (u.type === 'credit') close = Math.max(close, 1);
    else if (u.type === 'byline') close = /摄/.test(page.slice(u.byline.start, u.byline.end)) ? 2 : Math.max(close, 1);
  }
  return { texts, close, nextShape: null };
}

/**
 * Where the first section of a series opens inside an article's heading
 * group: a kicker (…——) after the headline, as in 礼赞新中国 / 上海中共一大会址——
 * / 重温入党誓词 追忆光辉历史. A kicker stands first in its own group, so one
 * further down belongs to the intertitle of the first section, which is body
 * text; the group's length when there is none.
 */
function firstSection(group: HeadingUnit[]): number {
  for (let k = 1; k < group.length; k++) if (/——$/.test(group[k]!.lines[0]!.text)) return k;
  return group.length;
}

/**
 * Where a commentary's summary line stands in its heading group, or the
 * group's length: under a headline closed by a column tag (…（人民时评）), a
 * long line (20 characters or more) without figures that is no dash deck
 * (破除网络迷信，监管必须与时俱进，…; 让全社会形成…的文明习惯和法治共识) is the
 * text's opening summary, not a deck. Long decks under such headlines carry
 * figures (截至8月底，山东PPP项目有1038个，…; …贷款增加十三点九万亿元); those
 * without are short (民企成为带动增长的主要力量). Session 5 dropped the
 * comma the rule asked for (epaper F1 0.914 -> 0.915).
 */
function summaryAt(group: HeadingUnit[]): number {
  let tagged = false;
  for (let k = 0; k < group.length; k++) {
    const line = group[k]!.lines[0]!.text;
    if (tagged && line.length >= 20 && !FIGURES.test(line) && !/^——|——$/.test(line)) return k;
    tagged ||= group[k]!.lines.some((l) => COLUMN_TAG.test(l.text));
  }
  return group.length;
}

/** Figures in digits or in Chinese numerals with a unit (十三点九万亿元, 七百六十二处). */
const FIGURES = /[0-9０-９]|[一二三四五六七八九十百千]{2,}(?:点[一二三四五六七八九]+)?[万亿个处家项]/;

/**
 * Where the text opens inside an article's heading group, or the group's
 * length: a line after the first that opens with a label in brackets
 * (【人物】…) or a bullet (●…) is a labelled paragraph or a summary point,
 * never a deck.
 */
function labelledAt(group: HeadingUnit[]): number {
  for (let k = 1; k < group.length; k++) if (/^(?:【[^】]{1,8}】|[●◆▲])/.test(group[k]!.lines[0]!.text)) return k;
  return group.length;
}

/**
 * A heading-like last line of a group that is the head of the first
 * paragraph, cut off by a column break: it opens like a news lede (近日，…;
 * 10月9日，…), makes a dateline with the text after it (本报北京10月 / 11日电),
 * leaves a quotation open (…被誉为“没有围墙的大 / 学”…; session 7), or the text
 * after opens with clause punctuation (…社会活动家 / ，…) or is only a sentence's
 * end (…时代潮流 / 浩浩荡荡。; session 7).
 */
function isLeadFragment(last: HeadingUnit, next: Unit | undefined): boolean {
  if (last.lines.length !== 1 || next?.type !== 'body') return false;
  const line = last.lines[0]!.text;
  // A deck (——…) heads no paragraph, however short the sentence after it (欢庆的时刻，欢乐的海洋。).
  if (/^——/.test(line)) return false;
  return (
    (LEDE.test(line) && /[，、：；]/.test(line)) ||
    // A quotation opened and not closed (…被誉为“没有围墙的大 / 学”…).
    OPEN_QUOTE.test(line) ||
    (matchDateline(next.text) === null && matchDateline(line + next.text) !== null) ||
    // The text after opens with clause punctuation: it carries on the line.
    /^[，、；：。！？]/.test(next.text) ||
    // Or it is only the end of a sentence, too short for a paragraph of its own (…时代潮流 / 浩浩荡荡。; session 7).
    (next.text.length <= 12 && /[。！？]$/.test(next.text))
  );
}

/**
 * The last character of a heading-like line and the first of the text after it make a word the page uses elsewhere
 * (…巴西联 / 邦共和国…, …审议授 / 权…, 始建于199 / 9年…): the line is the head of the paragraph, cut by a column
 * break. The pair must recur (twice or more on the page) and be more than a chance meeting of two common characters:
 * its pointwise mutual information on the page (Church and Hanks, 1990), as the ratio of its count to what the two
 * characters' counts predict, is at least 25. A deck (——…) is never cut so. In the development corpus this took 6
 * first lines cut from their paragraphs and no heading (session 8).
 */
function joinedWord(page: string, last: HeadingUnit, next: Unit | undefined): boolean {
  if (last.lines.length !== 1 || next?.type !== 'body' || matchDateline(next.text) || LEDE.test(next.text)) return false;
  const line = last.lines[0]!.text;
  if (/^——/.test(line) || /[\s，。！？、；：”’）)》…—]$/.test(line) || /^[\s“‘（(《]/.test(next.text)) return false;
  const a = line[line.length - 1]!;
  const b = next.text[0]!;
  const pair = countOf(page, a + b);
  return pair >= 2 && pair * page.length >= 25 * countOf(page, a) * countOf(page, b);
}

/** How many times `s` occurs in `page`, not overlapping. */
function countOf(page: string, s: string): number {
  let n = 0;
  for (let at = page.indexOf(s); at >= 0; at = page.indexOf(s, at + s.length)) n++;
  return n;
}

/** A lone short line with clause punctuation or an open quotation, or before only a sentence's end: a paragraph cut by a column break. */
function isFragment(group: HeadingUnit[], next: Unit | undefined): boolean {
  if (group.length !== 1 || group[0]!.lines.length !== 1 || next?.type !== 'body') return false;
  const line = group[0]!.lines[0]!.text;
  // Clause punctuation, a quotation left open, or text after that is only a sentence's end (…武汉天河机场 / 航站楼。).
  return (/[，、：；]/.test(line) || OPEN_QUOTE.test(line) || (next.text.length <= 12 && /[。！？]$/.test(next.text)) || SENTENCE_TAIL.test(next.text)) && !/(?:——|—|[”’」』）)…])$/.test(line);
}

/** The paper's own dateline opening a text, place and date (本报北京10月21日电), or null. */
function ownDateline(text: string): string | null {
  return /^本报[\u4e00-\u9fff]{1,8}[0-9]{1,2}月[0-9]{1,2}日电/.exec(text)?.[0] ?? null;
}

/** A date and a comma opening a line: 2017年9月，…, 10月7日上午，…. */
const DATE_LEDE = /^(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}日)?[^，。]{0,6}，/;
/** Text opening with the last character or two of a sentence (会。…): the end of a line a column break cut. */
const SENTENCE_TAIL = /^[^，。！？；：、\s]{1,2}[。！？]/;

/** Lines that are never a headline: intertitle numbering, lead-ins ending in a dash, captions, signatures (and `PHOTO_AGENCY`). */
const NOT_HEADLINE =
  /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+[.、．]|——|之[一二三四五六七八九十]|[◆●■▲]|图[①-⑳0-9])|——$|—$|^[^（(]{1,4}[（(][^（）()]{2,10}[）)]$/;
/**
 * An author's signature under the title of a contribution: 王 蒙（原文化部部长）,
 * （英国）大卫·安德鲁·菲尼克斯, 范 稳 (a two-character name is padded with a
 * space), or a speaker's post and name set apart by spaces, as forum
 * excerpts sign each speech (华为云首席营销官  张  鹏; session 6: 33 such
 * lines in the development corpus, none a heading); the date under a
 * signature (总理  李克强 / 2019年9月30日) is `BARE_DATE`. In the development
 * corpus such lines follow a heading-like line inside articles and never
 * open one.
 */
const SIGNATURE_LINE =
  /^[\u4e00-\u9fff][\u4e00-\u9fff ]{1,3}[（(][^（）()]{2,16}[）)]$|^[（(][\u4e00-\u9fff]{1,6}[）)][\u4e00-\u9fff·—]{2,16}$|^[\u4e00-\u9fff] +[\u4e00-\u9fff]$|^[\u4e00-\u9fff][\u4e00-\u9fff、]{1,40}(?:长|员|官|辑|理|任|记|席|师|授|家|军|编|监|裁|事|委)[\s\u3000]+[\u4e00-\u9fff](?:[\s\u3000]*[\u4e00-\u9fff]){1,2}$/;
/** An author's signature line, not a short title closed by a column tag in brackets (蚕茧丰收（礼赞70年）). */
const AUTHOR_SIGNATURE = (line: string) => SIGNATURE_LINE.test(line) && !/[）)]$/.test(line);
/** The editor's signature under a note introducing a package of items (——编  者). */
const EDITOR_NOTE = /^[\s\u3000]*——?[\s\u3000]*编[\s\u3000]*者[\s\u3000]*$/;
/** Reporters' names alone, one of them a two-character name padded in the middle, as rmrb prints them: 田 泓 宋迈崎, 马 琳 杨铭鸣. */
const PADDED_NAMES = /^(?:[\u4e00-\u9fff]{3} )*[\u4e00-\u9fff] [\u4e00-\u9fff](?: [\u4e00-\u9fff]{3}| [\u4e00-\u9fff] [\u4e00-\u9fff])*$/;
/** A name alone, two to four characters (a two-character one maybe padded): 魏海生, 陈  彦. */
const BARE_NAME = /^[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3}$/;
/** The note on the author closing a contribution: （作者为北京大学中文系主任）. */
const AUTHOR_NOTE = /^[（(]作者/;
/** A person's name alone as a kicker, the label of a portrait inside a series. */
const NAME_KICKER = /^[\u4e00-\u9fff][\u4e00-\u9fff ·]{1,5}——$/;
/** A deck naming a feature's genre: an account (侧记, 纪实, 综述), an interview (——访…), a piece on an occasion (——写在…之际). */
const GENRE_DECK = /^——(?:访|记|写在|.*(?:侧记|纪实|综述|述评|简评|巡礼|之际|反响|推介|前瞻))/;

