/**
 * Maps a half-open range of `Doc.text` to the page text through `Doc.map`
 * (one page offset per UTF-16 unit of `text`). Without a map the range is
 * returned as is (JSONL records: offsets are into the record's text).
 */
import type { Doc } from './types.js';

export function pageSpan(doc: Pick<Doc, 'map'>, start: number, end: number): { start: number; end: number } {
  const map = doc.map;
  if (!map || end <= start) return { start, end };
  return { start: map[start]!, end: map[end - 1]! + 1 };
}
