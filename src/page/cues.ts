/**
 * The textual cues of a Chinese newspaper page: datelines, credits, bylines,
 * QR captions and page furniture. Each pattern is tried on reflowed text.
 */

const CLOSERS = new Set([...'”’」』）)】'].map((c) => c.charCodeAt(0)));
const FINALS = new Set([...'。！？!?…'].map((c) => c.charCodeAt(0)));

/** Ends in sentence-final punctuation, optionally followed by closing quotes or brackets. */
export function endsSentence(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && CLOSERS.has(s.charCodeAt(i))) i--;
  return i >= 0 && FINALS.has(s.charCodeAt(i));
}

/** Whole-line noise: QR-code captions and page furniture. */
const QR = /^(?:扫码看视频|扫码看更多|扫码阅读|扫码收看|扫码观看|扫描二维码.{0,12}|扫一扫.{0,12}|视频二维码)$/;
const FURNITURE =
  /^(?:本版|本期)?(?:(?:统筹|责任编辑|编辑|责编|版式设计|美术编辑|美编|校对|图片编辑|制图|版面设计|摄影|数据来源|资料来源|图片来源|(?:栏目)?投稿(?:邮箱|信箱|热线))[：:].{0,40}|(?:版式设计|版面设计|责任编辑|美术编辑)[\s\u3000]+[\u4e00-\u9fff](?:[\s\u3000]*[\u4e00-\u9fff]){1,3}|第?\s*[0-9０-９]{1,3}\s*版|[0-9０-９]{1,3}|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天].{0,20})$/;

export function noiseRule(s: string): 'qr-caption' | 'page-furniture' | null {
  // Every line of the page comes here: the patterns run only where they can match.
  const first = s.charCodeAt(0);
  if ((first === 0x626b || first === 0x89c6) && QR.test(s)) return 'qr-caption'; // 扫, 视
  if (s.length > 60) return null;
  const colon = s.indexOf('：') + 1 || s.indexOf(':') + 1;
  if ((s.length <= 12 || (colon > 0 && colon <= 9) || first === 0x31 || first === 0x32) && FURNITURE.test(s)) return 'page-furniture';
  return null;
}

/**
 * A headline closed by the name of its column or series in brackets:
 * 激扬起火热的奋斗豪情（今日谈）, 第一根国产光纤（新中国的“第一”）. In the
 * development corpus about a third of headlines end so, no kicker or deck
 * does, and next to no heading-like line inside an article (photo credits
 * aside, which are bylines).
 */
