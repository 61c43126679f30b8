import type { Generated } from 'kysely';

/**
 * The store's schema as a type (Kysely's `Database`): one interface per
 * table, nullable columns as `T | null`. The tables are created by the frozen
 * migrations in `migrations.ts`; the search index is engine-specific and
 * lives outside this type (see `engine.ts`, `Search`).
 *
 * Keys: a source is keyed by the SHA-256 of (series, date, text), so
 * ingesting the same text twice is a no-op. An article's `id` hashes its
 * source id and index; `num` is its dense integer key, used by
 * fingerprint runs, passages and stories. All offsets are half-open UTF-16 ranges.
 */
export interface SourceTable {
  /** SHA-256 hex of `series \0 date \0 text`. */
  id: string;
  /** The path the source was first read from. */
  path: string;
  /** Reader: `page`, `jsonl`, `rmrb`, `cctv`. */
  format: string;
  series: string;
  date: string | null;
  page: string | null;
  /** The source text every article part points into (page text, record text, or the rendered transcript). */
  text: string;
  articles: number;
  ingested_at: string;
}

/** Article states: new → fingerprinted → matched. */
export const NEW = 0;
export const FINGERPRINTED = 1;
export const MATCHED = 2;

export interface ArticleTable {
  num: number;
  /** `a` + 16 hex digits of SHA-256(source id # index). */
  id: string;
  /** The id `wiretrace reprints` would give it: `<file>#<index>`, or the JSONL record id. Unique. */
  ref: string;
  source_id: string;
  idx: number;
  series: string;
  date: string | null;
  page: string | null;
  kind: string;
  title: string | null;
  /** The wire service or outlet the article credits. */
  credit: string | null;
  /** The body as the reprint engine sees it (`Doc.text`). */
  text: string;
  /** The page article (`Article` of src/page, offsets into the source text) as JSON. */
  parts: string;
  /** Match-key characters of `text`. */
  chars: number;
  /** NEW, FINGERPRINTED or MATCHED. */
  state: number;
}

/**
 * One fingerprint run: the winnowed n-gram fingerprints of a batch of
 * articles, written once when they are fingerprinted and never updated
 * (append-only, like the segments of a log-structured index; a B-tree keyed
 * by (hash, article) rewrote most of its pages on every batch once it
 * outgrew the cache). Arrays are little-endian 32-bit: `nums` (the
 * articles, ascending), `counts` (fingerprints per article) and `hashes`
 * (each article's fingerprints in turn, repeats included).
 */
export interface FingerprintRunTable {
  run: Generated<number>;
  first_num: number;
  last_num: number;
  articles: number;
  postings: number;
  nums: Uint8Array;
  counts: Uint8Array;
  hashes: Uint8Array;
}

/** An aligned passage; offsets into each article's `text`; `a` is the earlier article. */
export interface PassageTable {
  /** Hash of both sides' nums and offsets. */
  id: string;
  a: number;
  a_start: number;
  a_end: number;
  b: number;
  b_start: number;
  b_end: number;
  chars: number;
  identity: number;
  /** 1 once its story has been (re)built. */
  storied: number;
}

export interface StoryTable {
  id: string;
  origin: number;
  members: number;
  outlets: number;
  first_date: string | null;
  last_date: string | null;
  /** Days from the origin's date to the latest member's; null when undated. */
  spread_days: number | null;
}

export interface StoryMemberTable {
  story: string;
  num: number;
  start: number;
  end: number;
  coverage: number;
  /** Days after the origin's date; null when either is undated. */
  days_after: number | null;
  seq: number;
}

export interface EditTable {
  story: string;
  num: number;
  seq: number;
  op: string;
  origin_start: number | null;
  origin_end: number | null;
  origin_text: string | null;
  copy_start: number | null;
  copy_end: number | null;
  copy_text: string | null;
  name: number;
}

/** Settings fixed for a database (n-gram size and winnowing window of its fingerprints). */
export interface SettingTable {
  key: string;
  value: string;
}

export interface Database {
  sources: SourceTable;
  articles: ArticleTable;
  fingerprint_runs: FingerprintRunTable;
  passages: PassageTable;
  stories: StoryTable;
  story_members: StoryMemberTable;
  edits: EditTable;
  settings: SettingTable;
}
