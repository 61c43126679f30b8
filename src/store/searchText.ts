/**
 * Chinese full-text search without a word segmenter, the Lucene CJK analyzer
 * way: an article is indexed as the overlapping character bigrams of its
 * match key (so 普京 and 团洲 are terms of their own), followed by its last
 * character alone. A query becomes the phrase of its own bigrams, which only
 * matches consecutive bigrams: the query's characters in a row. A
 * one-character query is a prefix query (`京*`): every occurrence of a
 * character starts a bigram, or is the last character. (Single characters
 * were indexed too at first: twice the terms, for the rare one-character
 * query; ingest spent most of its time in the index.) Match keys drop punctuation, fold width and case, and
 * map traditional characters to simplified, so 普京 finds 普京、 and 蒲京 does not.
 */
import { matchKey, matchKeyText, keyToText } from '../reuse/matchKey.js';

/** Index terms of an article: bigrams in order, then the last character, space-separated (`textKey`: the text's match key, when the caller has it). */
export function searchTerms(title: string | null, text: string, textKey = matchKeyText(text)): string {
  const chars = Array.from(matchKeyText(title ?? '') + textKey);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  if (chars.length > 0) out.push(chars[chars.length - 1]!);
  return out.join(' ');
}

/** What an article can be filtered by: the columns `SearchFilters` names. */
export interface Facets {
  series: string;
  date: string | null;
  page: string | null;
  kind: string;
}

const hex = (v: string): string => Buffer.from(v, 'utf8').toString('hex');

/**
 * Filter terms, indexed beside the text the way search engines index fields
 * as terms: `_o` outlet, `_d` day, `_p` page, `_k` kind (values in hex, so
 * any string is one term). They start with `_`, which a match key never
 * holds, so no query's bigrams or prefix can meet them. A filtered query
 * intersects their postings with the phrase's inside the index instead of
 * looking up every match's article.
 */
export function facetTerm(facet: 'o' | 'd' | 'p' | 'k', value: string): string {
  return `_${facet}${facet === 'd' ? value.replace(/-/g, '') : hex(value)}`;
}

export function facetTerms(f: Facets): string {
  const out = [facetTerm('o', f.series), facetTerm('k', f.kind)];
  if (f.date !== null) out.push(facetTerm('d', f.date));
  if (f.page !== null) out.push(facetTerm('p', f.page));
  return out.join(' ');
}

/** Whether the query is one character, to be looked up as the prefix of index terms. */
export function isCharQuery(tokens: string[]): boolean {
  return tokens.length === 1 && Array.from(tokens[0]!).length === 1;
}

/** The phrase to look for: a query's bigrams, or its one character; empty when nothing searchable is left. */
export function queryTokens(query: string): string[] {
  const chars = Array.from(matchKey(query).key);
  if (chars.length <= 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

export interface Snippet {
  /** The text around the first hit, hits wrapped in ⟦ ⟧. */
  text: string;
  /** Every hit in the article's body text, as half-open UTF-16 offsets into `text` of the article. */
  hits: { start: number; end: number }[];
}

/** Where the query occurs in an article body, with a snippet of about `width` characters around the first hit. */
export function snippet(text: string, query: string, width = 60): Snippet {
  const q = matchKey(query).key;
  const mk = matchKey(text);
  const hits: { start: number; end: number }[] = [];
  if (q.length > 0) {
    for (let k = mk.key.indexOf(q); k >= 0; k = mk.key.indexOf(q, k + q.length)) hits.push(keyToText(mk, text, k, k + q.length));
  }
  const first = hits[0];
  const from = first ? Math.max(0, first.start - Math.floor((width - (first.end - first.start)) / 2)) : 0;
  const to = Math.min(text.length, from + width);
  let out = '';
  let at = from;
  for (const h of hits) {
    if (h.start < at || h.end > to) continue;
    out += text.slice(at, h.start) + '⟦' + text.slice(h.start, h.end) + '⟧';
    at = h.end;
  }
  out += text.slice(at, to);
  out = out.replace(/\s+/g, ' ');
  return { text: (from > 0 ? '…' : '') + out + (to < text.length ? '…' : ''), hits };
}
