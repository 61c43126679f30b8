/**
 * Synthetic page text built from real articles, with the ground truth the
 * builder knows. Two layouts, after the seeds:
 *
 * - `epaper` (seed 000): heading lines, then sometimes a QR caption
 *   (扫码看视频), then one paragraph per line separated by blank lines; a few
 *   paragraphs split by a column break (a blank line mid-sentence); Xinhua
 *   articles lose their dateline and end in ` ■据新华社`.
 * - `pdf` (seed 001): body hard-wrapped to a column width (16–22 per page),
 *   column breaks (a blank line) every 40–70 lines wherever they fall, and the
 *   heading lines of all articles moved after all body text.
 *
 * Everything is deterministic: one mulberry32 stream per page and layout,
 * seeded from the page id. The corpus is read at run time; nothing from it
 * is stored in the repository.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export type Layout = 'epaper' | 'pdf';
export const LAYOUTS: readonly Layout[] = ['epaper', 'pdf'];

/** One article file: kicker, headline, deck and body lines as printed. */
export interface SourceArticle {
  file: string;
  kicker: string;
  headline: string;
  deck: string;
  /** Body paragraphs, indentation (U+3000, spaces) trimmed at both ends. */
  paragraphs: string[];
}

export interface SourcePage {
  /** `YYYYMMDD-PP` */
  id: string;
  articles: SourceArticle[];
}

/** What the builder knows about one article of a built page. */
export interface TruthArticle {
  file: string;
  /** Page offset of the first body character (the dateline if printed, else the first paragraph). */
  start: number;
  /** Page offset just past the last body character (credit marker included). */
  end: number;
  kind: 'news' | 'photo';
  headline: string;
  /** Kicker and deck lines, in page order. */
  decks: string[];
  dateline: string | null;
  byline: string | null;
  credit: string | null;
  paragraphs: number;
}

export interface BuiltPage {
  id: string;
  layout: Layout;
  text: string;
  truth: TruthArticle[];
}

/** mulberry32: a tiny, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, to seed a page's PRNG from its id. */
export function hashSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const TRIM = /^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g;
/**
 * A line of page furniture: who took the pictures or laid the page out
 * (本版摄影：…, 版式设计：…, 图片来源：…). Written out here rather than
 * imported from the splitter's cues, so that the truth does not move with them.
 */
const FURNITURE = /^(?:本版(?:摄影|制图|图片|责编)|版式设计|图片来源|制图|责任编辑|美术编辑)[：:]/;

/**
 * Reads `<root>/<YYYYMMDD>/<YYYYMMDD>-<page>-<n>.txt` into pages, in page and
 * article order. An article whose file content was already seen (the same
 * article under two pages) is skipped, and so is an article with no body
 * (a photo or an advert with a headline only: nothing to segment), or whose
 * only body lines are page furniture (图片报道 over 版式设计：某某, 7 in the
 * development corpus): the gold conventions count furniture as noise, never
 * as body text, so such an article has no body either (session 8).
 */
export function readCorpus(root: string): SourcePage[] {
  if (!existsSync(root)) return [];
  const seen = new Set<string>();
  const pages = new Map<string, SourceArticle[]>();
  for (const day of readdirSync(root).sort()) {
    if (!/^\d{8}$/.test(day)) continue;
    const files = readdirSync(join(root, day))
      .filter((f) => /^\d{8}-\d+-\d+\.txt$/.test(f))
      .sort((a, b) => {
        const [, pa = 0, na = 0] = a.replace('.txt', '').split('-').map(Number);
        const [, pb = 0, nb = 0] = b.replace('.txt', '').split('-').map(Number);
        return pa - pb || na - nb;
      });
    for (const f of files) {
      const raw = readFileSync(join(root, day, f), 'utf8');
      if (seen.has(raw)) continue;
      seen.add(raw);
      const lines = raw.split(/\r?\n/);
      const body = lines.slice(3).map((l) => l.replace(TRIM, '')).filter((l) => l !== '');
      if (body.length === 0 || body.every((l) => FURNITURE.test(l))) continue;
      const parts = f.replace('.txt', '').split('-');
      const id = `${parts[0]}-${parts[1]}`;
      const list = pages.get(id) ?? [];
      list.push({
        file: `${day}/${f}`,
        kicker: (lines[0] ?? '').replace(TRIM, ''),
        headline: (lines[1] ?? '').replace(TRIM, ''),
        deck: (lines[2] ?? '').replace(TRIM, ''),
        paragraphs: body,
      });
      pages.set(id, list);
    }
  }
  return [...pages].map(([id, articles]) => ({ id, articles }));
}

