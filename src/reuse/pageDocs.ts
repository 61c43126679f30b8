/**
 * The documents of a parsed page: one `Doc` per article, id `<file>#<index>`.
 * Its text is the article's paragraphs (reflowed: column wraps joined) joined
 * with "\n"; headline, decks, dateline, byline and credit line stay out of it,
 * so a reprint is matched on body text only. `map` gives the page offset of
 * every UTF-16 unit of the text (a joining "\n" maps to the
 * page character just before the next paragraph), so passages can be reported in page offsets
 * (`pageSpan`).
 */
import type { Page } from '../page/types.js';
import type { Doc } from './types.js';
import { reflow } from '../text/reflow.js';

export function pageDocs(file: string, page: Page, series: string, date: string | null): Doc[] {
  return page.articles.map((article, index) => {
    const parts: string[] = [];
    const maps: Uint32Array[] = [];
    for (const p of article.paragraphs) {
      const r = reflow(page.text, p.start, p.end);
      if (parts.length > 0) {
        parts.push('\n');
        maps.push(Uint32Array.of(Math.max(0, p.start - 1)));
      }
      parts.push(r.text);
      maps.push(r.map);
    }
    const text = parts.join('');
    const map = new Uint32Array(text.length);
    let k = 0;
    for (const m of maps) {
      map.set(m, k);
      k += m.length;
    }
    return {
      id: `${file}#${index}`,
      series,
      date,
      text,
      map,
      credit: article.credit?.text ?? null,
      title: article.headline?.text ?? null,
    };
  });
}
