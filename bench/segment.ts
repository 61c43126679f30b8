/**
 * Segmentation benchmark: build every page of the People's Daily corpus in
 * both layouts (see `pages.ts`), split it with `parsePage`, score the split
 * against what the builder knows, and time it.
 *
 * Scoring rule (boundaries). A true article's body starts at `T`, the page
 * offset of its dateline if printed, else of its first paragraph. Its window
 * is `[T, W)`, where `W` is just past the 8th non-white-space character from
 * `T` (so the rule is the same for wrapped and unwrapped text). A predicted
 * article's body start `P` is the smaller of its dateline and first
 * paragraph starts, moved forward over white space; a prediction with no
 * dateline and no paragraph has no body start and matches nothing. A
 * prediction matches a true article when `T <= P < W`; matching is one to
 * one (the earliest unused prediction in the window). Precision = matched /
 * predicted, recall = matched / true.
 *
 * Field accuracies are over true articles; an unmatched true article counts
 * as wrong for every field. `heads` (diagnostic) is right when the
 * article's heading lines as a whole (headline and decks, roles ignored) are
 * the true ones: the lines went to the right article, whatever their role.
 *
 * Loose boundaries (diagnostic, `F1loose`): a prediction matches when its
 * body start falls anywhere inside the true body `[T, end)`, one to one. The
 * gap between F1 and F1loose counts starts that are near but not exact
 * (a first paragraph taken for a heading, or a heading for a paragraph). Texts are compared with all white space removed;
 * decks also lose leading dashes (——, —) and compare as multisets; bylines
 * lose enclosing brackets and ■; credits lose ■, 据, brackets and a final 电.
 *
 * Debugging: `SEG_DUMP=pdf` (or `epaper`, `all`) prints the first
 * `SEG_DUMP_N` (default 15) mismatches of each class with context.
 * `SEG_DAYS=odd` (or `even`) scores only the pages of odd (even) days: the
 * odd days are where weights are fitted or tuned, the even days check them.
 * `SEG_LAYOUT=pdf` (or `epaper`) runs one layout; `SEG_SPEED=0` skips timing.
 * `SEG_SPEED_AGAINST=<other build>/dist/src/page/index.js` also times that
 * build's parsePage over the same pages, in alternating rounds
 * (`SEG_SPEED_ROUNDS`, default 10), and prints the medians: on a shared
 * machine, runs a minute apart differ more than two splitters do.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePage } from '../src/page/index.js';
import type { Article, Page } from '../src/page/types.js';
import { reflow } from '../src/text/reflow.js';
import { LAYOUTS, buildPage, readCorpus, type BuiltPage, type Layout, type TruthArticle } from './pages.js';

const TARGET_F1 = 0.97;
const TARGET_HEADLINE = 0.95;
const TARGET_MBPS = 20;
const WINDOW = 8;

/** `../shared/corpora` next to the repository, or `$WIRETRACE_CORPORA`. */
export function corporaDir(): string {
  const env = process.env['WIRETRACE_CORPORA'];
  if (env) return env;
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  return join(repo, '..', 'shared', 'corpora');
}

const WS = /[\s\u3000\u00a0]/g;
const isWs = (c: string | undefined) => c !== undefined && /[\s\u3000\u00a0]/.test(c);

const norm = (s: string | null | undefined) => (s == null ? null : s.replace(WS, ''));
const normDeck = (s: string) => s.replace(WS, '').replace(/^[—－-]+/, '');
const normByline = (s: string | null | undefined) =>
  s == null ? null : s.replace(WS, '').replace(/^■/, '').replace(/^[（(](.*)[）)]$/, '$1');
const normCredit = (s: string | null | undefined) =>
  s == null ? null : s.replace(WS, '').replace(/[■（()）]/g, '').replace(/^据/, '').replace(/电$/, '');

