/**
 * Which heading line of an article is its main headline (主题), and which are
 * kicker (引题) and deck (副题)? Type size would tell; plain text does not.
 * This model scores each line on how well it echoes the lead,
 * where it stands in the group, and how kickers and decks are worded
 * (a kicker ends in ——, 强调 or a colon, or opens with 就 or 在, or names who
 * speaks or acts over a line going on from it, 某某负责人 / 就…发表谈话; a deck
 * opens with —— or names who else attended, 韩正参加会见, or is a number,
 * 第三十六号; a column name （今日谈） closes a headline). The best-scoring line
 * is the headline.
 *
 * Weights fitted by `bench/fitStarts.ts` on synthetic pages built from the odd
 * days of the development corpus, as a conditional logit (McFadden, 1974: one
 * choice among the lines of a group), and checked on the even days.
 */
import { echoes } from './similarity.js';

export interface HeadingLine {
  text: string;
  /** Alone in its block: a main headline is printed large and extracted alone. */
  solo: boolean;
}

const NEWS_VERB = /举行|召开|出席|会见|会谈|发布|签署|印发|开幕|闭幕|致信|致电|主持|访问|启动|成立|出台|发表|宣布|通过/;

/** Who else attended, the usual deck under a leader's headline: 韩正参加会见, 刘鹤出席并讲话. */
export const DECK_ATTENDANCE = /^[\u4e00-\u9fff]{2,12}(?:出席|参加|陪同)(?:会见|会谈|活动|开幕式|仪式|并讲话|并致辞)?$/;
/** How kickers open: 就中朝建交70周年, 在…之际, 为…. */
export const KICKER_OPENING = /^(?:就|在|为|从|对|随着|围绕)[\u4e00-\u9fff]/;
/** A bare name of an event, body or place, as kickers are: 田径世锦赛, 公安部, 香港特区政府. */
export const SHORT_NAME = /^[\u4e00-\u9fff]{2,10}(?:赛|会|展|节|部|局|委|院|政府|委员会|公署|论坛|博览会|世锦赛|公开赛)$/;

/** Two parallel phrases set apart by a space, a common headline form: 好产品 走出去, 一湖清水 百姓安心. */
const PARALLEL = /[\u4e00-\u9fff”》][ \u3000]+[\u4e00-\u9fff“《]/;
/** A line opening with a place, as kickers naming where a story happens do: 乙市加强河湖治理, 甲省乙县…. */
const PLACE_OPENING = /^[\u4e00-\u9fff]{1,5}?(?:省|市|县|区|州|自治区)/;
/** A leader's name and attendance opening the line, the usual deck under a meeting's headline: 王某某出席并会见获奖代表. */
const ATTENDANCE_OPENING = /^[\u4e00-\u9fff]{2,4}(?:出席|参加|陪同)/;

/**
 * How kickers that report the event end, the headline then naming what it
 * is about: 某部门印发 / 某某条例; 某某签署通令 / 嘉奖…; 某会议召开以来 / ….
 */
const KICKER_EVENT = /(?:印发|签署\S{0,3}令|签署通令|召开会议|发表\S{0,6}(?:谈话|文章|声明)|接受\S{0,8}专访|以来|之际|前夕|携手发布|发布)$/;
/** How decks that carry on from the headline open: 5日起开始施行, 今起…, 年底前将…, 开始…. */
const DECK_CONTINUATION = /^(?:\d{1,2}日起|今起|明起|年底前|开始|将|已|并|同时)/;
/** How headlines of events end: …论坛举行, …博览会开幕. */
const EVENT_ENDING = /(?:举行|开幕|召开|闭幕|落幕|启动|揭牌)$/;
/**
 * Verbs a main headline opens with when its kicker names who acts
 * (某部门印发 / 建立…制度; 某某签署通令 / 嘉奖…): an action without a subject.
 */
const VERB_OPENING = /^(?:公布|讨论|嘉奖|通报|建立|推进|推动|支持|坚决|强烈|全力|加快|加强|深化|打造|构建|发展|释放|守护|激扬|服务)/;
/** Who acts, alone on a line: a speaker (…负责人), a list of bodies (甲部、乙办), the public (…各界). */
const SUBJECT = /(?:负责人|发言人|各界|人士)$|^[\u4e00-\u9fff]{2,10}(?:、[\u4e00-\u9fff]{2,10})+$/;
/** A line that goes on from a subject: a preposition or a verb first (就…发表谈话, 支持…, 向…赠送…). */
const PREDICATE = /^(?:就|在|为|对|向|从|支持|坚决|强烈|呼吁|表示|谴责|发表|赠送|举行|召开)/;
/** A deck going on from the event its headline reports, the same subject acting again: 宣读…贺信并致辞, 决定…, 听取…. */
const GOES_ON = /^(?:宣读|决定|听取|审议|强调|要求|部署|表示|指出|调整|出席|参加|会见|共同|并)/;
/** A number alone: the number of an order or a notice (第三十六号, ［十三届］第十号). */
const NUMBERING = /^(?:[［\[][^］\]]{1,8}[］\]])?第[0-9一二三四五六七八九十百零〇]+号$/;
/** A photographer's credit (…摄, …摄影报道) extracted among the headings: never the headline when there is another line. */
const PHOTO_CREDIT = /摄影报道|摄$/;

