/**
 * The page data model. Every part points into the decoded page text with
 * half-open UTF-16 offsets `[start, end)`; `text` is the part as a reader sees
 * it (column wraps joined, see `reflow`), never a guess.
 */

/** A half-open range of UTF-16 code units in the page text. */
export interface Span {
  start: number;
  end: number;
}

/** A piece of the page: its reflowed text and where it stands. */
export interface Part extends Span {
  text: string;
}

/** A credit names the agency or outlet the page credits (新华社, 央视, …). */
export interface Credit extends Part {
  /** `line`: a credit line of its own (■据新华社); `dateline`: read off the dateline (新华社北京1月21日电). */
  source: 'line' | 'dateline';
}

export type ArticleKind = 'news' | 'photo' | 'brief';

export interface Article extends Span {
  kind: ArticleKind;
  headline: Part | null;
  /** Kicker (引题) and subtitle (副题) lines, in page order. */
  decks: Part[];
  dateline: Part | null;
  byline: Part | null;
  credit: Credit | null;
  paragraphs: Part[];
}

/** Why a piece of the page belongs to no article. */
export type NoiseRule =
  | 'qr-caption'
  | 'page-furniture'
  | 'credit-marker'
  | 'bracket'
  | 'orphan-heading';

export interface Noise extends Part {
  rule: NoiseRule;
}

/** A recoverable doubt about the page, with a place and a rule id. */
export interface Message extends Span {
  rule: string;
  reason: string;
}

export interface Page {
  /** The decoded page text (line ends normalised to `\n`); every offset points into it. */
  text: string;
  articles: Article[];
  noise: Noise[];
  messages: Message[];
}