function sameDecks(truth: readonly string[], pred: readonly { text: string }[]): boolean {
  const a = truth.map(normDeck).sort();
  const b = pred.map((p) => normDeck(p.text)).sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Body start of a prediction (see the scoring rule), or -1. */
function predStart(a: Article, text: string): number {
  const starts = [a.dateline?.start, a.paragraphs[0]?.start].filter((x): x is number => x !== undefined);
  if (starts.length === 0) return -1;
  let p = Math.min(...starts);
  while (p < text.length && isWs(text[p])) p++;
  return p;
}

function windowEnd(text: string, t: number): number {
  let n = 0;
  let i = t;
  while (i < text.length && n < WINDOW) {
    if (!isWs(text[i])) n++;
    i++;
  }
  return i;
}

type Field = 'headline' | 'decks' | 'heads' | 'dateline' | 'byline' | 'credit' | 'paragraphs' | 'kind';
const FIELDS: Field[] = ['headline', 'decks', 'heads', 'dateline', 'byline', 'credit', 'paragraphs', 'kind'];

interface Tally {
  pages: number;
  errors: number;
  truth: number;
  predicted: number;
  matched: number;
  /** Matches under the loose rule (see the header). */
  loose: number;
  right: Record<Field, number>;
}

interface Mismatch {
  cls: string;
  page: BuiltPage;
  message: string;
}

function ctx(text: string, at: number, before = 20, after = 40): string {
  const a = Math.max(0, at - before);
  const b = Math.min(text.length, at + after);
  return (text.slice(a, at) + '‸' + text.slice(at, b)).replace(/\n/g, '⏎');
}

function show(s: string | null | undefined): string {
  return s == null ? '∅' : JSON.stringify(s);
}

function scorePage(page: BuiltPage, parsed: Page, tally: Tally, out: Mismatch[]): void {
  const { text } = page;
  const preds = parsed.articles.map((a) => ({ a, p: predStart(a, text), used: false }));
  tally.truth += page.truth.length;
  tally.predicted += preds.length;
  const order = preds.slice().sort((x, y) => x.p - y.p);
  const pairs: [TruthArticle, Article | null][] = page.truth.map((t) => {
    const w = windowEnd(text, t.start);
    const hit = order.find((x) => !x.used && x.p >= t.start && x.p < w);
    if (hit) hit.used = true;
    return [t, hit ? hit.a : null];
  });
  const used = new Set<number>();
  for (const t of page.truth) {
    const k = order.findIndex((x, i) => !used.has(i) && x.p >= t.start && x.p < t.end);
    if (k >= 0) {
      used.add(k);
      tally.loose++;
    }
  }
  for (const [t, a] of pairs) {
    if (!a) {
      const cover = preds.find((x) => x.a.start <= t.start && t.start < x.a.end);
      const near = cover ?? order.find((x) => x.p >= t.start);
      out.push({
        cls: 'missed',
        page,
        message:
          `true ${show(t.headline)} body ${ctx(text, t.start)}\n` +
          (near
            ? `      pred here: ${show(near.a.headline?.text)} body ${near.p >= 0 ? ctx(text, near.p) : '(none)'} [${near.a.start},${near.a.end})`
            : '      no prediction covers it'),
      });
      continue;
    }
    tally.matched++;
    const got: Record<Field, boolean> = {
      headline: a.headline !== null && norm(a.headline.text) === norm(t.headline),
      decks: sameDecks(t.decks, a.decks),
      heads: sameDecks([t.headline, ...t.decks], [...(a.headline ? [a.headline] : []), ...a.decks]),
      dateline: norm(a.dateline?.text) === norm(t.dateline),
      byline: normByline(a.byline?.text) === normByline(t.byline),
      credit: normCredit(a.credit?.text) === normCredit(t.credit),
      paragraphs: a.paragraphs.length === t.paragraphs,
      kind: a.kind === t.kind,
    };
    for (const f of FIELDS) {
      if (got[f]) {
        tally.right[f]++;
        continue;
      }
      const want = {
        headline: show(t.headline),
        decks: JSON.stringify(t.decks),
        heads: JSON.stringify([t.headline, ...t.decks]),
        dateline: show(t.dateline),
        byline: show(t.byline),
        credit: show(t.credit),
        paragraphs: String(t.paragraphs),
        kind: t.kind,
      }[f];
      const have = {
        headline: show(a.headline?.text),
        decks: JSON.stringify(a.decks.map((d) => d.text)),
        heads: JSON.stringify([...(a.headline ? [a.headline.text] : []), ...a.decks.map((d) => d.text)]),
        dateline: show(a.dateline?.text),
        byline: show(a.byline?.text),
        credit: show(a.credit?.text),
        paragraphs: String(a.paragraphs.length),
        kind: a.kind,
      }[f];
      out.push({ cls: f, page, message: `${show(t.headline)} want ${want} got ${have}  body ${ctx(text, t.start, 0, 24)}` });
    }
  }
  for (const x of preds) {
    if (x.used) continue;
    out.push({
      cls: 'spurious',
      page,
      message: `pred ${show(x.a.headline?.text)} [${x.a.start},${x.a.end}) body ${x.p >= 0 ? ctx(text, x.p) : '(none: ' + ctx(text, x.a.start, 0, 40) + ')'}`,
    });
  }
}

function emptyTally(): Tally {
  return { pages: 0, errors: 0, truth: 0, predicted: 0, matched: 0, loose: 0, right: { headline: 0, decks: 0, heads: 0, dateline: 0, byline: 0, credit: 0, paragraphs: 0, kind: 0 } };
}

const pct = (x: number) => x.toFixed(3);

/**
 * Runs `fn` once to warm up, then in rounds until `minMs` of CPU time are
 * spent and at least `minRounds` rounds ran, and returns each round's CPU
 * time. CPU time is the process's (user + system), not wall time, so other
 * work on a shared machine does not count against the figure; the run is
 * single-threaded, so it is one core. Figures are medians of the rounds: a
 * transient load on a shared machine slows a round or two, not the median.
 */
function time(fn: () => void, minMs: number, minRounds = 7): { rounds: number[]; ms: number; wall: number } {
  fn();
  const rounds: number[] = [];
  const t0 = performance.now();
  let ms = 0;
  do {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    rounds.push((c.user + c.system) / 1000);
    ms += rounds[rounds.length - 1]!;
  } while (ms < minMs || rounds.length < minRounds);
  return { rounds, ms, wall: performance.now() - t0 };
}

export async function segmentBench(): Promise<void> {
  const root = join(corporaDir(), 'rmrb-2019-10');
  if (!existsSync(root)) {
    console.log(`segment: SKIPPED — corpus not found at ${root} (internal-use data; set WIRETRACE_CORPORA to its folder)`);
    return;
  }
  const days = process.env['SEG_DAYS'] ?? 'all';
  const parity = days === 'odd' ? 1 : days === 'even' ? 0 : -1;
  const source = readCorpus(root).filter((p) => parity < 0 || Number(p.id.slice(6, 8)) % 2 === parity);
  const layouts = LAYOUTS.filter((l) => (process.env['SEG_LAYOUT'] ?? l) === l);
  const articles = source.reduce((n, p) => n + p.articles.length, 0);
  const dumpWhat = process.env['SEG_DUMP'] ?? '';
  const dumpN = Number(process.env['SEG_DUMP_N'] ?? 15);
  const built: BuiltPage[] = [];
  const rows: string[][] = [];
  let pass = true;
  const chars = source.reduce((n, p) => n + p.articles.reduce((m, a) => m + a.paragraphs.join('').length, 0), 0);
  console.log(`segment: ${source.length} pages (days: ${days}), ${articles} articles, ${(chars / 1e6).toFixed(2)} M body characters from ${root}`);
  for (const layout of layouts) {
    const tally = emptyTally();
    const mismatches: Mismatch[] = [];
    for (const sp of source) {
      const page = buildPage(sp, layout);
      built.push(page);
      tally.pages++;
      let parsed: Page;
      try {
        parsed = parsePage(page.text);
      } catch (e) {
        tally.errors++;
        parsed = { text: page.text, articles: [], noise: [], messages: [] };
        mismatches.push({ cls: 'threw', page, message: String(e instanceof Error ? e.stack : e) });
      }
      scorePage(page, parsed, tally, mismatches);
    }
    const p = tally.predicted ? tally.matched / tally.predicted : 0;
    const r = tally.truth ? tally.matched / tally.truth : 0;
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    const lp = tally.predicted ? tally.loose / tally.predicted : 0;
    const lr = tally.truth ? tally.loose / tally.truth : 0;
    const loose = lp + lr ? (2 * lp * lr) / (lp + lr) : 0;
    const acc = (f: Field) => tally.right[f] / tally.truth;
    const ok = f1 >= TARGET_F1 && acc('headline') >= TARGET_HEADLINE;
    pass &&= ok;
    rows.push([
      layout,
      String(tally.pages),
      String(tally.truth),
      String(tally.predicted),
      pct(p),
      pct(r),
      pct(f1),
      pct(loose),
      ...FIELDS.map((f) => pct(acc(f))),
      ok ? 'PASS' : 'FAIL',
    ]);
    const classes = new Map<string, number>();
    for (const m of mismatches) classes.set(m.cls, (classes.get(m.cls) ?? 0) + 1);
    const summary = [...classes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ');
    const mb = built.filter((b) => b.layout === layout).reduce((n, b) => n + Buffer.byteLength(b.text, 'utf8'), 0) / 1e6;
    console.log(`  ${layout} (${mb.toFixed(2)} MB of page text): errors by class: ${summary || 'none'}${tally.errors ? ` (parsePage threw on ${tally.errors} pages)` : ''}`);
    if (dumpWhat === layout || dumpWhat === 'all') dump(layout, mismatches, dumpN);
  }
  const head = ['layout', 'pages', 'true', 'pred', 'P', 'R', 'F1', 'F1loose', ...FIELDS, 'target'];
  printTable([head, ...rows]);
  console.log(`  targets: boundary F1 >= ${TARGET_F1} and headline >= ${TARGET_HEADLINE} in both layouts: ${pass ? 'PASS' : 'FAIL'}`);
  if (process.env['SEG_SPEED'] !== '0') speed(built);
  const against = process.env['SEG_SPEED_AGAINST'];
  if (against) await speedAgainst(built, against, Number(process.env['SEG_SPEED_ROUNDS'] ?? 10));
}

/** CPU-time MB/s of this build's parsePage and another's, in alternating rounds over the same pages. */
async function speedAgainst(pages: BuiltPage[], path: string, rounds: number): Promise<void> {
  const other = ((await import(path)) as { parsePage: typeof parsePage }).parsePage;
  const texts = pages.map((p) => p.text);
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
  let sink = 0;
  const rate = (parse: typeof parsePage) => {
    const c0 = process.cpuUsage();
    for (const t of texts) sink += parse(t).articles.length;
    const c = process.cpuUsage(c0);
    return mb / ((c.user + c.system) / 1e6);
  };
  rate(parsePage);
  rate(other);
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Who goes first alternates too.
    if (r % 2 === 0) {
      mine.push(rate(parsePage));
      theirs.push(rate(other));
    } else {
      theirs.push(rate(other));
      mine.push(rate(parsePage));
    }
  }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]!;
  const list = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
  console.log(`  speed against ${path} (${mb.toFixed(2)} MB, ${rounds} alternating rounds${sink < 0 ? '' : ''}):`);
  console.log(`    this build:  median ${median(mine).toFixed(1)} MB/s (${list(mine)})`);
  console.log(`    other build: median ${median(theirs).toFixed(1)} MB/s (${list(theirs)})`);
  console.log(`    ratio of medians ${(median(mine) / median(theirs)).toFixed(3)}`);
}