/** One feature row per line. `trailing`: the headings were extracted after the body text. */
export function headlineFeatures(lines: readonly HeadingLine[], lead: string, trailing: boolean): number[][] {
  const echo = echoes(lines.map((l) => l.text), lead);
  const longest = Math.max(...lines.map((l) => l.text.length));
  const n = lines.length;
  return lines.map((l, i) => {
    const others = Math.max(0, ...echo.filter((_, j) => j !== i));
    const t = trailing ? 1 : 0;
    return [
      1,
      echo[i]!,
      echo[i]! - others,
      // Where the line stands. Inline, first against last is left out on
      // purpose: rmrb prints kicker-then-headline more often, the seed pages
      // headline-then-deck, so only the middle of three says anything.
      i > 0 && i < n - 1 ? 1 : 0,
      i === 0 ? t : 0,
      i === n - 1 ? t : 0,
      /^[—－-]{1,2}/.test(l.text) ? 1 : 0,
      /(?:——|—|：|:|强调|指出|表示)$/.test(l.text) ? 1 : 0,
      /[^（(][（(][^（）()]{2,40}[）)]$/.test(l.text) ? 1 : 0,
      l.solo ? 1 : 0,
      l.text.length / 20,
      l.text.length === longest ? 1 : 0,
      NEWS_VERB.test(l.text) ? 1 : 0,
      /\d/.test(l.text) ? 1 : 0,
      Math.min(1, (echo[i]! * l.text.length) / 20),
      DECK_ATTENDANCE.test(l.text) ? 1 : 0,
      KICKER_OPENING.test(l.text) ? 1 : 0,
      SHORT_NAME.test(l.text) ? 1 : 0,
      PARALLEL.test(l.text) ? 1 : 0,
      PLACE_OPENING.test(l.text) ? 1 : 0,
      ATTENDANCE_OPENING.test(l.text) ? 1 : 0,
      /[，,]/.test(l.text) ? 1 : 0,
      /^“[^“”]+”$/.test(l.text) ? 1 : 0,
      // Session 4, fitted with the weights above held.
      KICKER_EVENT.test(l.text) ? 1 : 0,
      DECK_CONTINUATION.test(l.text) ? 1 : 0,
      /[%％]/.test(l.text) ? 1 : 0,
      /、/.test(l.text) && !/[，,]/.test(l.text) ? 1 : 0,
      EVENT_ENDING.test(l.text) ? 1 : 0,
      VERB_OPENING.test(l.text) ? 1 : 0,
      // The second of two lines extracted after the text: rmrb prints a kicker over a headline more often than a deck under it.
      n === 2 && i === 1 ? t : 0,
      i > 0 && SUBJECT.test(lines[i - 1]!.text) && PREDICATE.test(l.text) ? 1 : 0,
      i + 1 < n && SUBJECT.test(l.text) && PREDICATE.test(lines[i + 1]!.text) ? 1 : 0,
      NUMBERING.test(l.text) ? 1 : 0,
      /^[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日/.test(l.text) ? 1 : 0,
      i > 0 && NEWS_VERB.test(lines[i - 1]!.text) && !KICKER_EVENT.test(lines[i - 1]!.text) && GOES_ON.test(l.text) ? 1 : 0,
    ];
  });
}

export const HEADLINE_WEIGHTS = [0.00, 1.43, -0.88, 0.53, -0.15, -0.34, -3.76, -3.63, 2.00, 1.17, -0.17, -0.34, 0.28, -0.33, 1.32, -1.96, -0.32, -0.73, 0.40, -0.85, -0.40, -0.70, 2.04, -0.67, -1.08, -1.20, -1.07, 0.53, 1.04, 0.54, 0.90, -0.90, -0.82, -1.06, -1.94];

/** The index of the main headline among `lines` (non-empty). */
export function chooseHeadline(lines: readonly HeadingLine[], lead: string, trailing: boolean, weights: readonly number[] = HEADLINE_WEIGHTS): number {
  const rows = headlineFeatures(lines, lead, trailing);
  let best = 0;
  let bestScore = -Infinity;
  // A line wholly in brackets (a date: （2019年9月30日）) is a deck whenever
  // there is another line, and a photographer's credit is no heading at all.
  const bracketed = lines.map((l) => /^[（(].*[）)]$/.test(l.text) || PHOTO_CREDIT.test(l.text));
  const some = bracketed.includes(false);
  rows.forEach((f, i) => {
    if (some && bracketed[i]) return;
    let z = 0;
    for (let k = 0; k < f.length; k++) z += f[k]! * (weights[k] ?? 0);
    if (z > bestScore) {
      bestScore = z;
      best = i;
    }
  });
  return best;
}
