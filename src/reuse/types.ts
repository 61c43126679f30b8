/**
 * The reprint engine's data model. A `Doc` is one article as the engine sees
 * it; every offset the engine reports is a half-open UTF-16 range into
 * `Doc.text`. Callers that built `text` from a page map offsets back with
 * `Doc.map` (one page offset per UTF-16 unit of `text`).
 */

export interface Doc {
  /** `<file>#<index>` for page articles, the record's `id` for JSONL. */
  id: string;
  /** The outlet (passim's `series`). */
  series: string;
  /** YYYY-MM-DD, or null when unknown. */
  date: string | null;
  text: string;
  /** For page articles: page offset of each UTF-16 unit of `text`. */
  map?: Uint32Array;
  /** The wire service the article credits (新华社, 央视, …), if any. */
  credit?: string | null;
  title?: string | null;
}

export interface DocSpan {
  id: string;
  start: number;
  end: number;
}

/** One aligned passage shared by two docs. */
export interface Passage {
  a: DocSpan;
  b: DocSpan;
  /** Aligned characters (of the match key: no whitespace or punctuation). */
  chars: number;
  /** Share of the aligned characters that match, 0..1. */
  identity: number;
}

/** One difference of a copy against its story's origin, over their aligned region. */
export interface Edit {
  op: 'omitted' | 'added' | 'changed';
  /** The origin's side (null for `added`). */
  origin: { start: number; end: number; text: string } | null;
  /** The copy's side (null for `omitted`). */
  copy: { start: number; end: number; text: string } | null;
  /** True where a changed span swaps one person's name for another. */
  name?: boolean;
}

export interface StoryMember extends DocSpan {
  /** Share of the member's text (match-key characters) covered by the story's passages. */
  coverage: number;
  /** With `--explain`: the edits against the origin (absent on the origin itself). */
  edits?: Edit[];
}

export interface Story {
  story: string;
  /** The id of the origin member. */
  origin: string;
  members: StoryMember[];
}