function dump(layout: Layout, mismatches: Mismatch[], n: number): void {
  const byClass = new Map<string, Mismatch[]>();
  for (const m of mismatches) {
    const list = byClass.get(m.cls);
    if (list) list.push(m);
    else byClass.set(m.cls, [m]);
  }
  for (const [cls, list] of byClass) {
    console.log(`\n--- ${layout} ${cls} (${list.length}; first ${Math.min(n, list.length)}) ---`);
    for (const m of list.slice(0, n)) console.log(`[${m.page.id}] ${m.message}`);
  }
  console.log('');
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) console.log('  ' + r.map((c, i) => c.padStart(widths[i] ?? 0)).join('  '));
}

function speed(pages: BuiltPage[]): void {
  const texts = pages.map((p) => p.text);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const mb = bytes / 1e6;
  let sink = 0;
  const parse = time(() => {
    for (const t of texts) sink += parsePage(t).articles.length;
  }, 3000);
  const line = /^(新华社|本报|中新社)|[。！？”]$/;
  const split = time(() => {
    for (const t of texts) for (const l of t.split('\n')) if (line.test(l)) sink++;
  }, 1000);
  const flow = time(() => {
    for (const t of texts) sink += reflow(t).text.length;
  }, 1000);
  const rates = (x: { rounds: number[] }) => x.rounds.map((ms) => mb / (ms / 1000)).sort((p, q) => p - q);
  const median = (xs: number[]) => xs[xs.length >> 1]!;
  const all = rates(parse);
  const rp = median(all);
  console.log(
    `  speed: parsePage ${rp.toFixed(1)} MB/s, the median of ${all.length} rounds over ${mb.toFixed(2)} MB (${texts.length} pages; rounds ${all[0]!.toFixed(1)}–${all[all.length - 1]!.toFixed(1)} MB/s; ` +
      `${(parse.ms / 1000).toFixed(1)} s CPU, ${(parse.wall / 1000).toFixed(1)} s wall, one core); target >= ${TARGET_MBPS} MB/s: ${rp >= TARGET_MBPS ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `  baselines: split+line regex ${median(rates(split)).toFixed(1)} MB/s (parsePage ${(rp / median(rates(split))).toFixed(2)}×), ` +
      `reflow(whole page) ${median(rates(flow)).toFixed(1)} MB/s (parsePage ${(rp / median(rates(flow))).toFixed(2)}×)` +
      (sink < 0 ? '' : ''),
  );
}