export const COLUMN_TAG = /^[^（(]{5,}([（(][^（）()]{2,60}[）)])$/;

/** Where more is, at the end of the last paragraph: …的权威平台。（相关报道见第九版）. */
export const CROSS_REFERENCE = /[。！？”][（(](?:相关报道见|讲话全文见|全文见)[^（）()]{1,20}[）)]$/;
/** Notes in brackets that close an article: its source, the end of a series, where more is, who helped. */
export const CLOSING_NOTE = /^[（(](?:摘自|本系列|相关报道见|讲话全文见|全文见|[^（）()]{1,30}(?:参与采写|整理)[）)]$)/;

/**
 * A quotation opened and not closed, or a bracket: a line a column break cut (“现场聆听…让我心潮澎 / 湃。…, 今年1月起，
 * 某市启动了“群众最不满意), never a headline.
 */
export const OPEN_QUOTE = /“[^”]*$/;
export const OPEN_BRACKET = /（[^）]*$/;

/** A photo agency's name alone on a line, under a picture: 人民视觉, 新华社发. Never a headline; it signs a picture off. */
export const PHOTO_AGENCY = /^(?:影像中国|人民视觉|视觉中国|新华社发|新华社)$/;

/** A reader's place and name under a letter, the name padded as rmrb pads them: 四川攀枝花市  尹  远, 广东深圳市 聂耀文. */
export const READER_SIGNATURE = /^[\u4e00-\u9fff]{1,10}(?:省|市|县|区|州|镇)[\s\u3000]+[\u4e00-\u9fff](?:[\s\u3000]*[\u4e00-\u9fff]){1,2}$/;

/** A date alone on a line, as under a signature or a notice: 2019年9月30日. */
export const BARE_DATE = /^[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日$/;

/** A date opening a line in brackets, in figures or Chinese numerals: （2019年9月30日）, （二〇一九年十月十三日  加德满都）. */
export const DATED = /^[（(](?:[0-9]{4}|[〇零一二三四五六七八九]{4})年/;

/** The headline of a photo report, which echoes nothing and has no kicker or deck: 图片报道, 图片报道（新中国的“第一”·国防篇）. */
export const PHOTO_REPORT = /^图片报道(?:[（(][^（）()]+[）)])?$/;

/**
 * The banner of a roundup of briefs (资讯速递, 财经短波, 新闻速递, and since
 * session 8 速览·国庆假期, 医学资讯): each brief under it has a title and opens
 * 本报电 or the paper's own dateline, and the paper files the roundup as one
 * article (all 7 in the development corpus).
 */
export const ROUNDUP = /^(?:[\u4e00-\u9fff]{0,4}(?:速递|短波|快讯|简讯|资讯)|速览·[\u4e00-\u9fff]{2,8})$/;

/** Wire services whose name in a dateline is also a credit. */
const WIRES: readonly [RegExp, string][] = [
  [/^新华社/, '新华社'],
  [/^中新社/, '中新社'],
  [/^央视网?/, '央视'],
  [/^中央广播电视总台/, '中央广播电视总台'],
];

/** The wire service a dateline or credit names; `at`/`length` locate the name in `s` (after a leading 据). */
export function wireOf(s: string): { name: string; at: number; length: number } | null {
  const at = s.startsWith('据') ? 1 : 0;
  for (const [re, name] of WIRES) {
    const m = re.exec(s.slice(at));
    if (m) return { name, at, length: m[0].length };
  }
  return null;
}

/**
 * A dateline at the start of a paragraph: 新华社北京1月21日电, 本报北京10月8日电,
 * 贵州日报讯, 三湘都市报1月21日讯, 央视网消息（新闻联播）：. Group 1 is the dateline.
 */
const HAN = '\\u3400-\\u9fff';
const OUTLET = `(?:据?新华社|据?中新社|本报|央视网|[${HAN}]{2,10}?(?:日报|晚报|晨报|都市报|时报|商报|青年报|法治报|报|网|电视台|广播电视台))`;
const DATELINE = new RegExp(
  `^(${OUTLET}(?:[${HAN}、]{0,12}?)(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日)?(?:电|讯|消息(?:（[^）]{1,8}）)?))` +
    `(?=[\\s（(：:]|[0-9０-９]|[${HAN}“])`,
);

const WIRE_OUTLET = /^(?:据?新华社|据?中新社|本报|央视网)/;

export function matchDateline(s: string): string | null {
  const m = DATELINE.exec(s);
  if (!m) return null;
  const d = m[1]!;
  // 本报记者 / 新华社记者 are bylines, not datelines: a dateline ends in 电, 讯 or 消息.
  if (/记者/.test(d)) return null;
  // Another paper or site wires (…电) with a date; without one, "…网" then 电 is a phrase (明年起煤电标杆上网电价…).
  if (d.endsWith('电') && !WIRE_OUTLET.test(d) && !/[0-9０-９]日电$/.test(d)) return null;
  return d;
}

/** A bracketed byline right after a dateline: （记者 敖子棋）. Group 1 is the inside. */
export const DATELINE_BYLINE = /^\s*[（(]((?:本报|特约|见习)?(?:记者|通讯员)[^（）()]{1,60})[）)]/;

/** A credit line of its own: ■据新华社, （据央视）, 据新华社电. Group 2 is the credited outlet. */
const CREDIT_LINE = /^([■●▲◆□◇]?\s*[（(]?\s*据\s*)([^\s（）()■]{2,14}?)(?:电|报道|消息)?\s*[）)]?$/;
/** A trailing credit inside the last line of a paragraph: …参加活动。 ■据新华社 */
const CREDIT_TAIL = /\s*[■●▲◆]\s*据\s*([^\s（）()■]{2,14}?)(?:电|报道|消息)?\s*$/;
/**
 * A dateline closing an article: （新华社北京9月30日电）, （据新华社电）,
 * （新华社北京10月1日电  记者林晖、熊丰）, （本报尼斯10月9日电）.
 */
const CREDIT_TRAILER = /^[（(]((?:据)?(?:新华社|中新社|央视|本报)[^（）()\s]{0,24}?电)(?:\s+((?:新华社|本报|解放军报)?(?:参与)?(?:记者|通讯员)[^（）()]{1,80}))?[）)]$/;

export interface CreditMatch {
  /** The credited outlet, as printed ('' for a closing 本报 dateline, which credits no one). */
  name: string;
  /** Where `name` starts in the matched string. */
  at: number;
  /** A closing dateline: its start and length in the matched string. */
  dateline?: { at: number; length: number };
  /** A byline in the same line: its start and length in the matched string. */
  byline?: { at: number; length: number };
}

export function matchCreditLine(s: string): CreditMatch | null {
  let m = CREDIT_LINE.exec(s);
  if (m) return { name: m[2]!, at: m[1]!.length };
  m = CREDIT_TRAILER.exec(s);
  if (m) {
    const wire = wireOf(m[1]!);
    const out: CreditMatch = wire ? { name: m[1]!.slice(wire.at, wire.at + wire.length), at: 1 + wire.at } : { name: '', at: 1 };
    out.dateline = { at: 1, length: m[1]!.length };
    if (m[2]) out.byline = { at: s.lastIndexOf(m[2]), length: m[2].length };
    return out;
  }
  return null;
}

/** A credit at the end of a paragraph's text; `index` is where the marker run starts. */
export function matchCreditTail(s: string): (CreditMatch & { index: number }) | null {
  // A credit tail is short: look at the end only (an anchored-at-end regex would scan the whole paragraph).
  const from = Math.max(0, s.length - 40);
  const m = CREDIT_TAIL.exec(s.slice(from));
  if (!m) return null;
  const name = m[1]!;
  const index = from + m.index;
  return { name, index, at: index + m[0].indexOf(name, m[0].indexOf('据')) };
}

/**
 * Labels of boxes inside an article (核心阅读, 编者按, ■记者手记, ■链接): part of
 * its text, never a heading, and (记者手记) never a byline.
 */
export const BOX_LABEL = /^(?:[■●▲◆]\s*)?(?:核心阅读|编者按|编者的话|编后(?:语|记)?|开栏的话|引子|内容提要|阅读提示|记者手记|相关链接|链接|背景链接|知识链接|数据来源|人物小传|延伸阅读|短评)$/;

/** Who drew a cartoon and who wrote its verse: 曹 一图 吕 岩文. */
export const DRAWN_WRITTEN = /^[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){0,3}\s*图\s+[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){0,3}\s*文$/;

const BYLINE_CHARS = /[记讯摄图编作整撰文■●▲◆（(—]/;
/** A name of 1 to 5 characters, or a foreign one with ·. */
const NAME = '[\\u4e00-\\u9fff]{1,5}(?:·[\\u4e00-\\u9fff]{1,8})*';
/** A byline line naming reporters: 本报记者  刘  峰, 湖南日报全媒体记者 孙敏坚, 本报记者 王某 通讯员 李某. */
const REPORTERS_NAMED = new RegExp(`^(?:.{0,16}?(?:记者|通讯员)|本报记者)\\s*${NAME}(?:[\\s\\u3000、]+${NAME})*$`);

/**
 * A byline line: ■湖南日报全媒体记者 孙敏坚; 湖南日报全媒体记者 郭立亮 童臻熙 摄;
 * （本报记者王慧敏、赵永平）; 本报记者  姜泓冰. Returns the byline's span inside `s`.
 */
export function matchBylineLine(s: string): { start: number; end: number } | null {
  // Every byline pattern below needs one of these characters: a cheap test first.
  if (s.length > 80 || !BYLINE_CHARS.test(s)) return null;
  // A dateline opens a paragraph (本报平壤10月6日电  （记者莽九晨）朝鲜…, cut short by a column break), never a byline line.
  if (matchDateline(s) !== null || BOX_LABEL.test(s)) return null;
  let m = /^([■●▲◆]\s*)(?!据)(\S.*)$/.exec(s);
  if (m && /记者|通讯员|摄|编辑|整理|撰文|文\/|图\//.test(m[2]!)) return { start: m[1]!.length, end: s.length };
  m = /^[（(]((?:本报|特约|见习)?(?:记者|通讯员)[^（）()]{1,70}|本报[^（）()]{1,40}?电\s*(?:本报)?记者[^（）()]{1,70})[）)]$/.exec(s);
  if (m) return { start: 1, end: 1 + m[1]!.length };
  // Closing notes on the author: （作者为华中科技大学法学院院长）, （杜海涛）, ——编  者.
  m = /^[（(]((?:作者(?:为|系|是|单位)[^（）()]{2,60})|[\u4e00-\u9fff]{2,4}(?:[、 ][\u4e00-\u9fff]{2,4}){0,5})[）)]$/.exec(s);
  if (m) return { start: 1, end: 1 + m[1]!.length };
  m = /^——\s*([\u4e00-\u9fff][\u4e00-\u9fff ]{1,6})$/.exec(s);
  if (m && /编\s*者|本报评论员|作者/.test(m[1]!)) return { start: s.length - m[1]!.length, end: s.length };
  // Who drew a cartoon and who wrote its verse: 曹 一图 吕 岩文.
  if (DRAWN_WRITTEN.test(s)) return { start: 0, end: s.length };
  if (s.length <= 40 && !/[，。；！？]/.test(s)) {
    // Names after the reporters' title, not a headline that speaks of reporters (加强新闻记者队伍建设 提高…,
    // 第六届“好记者讲好故事”活动…, 服务到企业心坎上（记者手记）; session 6).
    if (REPORTERS_NAMED.test(s) && !/讯$|电$/.test(s)) return { start: 0, end: s.length };
    if (/^\S.{0,30}\s摄(?:影报道)?$/.test(s) || /^(?:.{0,16}记者)?.{0,20}(?:摄影报道|摄|供图)(?:[（(][^（）()]{1,10}[）)])?$/.test(s)) return { start: 0, end: s.length };
  }
  return null;
}
