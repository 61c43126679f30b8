/**
 * Which heading line of an article is its main headline (主题), and which are
 * kicker (引题) and deck (副题)? Type size would tell; plain text does not.
 * This logistic model scores each line on how well it echoes the lead,
 * where it stands in the group, and how kickers and decks are worded
 * (a kicker ends in ——, 强调 or a colon; a deck opens with ——; a column name
 * （今日谈） closes a headline). The best-scoring line is the headline.
 *
 * Weights fitted by `bench/fitStarts.ts` on synthetic pages built from the odd
 * days of the development corpus, like the models in `starts.ts`.
 */
import { echoes } from './similarity.js';

export interface HeadingLine {
  text: string;
  /** Alone in its block: a main headline is printed large and extracted alone. */
  solo: boolean;
}

const NEWS_VERB = /举行|召开|出席|会见|会谈|发布|签署|印发|开幕|闭幕|致信|致电|主持|访问|启动|成立|出台|发表|宣布|通过/;

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
      /[（(][^（）()]{2,16}[）)]$/.test(l.text) ? 1 : 0,
      l.solo ? 1 : 0,
      l.text.length / 20,
      l.text.length === longest ? 1 : 0,
      NEWS_VERB.test(l.text) ? 1 : 0,
      /\d/.test(l.text) ? 1 : 0,
    ];
  });
}

export const HEADLINE_WEIGHTS = [-1.24, 0.89, 0.46, -0.12, -0.68, -0.12, -3.43, -3.18, 1.43, 0.62, 0.44, -0.21, 0.06, -0.57];

/** The index of the main headline among `lines` (non-empty). */
export function chooseHeadline(lines: readonly HeadingLine[], lead: string, trailing: boolean, weights: readonly number[] = HEADLINE_WEIGHTS): number {
  const rows = headlineFeatures(lines, lead, trailing);
  let best = 0;
  let bestScore = -Infinity;
  rows.forEach((f, i) => {
    let z = 0;
    for (let k = 0; k < f.length; k++) z += f[k]! * (weights[k] ?? 0);
    if (z > bestScore) {
      bestScore = z;
      best = i;
    }
  });
  return best;
}
