/**
 * Reprints, real cases: People's Daily, October 2019, against the CCTV 新闻联播
 * transcripts of the same month (../shared/corpora, internal use only: never
 * copy its text into the repository). The Xinhua text read on air on day D is
 * printed in People's Daily on day D+1, so the date window is one day.
 *
 * Documents: each People's Daily file is an article (line 2 headline, body
 * from line 4; byte-identical duplicates under two pages are kept once); each
 * CCTV item is a story (`video_detail.content` with its <p> tags stripped,
 * dated by its file's day).
 *
 * Reports the passages and article–story pairs found, their sizes and
 * identities, how many pairs share most of their text, the throughput of
 * `detect` end to end, and a seeded random sample of pairs with both sides
 * printed so that a person can read them (`REPRINTS_SAMPLE=n`, default 24;
 * `REPRINTS_SHOW=n` characters per side, default 400).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { corporaDir } from './segment.js';
import { mulberry32 } from './pages.js';
import { detect, DEFAULT_DETECT_OPTIONS } from '../src/reuse/detect.js';
import { matchKey } from '../src/reuse/matchKey.js';
import { pairRecall } from './pairRecall.js';
import type { Doc, Passage } from '../src/reuse/types.js';

export async function reprintsRealBench(): Promise<void> {
  const root = corporaDir();
  const rmrbDir = join(root, 'rmrb-2019-10');
  const xwlbDir = join(root, 'xwlb-2019-10');
  if (!existsSync(rmrbDir) || !existsSync(xwlbDir)) {
    console.log(`reprints-real: SKIPPED — corpora not found at ${root} (set WIRETRACE_CORPORA)`);
    return;
  }
  const rmrb = readRmrb(rmrbDir);
  const xwlb = readXwlb(xwlbDir);
  const docs = [...xwlb, ...rmrb];
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  console.log(`input: ${rmrb.length} People's Daily articles, ${xwlb.length} CCTV stories, ${(chars / 1e6).toFixed(2)} M chars`);
  console.log(`machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores, Node ${process.version}; one thread`);

  const options = { ...DEFAULT_DETECT_OPTIONS, days: 1 };
  detect(docs.slice(0, 50), options); // load the converter tables
  // The first full run pays for JIT compilation (on a background thread, counted in CPU time);
  // later runs are the steady state a long job sees. Wall time depends on the machine's load,
  // CPU time (process.cpuUsage, all threads) much less.
  const timed = () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = detect(docs, options);
    const c = process.cpuUsage(c0);
    return { out, wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  };
  const load = loadavg();
  const first = timed();
  const passages = first.out;
  const runs = [timed(), timed(), timed()];
  const wall = Math.min(...runs.map((r) => r.wall));
  const cpu = Math.min(...runs.map((r) => r.cpu));
  const keyT0 = performance.now();
  for (const d of docs) matchKey(d.text);
  const keyMs = performance.now() - keyT0;
  const rate = (ms: number) => ((chars / ms) * 1000) / 1e6;
  console.log(
    `options: ngram ${options.ngram}, window ${options.window}, maxDf ${options.maxDf}, minShared ${options.minShared}, minLength ${options.minLength}, gap ${options.gap}, days ${options.days}`,
  );
  console.log(`load average before the runs (1/5/15 min): ${load.map((x) => x.toFixed(2)).join(' ')}`);
  console.log(
    `detect, first run: ${(first.wall / 1000).toFixed(2)} s wall = ${rate(first.wall).toFixed(2)} M chars/s; ${(first.cpu / 1000).toFixed(2)} s CPU = ${rate(first.cpu).toFixed(2)} M chars/s`,
  );
  console.log(
    `detect, best of 3 more: ${(wall / 1000).toFixed(2)} s wall = ${rate(wall).toFixed(2)} M chars/s; ${(cpu / 1000).toFixed(2)} s CPU = ${rate(cpu).toFixed(2)} M chars/s (match keys alone: ${rate(keyMs).toFixed(1)} M chars/s)`,
  );

  const byId = new Map(docs.map((d) => [d.id, d]));
  const keyLen = new Map(docs.map((d) => [d.id, matchKey(d.text).key.length]));
  const pairs = new Map<string, Passage[]>();
  for (const p of passages) {
    const k = `${p.a.id}\u0000${p.b.id}`;
    const list = pairs.get(k) ?? [];
    list.push(p);
    pairs.set(k, list);
  }
  const rows = [...pairs.values()].map((ps) => {
    const first = ps[0]!;
    const a = byId.get(first.a.id)!;
    const b = byId.get(first.b.id)!;
    return { a, b, ps, covA: coverage(a, ps, 'a', keyLen), covB: coverage(b, ps, 'b', keyLen) };
  });
  const crossDay = rows.filter((r) => r.a.series !== r.b.series);
  console.log(`found: ${passages.length} passages in ${pairs.size} article–story pairs (${crossDay.length} across outlets)`);
  const most = rows.filter((r) => Math.max(r.covA, r.covB) >= 0.5).length;
  const mostBoth = rows.filter((r) => Math.min(r.covA, r.covB) >= 0.5).length;
  console.log(`pairs whose passages cover ≥ 50% of one side: ${most}; of both sides: ${mostBoth} (README: about 220 share most of their text)`);
  const dayGap = new Map<number, number>();
  for (const r of rows) {
    const g = Math.round((Date.parse(r.b.date!) - Date.parse(r.a.date!)) / 86400000);
    dayGap.set(g, (dayGap.get(g) ?? 0) + 1);
  }
  console.log(`day gap (later − earlier) of pairs: ${[...dayGap].sort((x, y) => x[0] - y[0]).map(([g, n]) => `${g}: ${n}`).join(', ')}`);
  console.log(`passage size (key chars): ${quantiles(passages.map((p) => p.chars))}`);
  console.log(`passage identity:         ${quantiles(passages.map((p) => p.identity), 3)}`);
  console.log(`identity histogram: ${histogram(passages.map((p) => p.identity))}`);
  console.log(`coverage of the CCTV side: ${quantiles(rows.map((r) => (r.a.series === 'xwlb' ? r.covA : r.covB)), 2)}`);
  console.log(`coverage of the People's Daily side: ${quantiles(rows.map((r) => (r.a.series === 'rmrb' ? r.covA : r.covB)), 2)}`);
  console.log(`passages per pair: ${quantiles(rows.map((r) => r.ps.length))}`);

  // Against an exhaustive reference over all cross-outlet pairs within the window (bench/pairRecall.ts).
  for (const recall of pairRecall(docs, passages, options.days)) {
    const what = recall.kind === 'strict' ? 'an exact shared run of ≥ 50 key chars' : '≥ 31 distinct shared 20-grams anywhere';
    console.log(
      `pair recall, ${recall.kind} reference (${what}): ${recall.found} of ${recall.reference} = ${recall.recall.toFixed(4)}; pairs linked beyond it: ${recall.extra}`,
    );
    for (const m of recall.missed.slice(0, 8)) console.log(`   missed: ${m.a.id} 《${m.a.title}》 ⟷ ${m.b.id} 《${m.b.title}》, ${m.shared} shared 20-grams`);
  }

  const n = Number(process.env['REPRINTS_SAMPLE'] ?? 24);
  const show = Number(process.env['REPRINTS_SHOW'] ?? 400);
  const rand = mulberry32(20191001);
  const pool = [...rows];
  const sample: typeof rows = [];
  while (sample.length < n && pool.length > 0) sample.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  console.log(`\nsample: ${sample.length} pairs (seed 20191001)`);
  sample.forEach((r, i) => {
    console.log(`\n#${i + 1} ${r.a.id} 《${r.a.title}》 ⟷ ${r.b.id} 《${r.b.title}》`);
    console.log(`   coverage ${r.covA.toFixed(2)} / ${r.covB.toFixed(2)} of each side's key; ${r.ps.length} passage(s)`);
    for (const p of r.ps) {
      console.log(`   · ${p.chars} chars, identity ${p.identity.toFixed(3)}, a ${p.a.start}–${p.a.end}, b ${p.b.start}–${p.b.end}`);
      console.log(`     A: ${clip(r.a.text.slice(p.a.start, p.a.end), show)}`);
      console.log(`     B: ${clip(r.b.text.slice(p.b.start, p.b.end), show)}`);
    }
  });
}

function readRmrb(dir: string): Doc[] {
  const docs: Doc[] = [];
  const seen = new Set<string>();
  for (const day of readdirSync(dir).sort()) {
    if (!/^\d{8}$/.test(day)) continue;
    for (const f of readdirSync(join(dir, day)).sort()) {
      if (!f.endsWith('.txt')) continue;
      const lines = readFileSync(join(dir, day, f), 'utf8').replace(/\r\n?/g, '\n').split('\n');
      const text = lines.slice(3).map((l) => l.trim()).filter((l) => l !== '').join('\n');
      if (text === '' || seen.has(text)) continue;
      seen.add(text);
      docs.push({ id: `rmrb/${f.replace(/\.txt$/, '')}`, series: 'rmrb', date: isoDay(day), text, title: lines[1]?.trim() ?? null });
    }
  }
  return docs;
}

function readXwlb(dir: string): Doc[] {
  const docs: Doc[] = [];
  for (const f of readdirSync(dir).sort()) {
    const m = /^(\d{8})\.json$/.exec(f);
    if (!m) continue;
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
      videoList?: { num?: unknown; video_title?: string; video_detail?: { title?: string; content?: string } }[];
    };
    (data.videoList ?? []).forEach((v, i) => {
      const html = v.video_detail?.content ?? '';
      const text = html
        .split(/<\/p>|<br\s*\/?>/i)
        .map((p) => decodeEntities(p.replace(/<[^>]*>/g, '')).trim())
        .filter((p) => p !== '')
        .join('\n');
      if (text === '') return;
      docs.push({ id: `xwlb/${m[1]}#${i}`, series: 'xwlb', date: isoDay(m[1]!), text, title: v.video_title ?? v.video_detail?.title ?? null });
    });
  }
  return docs;
}

function decodeEntities(s: string): string {
  return s.replace(/&(nbsp|amp|lt|gt|quot|#\d+);/g, (_e, name: string) =>
    name === 'nbsp' ? ' ' : name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : String.fromCodePoint(Number(name.slice(1))),
  );
}

const isoDay = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/** Share of a doc's match key covered by the union of its passages. */
function coverage(d: Doc, ps: Passage[], side: 'a' | 'b', keyLen: Map<string, number>): number {
  const spans = ps.map((p) => [p[side].start, p[side].end] as const).sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let end = 0;
  for (const [s, e] of spans) {
    const from = Math.max(s, end);
    if (e > from) covered += matchKey(d.text.slice(from, e)).key.length;
    end = Math.max(end, e);
  }
  return covered / Math.max(1, keyLen.get(d.id) ?? 1);
}

function quantiles(xs: number[], digits = 0): string {
  if (xs.length === 0) return '(none)';
  const s = [...xs].sort((x, y) => x - y);
  const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))]!.toFixed(digits);
  return `min ${q(0)}, p10 ${q(0.1)}, median ${q(0.5)}, p90 ${q(0.9)}, max ${s[s.length - 1]!.toFixed(digits)} (n ${s.length})`;
}

function histogram(xs: number[]): string {
  const bins = [0.5, 0.8, 0.9, 0.95, 0.99, 1.0001];
  const counts = bins.map(() => 0);
  for (const x of xs) counts[bins.findIndex((b) => x < b)]!++;
  const names = ['<0.5', '0.5–0.8', '0.8–0.9', '0.9–0.95', '0.95–0.99', '≥0.99'];
  return names.map((nm, i) => `${nm}: ${counts[i]}`).join(', ');
}

function clip(s: string, n: number): string {
  const flat = s.replace(/\n/g, ' ⏎ ');
  return flat.length <= n ? flat : `${flat.slice(0, Math.floor(n * 0.7))} … ${flat.slice(flat.length - Math.floor(n * 0.3))}`;
}