// ---------------------------------------------------------------------------
// Expected dateline, byline, credit: small extractors after the seed gold.
//
// - Opening dateline: `新华社北京10月8日电`, `据新华社澳门10月1日电`,
//   `本报北京10月8日电`, `本报讯`, `中新社…电`, at the very start of the first paragraph. Credit is the
//   agency named (新华社, 中新社); 本报 (the paper itself) gives no credit.
// - Byline right after the dateline in brackets: `（记者常钦）` → `记者常钦`,
//   `（李龙伊、程欣然）` → `李龙伊、程欣然`.
// - A closing line `（本报记者王某）` / `（记者王某）` is the byline; a
//   closing `（据新华社电）`, `（新华社北京10月1日电）` or
//   `（新华社北京10月1日电  记者林晖、熊丰）` is the credit 新华社 (and the
//   byline 记者…); `（本报加德满都10月13日电  记者孙广勇）` is the byline
//   记者孙广勇 (本报 is no credit; without 记者… the line stays); a short closing line ending
//   in 摄 or 摄影报道 (`新华社记者 李鑫摄`, `魏东升摄（影像中国）`) is a photo byline, and a
//   closing `某 某图 某某文` (a cartoon's artist and writer) a byline. Such
//   a closing line is not a paragraph. Anything else stays a paragraph.
// ---------------------------------------------------------------------------

const DATELINE = /^(据?(新华社|中新社|本报)[^\s，。：（(）)]{0,20}?(电|讯))/;
const CLOSING_WIRE = /^[（(](据?新华社|本报)[^）)\s]*电(?:[\s\u3000\u00a0]+(记者[^）)]+))?[）)]$/;
/**
 * Who drew a cartoon and who wrote its verse, closing it: 曹 一图 吕 岩文
 * (session 5). Written out here rather than imported, like the other truth
 * patterns, so that the truth does not move with the splitter's cues.
 */
const DRAWN_WRITTEN = /^[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){0,3}\s*图\s+[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){0,3}\s*文$/;
const LEAD_BYLINE = /^[\s\u3000\u00a0]*[（(]([^）)]{1,40})[）)]/;

export interface Expected {
  dateline: string | null;
  /** Length of the dateline plus following byline bracket and spaces, in the first paragraph. */
  leadLength: number;
  byline: string | null;
  credit: string | null;
  /** The closing paragraph was consumed as byline or credit. */
  closingConsumed: boolean;
  photo: boolean;
}

export function expectedFields(paragraphs: readonly string[]): Expected {
  const out: Expected = { dateline: null, leadLength: 0, byline: null, credit: null, closingConsumed: false, photo: false };
  const first = paragraphs[0] ?? '';
  const m = DATELINE.exec(first);
  if (m) {
    out.dateline = m[1] ?? null;
    out.leadLength = m[0].length;
    if (m[2] !== '本报') out.credit = m[2] ?? null;
    const rest = first.slice(out.leadLength);
    const b = LEAD_BYLINE.exec(rest);
    if (b) {
      out.byline = (b[1] ?? '').trim();
      out.leadLength += b[0].length;
    }
    while (out.leadLength < first.length && /[\s\u3000\u00a0]/.test(first[out.leadLength] ?? '')) out.leadLength++;
  }
  if (paragraphs.length > 1) {
    const last = paragraphs[paragraphs.length - 1] ?? '';
    let c: RegExpExecArray | null;
    if ((c = /^[（(]((本报)?记者[^）)]{1,60})[）)]$/.exec(last)) && out.byline === null) {
      out.byline = c[1] ?? null;
      out.closingConsumed = true;
    } else if ((c = CLOSING_WIRE.exec(last)) && (c[1] === '本报' ? c[2] && out.byline === null : out.credit === null)) {
      if (c[1] !== '本报') out.credit = '新华社';
      if (c[2] && out.byline === null) out.byline = c[2].trim();
      out.closingConsumed = true;
    } else if (DRAWN_WRITTEN.test(last) && out.byline === null) {
      out.byline = last;
      out.closingConsumed = true;
    } else if (last.length <= 30 && /摄(?:影报道)?([（(][^）)]{1,8}[）)])?$/.test(last) && out.byline === null) {
      out.byline = last;
      out.closingConsumed = true;
      out.photo = true;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Layout builders.
// ---------------------------------------------------------------------------

const SENTENCE_END = /[。！？…”』」!?]/;

const NO_LINE_START = /[，。、；：！？）》」』”’…·]/;

/** Visual width: CJK (and other non-ASCII) 1, ASCII 0.5. */
function width(c: string): number {
  return c.charCodeAt(0) < 0x80 ? 0.5 : 1;
}

/** Split a paragraph at a random point that is not a sentence end, or null if it is too short. */
function columnBreak(p: string, rnd: () => number): [string, string] | null {
  if (p.length < 12) return null;
  for (let tries = 0; tries < 8; tries++) {
    const at = 3 + Math.floor(rnd() * (p.length - 6));
    if (!SENTENCE_END.test(p[at - 1] ?? '') && !/\s/.test(p[at - 1] ?? '') && !/\s/.test(p[at] ?? '')) {
      return [p.slice(0, at), p.slice(at)];
    }
  }
  return null;
}

class Writer {
  text = '';
  write(s: string): number {
    const at = this.text.length;
    this.text += s;
    return at;
  }
}

function headingTruth(a: SourceArticle, order: string[]): string[] {
  return order.filter((s) => s !== '' && s !== a.headline);
}

/** E-paper layout, like seed 000. */
export function buildEpaper(page: SourcePage, seed = hashSeed(page.id + '/epaper')): BuiltPage {
  const rnd = mulberry32(seed);
  const w = new Writer();
  const truth: TruthArticle[] = [];
  w.write(rnd() < 0.5 ? '\n\n' : '');
  page.articles.forEach((a, i) => {
    if (i > 0) w.write(rnd() < 0.2 ? '\n\n\n\n' : '\n\n');
    const heads = [a.kicker, a.headline, a.deck].filter((s) => s !== '');
    w.write(heads.join('\n\n'));
    if (rnd() < 0.3) w.write('\n\n\n\n扫码看视频');
    w.write('\n\n');
    const exp = expectedFields(a.paragraphs);
    const xinhua = exp.dateline !== null && /^据?新华社/.test(exp.dateline);
    let paras = a.paragraphs.slice();
    let count = paras.length - (exp.closingConsumed ? 1 : 0);
    let byline = exp.byline;
    if (xinhua) {
      const firstRest = (paras[0] ?? '').slice(exp.leadLength);
      if (firstRest === '') {
        paras = paras.slice(1);
        count--;
      } else paras[0] = firstRest;
      // The lead byline went with the dateline; a closing one stays.
      if (!exp.closingConsumed) byline = null;
      // The credit marker ends the last real paragraph (before a closing
      // photo credit, which is not a paragraph).
      const last = paras.length - (exp.closingConsumed && paras.length > 1 ? 2 : 1);
      if (last >= 0) paras[last] = `${paras[last]} ■据新华社`;
    }
    let start = -1;
    paras.forEach((p, k) => {
      if (k > 0) w.write('\n\n');
      const split = rnd() < 0.05 ? columnBreak(p, rnd) : null;
      const at = w.write(split ? `${split[0]}\n\n${split[1]}` : p);
      if (start < 0) start = at;
    });
    truth.push({
      file: a.file,
      start,
      end: w.text.length,
      kind: exp.photo && count <= 2 ? 'photo' : 'news',
      headline: a.headline,
      decks: headingTruth(a, heads),
      dateline: xinhua ? null : exp.dateline,
      byline,
      credit: xinhua ? '新华社' : exp.credit,
      paragraphs: count,
    });
  });
  w.write('\n');
  return { id: page.id, layout: 'epaper', text: w.text, truth };
}

/** PDF column layout, like seed 001. */
export function buildPdf(page: SourcePage, seed = hashSeed(page.id + '/pdf')): BuiltPage {
  const rnd = mulberry32(seed);
  const col = 16 + Math.floor(rnd() * 7);
  const w = new Writer();
  const truth: TruthArticle[] = [];
  let linesLeft = 40 + Math.floor(rnd() * 31);
  // Every body line counts towards the next column break, a blank line
  // inserted wherever it falls (mid-sentence, or doubling a paragraph gap).
  const emitLine = (s: string) => {
    w.write(s);
    w.write('\n');
    if (--linesLeft <= 0) {
      w.write('\n');
      linesLeft = 40 + Math.floor(rnd() * 31);
    }
  };
  const headings: string[][] = [];
  page.articles.forEach((a, i) => {
    if (i > 0) w.write('\n');
    const exp = expectedFields(a.paragraphs);
    let start = -1;
    a.paragraphs.forEach((p, k) => {
      if (k > 0) w.write('\n');
      const indent = rnd() < 0.15 ? ' ' : '';
      const at = w.text.length + indent.length;
      if (start < 0) start = at;
      // Hard wrap by visual width.
      let line = indent;
      let lw = indent.length * 0.5;
      const chars = [...p];
      for (let j = 0; j < chars.length; j++) {
        const c = chars[j] ?? '';
        const cw = width(c);
        // Closing punctuation never starts a line (kinsoku): it hangs.
        if (lw + cw > col && line !== '' && !NO_LINE_START.test(c)) {
          emitLine(line);
          line = '';
          lw = 0;
        }
        line += c;
        lw += cw;
      }
      emitLine(line);
    });
    // Heading blocks for the end of the page: natural order, or (sometimes,
    // as seed 001 shows) kicker and deck together as one block, then the headline.
    const blocks: string[] = [];
    const order: string[] = [];
    if (a.kicker !== '' && a.deck !== '' && rnd() < 0.35) {
      blocks.push(`${a.kicker}\n${a.deck}`, a.headline);
      order.push(a.kicker, a.deck, a.headline);
    } else {
      for (const s of [a.kicker, a.headline, a.deck]) {
        if (s === '') continue;
        blocks.push(s);
        order.push(s);
      }
    }
    headings.push(blocks);
    let end = w.text.length;
    while (end > 0 && w.text[end - 1] === '\n') end--;
    truth.push({
      file: a.file,
      start,
      end,
      kind: exp.photo && a.paragraphs.length - (exp.closingConsumed ? 1 : 0) <= 2 ? 'photo' : 'news',
      headline: a.headline,
      decks: headingTruth(a, order),
      dateline: exp.dateline,
      byline: exp.byline,
      credit: exp.credit,
      paragraphs: a.paragraphs.length - (exp.closingConsumed ? 1 : 0),
    });
  });
  for (const blocks of headings) {
    w.write('\n');
    w.write(blocks.join('\n\n'));
    w.write('\n');
  }
  return { id: page.id, layout: 'pdf', text: w.text, truth };
}

export function buildPage(page: SourcePage, layout: Layout): BuiltPage {
  return layout === 'epaper' ? buildEpaper(page) : buildPdf(page);
}
