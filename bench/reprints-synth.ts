/**
 * Reprints, synthetic ground truth: `detect` on corpora of 10 k, 100 k (and,
 * with `REPRINTS_SYNTH_1M=1`, 1 M) documents made by `bench/synth.ts` from
 * People's Daily text (../shared/corpora, read at run time, never copied),
 * scored like the PAN text-alignment task with `bench/pan.ts`.
 *
 * Each size runs in its own child process, so its peak memory
 * (`process.resourceUsage().maxRSS`) is its own. Figures: generation and
 * detection time, detection throughput (characters of `Doc.text` per second;
 * `detect` runs on one thread, so this is per core), the time ratio between
 * sizes, peak RSS, and PAN scores for the target class (copies of ≥ 100
 * characters of text, i.e. letters and digits, with ≤ 10 % edited) and for all cases, with recall
 * per kind of variant and examples of misses and false detections.
 *
 * Spans on both sides are compared trimmed to their first and last letter or
 * digit: `detect` widens a passage over adjacent quotation marks and final
 * punctuation, the ground truth does not, and neither is a character of text.
 *
 * Environment: `REPRINTS_SYNTH_SIZES=10000,100000` overrides the sizes,
 * `REPRINTS_SYNTH_1M=1` adds 1,000,000, `REPRINTS_SYNTH_SEED` (default 1).
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { detect } from '../src/reuse/detect.js';
import type { Doc, Passage } from '../src/reuse/types.js';
import { corporaDir } from './segment.js';
import { score, type Pair, type PanScore } from './pan.js';
import { loadRmrb, Synth, type TruthCase } from './synth.js';

interface SizeResult {
  docs: number;
  chars: number;
  cases: number;
  genMs: number;
  detectMs: number;
  /** CPU time (user + system) of the detect call: the machine is shared, so wall time is an upper bound. */
  detectCpuMs: number;
  /** Load average (1 min) at the start and end of the detect call. */
  load: [number, number];
  passages: number;
  /** Snapshots at detect's stage boundaries (time from the start of the call). */
  stages: Array<{ stage: string; wallMs: number; cpuMs: number; rssMB: number; heapMB: number; buffersMB: number; counts: Record<string, number> }>;
  maxRssMB: number;
  /** RSS and JS heap right before the detect call: the generated corpus and ground truth. */
  before: { rssMB: number; heapMB: number };
  target: PanScore;
  all: PanScore;
  byVariant: Record<string, { cases: number; pairRecall: number; recall: number }>;
  byRate: Record<string, { cases: number; pairRecall: number; recall: number }>;
  misses: string[];
  falses: string[];
}

export async function reprintsSynthBench(): Promise<void> {
  const dir = join(corporaDir(), 'rmrb-2019-10');
  if (!loadRmrb(dir)) {
    console.log(`reprints-synth: SKIPPED — People's Daily corpus not found at ${dir} (set WIRETRACE_CORPORA)`);
    return;
  }
  const sizes = (process.env.REPRINTS_SYNTH_SIZES ?? '10000,100000').split(',').map(Number);
  if (process.env.REPRINTS_SYNTH_1M === '1' && !sizes.includes(1_000_000)) sizes.push(1_000_000);
  const seed = Number(process.env.REPRINTS_SYNTH_SEED ?? 1);
  console.log(`input: synthetic corpora from ${dir}, seed ${seed}, sizes ${sizes.join(', ')}`);
  console.log(`machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores, Node ${process.version}; detect on one thread`);
  const results: SizeResult[] = [];
  for (const n of sizes) {
    const r = await runChild(n, seed);
    results.push(r);
    report(r);
  }
  const byN = new Map(results.map((r) => [r.docs, r]));
  const r100k = byN.get(100_000);
  const r1m = byN.get(1_000_000);
  const r10k = byN.get(10_000);
  const ratio = (x: SizeResult, y: SizeResult): string =>
    `${(x.detectMs / y.detectMs).toFixed(2)} wall, ${(x.detectCpuMs / y.detectCpuMs).toFixed(2)} CPU`;
  if (r10k && r100k) console.log(`time ratio 100k/10k: ${ratio(r100k, r10k)} (linear: 10)`);
  if (r100k && r1m) console.log(`time ratio 1M/100k: ${ratio(r1m, r100k)} (target ≤ 12)`);
}

function fmt(s: PanScore): string {
  const b = s.medianBoundaryError === null ? '–' : String(s.medianBoundaryError);
  return (
    `cases ${s.cases}, detections ${s.detections}; char precision ${s.precision.toFixed(4)} recall ${s.recall.toFixed(4)} ` +
    `(micro ${s.microPrecision.toFixed(4)} / ${s.microRecall.toFixed(4)}), granularity ${s.granularity.toFixed(4)}, ` +
    `plagdet ${s.plagdet.toFixed(4)}; pairs: recall ${s.pairRecall.toFixed(4)} precision ${s.pairPrecision.toFixed(4)}; ` +
    `boundary error median ${b}, p90 ${s.p90BoundaryError ?? '–'}`
  );
}

function report(r: SizeResult): void {
  const mcs = r.chars / (r.detectMs / 1000) / 1e6;
  const mcsCpu = r.chars / (r.detectCpuMs / 1000) / 1e6;
  console.log(`\n-- ${r.docs.toLocaleString('en')} docs: ${(r.chars / 1e6).toFixed(1)} M chars, ${r.cases} planted cases, ${r.passages} passages found`);
  console.log(
    `generate ${(r.genMs / 1000).toFixed(1)} s; detect ${(r.detectMs / 1000).toFixed(1)} s wall = ${mcs.toFixed(2)} M chars/s, ` +
      `${(r.detectCpuMs / 1000).toFixed(1)} s CPU = ${mcsCpu.toFixed(2)} M chars/s per core (load ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}); peak RSS ${r.maxRssMB.toFixed(0)} MB`,
  );
  console.log(`  before detect: RSS ${r.before.rssMB.toFixed(0)} MB (JS heap ${r.before.heapMB.toFixed(0)}): the corpus and ground truth`);
  for (const st of r.stages)
    console.log(
      `  stage ${st.stage.padEnd(10)} at ${(st.wallMs / 1000).toFixed(1)} s wall, ${(st.cpuMs / 1000).toFixed(1)} s CPU; ` +
        `RSS ${st.rssMB.toFixed(0)} MB (JS heap ${st.heapMB.toFixed(0)}, buffers ${st.buffersMB.toFixed(0)}); ` +
        Object.entries(st.counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', '),
    );
  console.log(`target (≥100 chars, ≤10 % edits): ${fmt(r.target)}`);
  console.log(`all cases: ${fmt(r.all)}`);
  const line = (name: string, v: { cases: number; pairRecall: number; recall: number }): string =>
    `${name} ${v.cases}: pairs ${v.pairRecall.toFixed(3)}, chars ${v.recall.toFixed(3)}`;
  console.log(`recall by variant: ${Object.entries(r.byVariant).map(([k, v]) => line(k, v)).join('; ')}`);
  console.log(`recall by edit rate: ${Object.entries(r.byRate).map(([k, v]) => line(k, v)).join('; ')}`);
  if (r.misses.length > 0) console.log(`examples of target cases missed or cut short:\n  ${r.misses.join('\n  ')}`);
  if (r.falses.length > 0) console.log(`examples of detections that match no case:\n  ${r.falses.join('\n  ')}`);
}

function runChild(n: number, seed: number): Promise<SizeResult> {
  const heap = Math.max(4096, Math.ceil(n / 1_000_000) * 14_000);
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', String(n), String(seed)], {
      execArgv: [`--max-old-space-size=${heap}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: SizeResult | null = null;
    child.on('message', (m) => (result = m as SizeResult));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`reprints-synth child for ${n} docs exited with ${code}`))));
  });
}

// ------------------------------------------------------------------ child

const KEY = /[\p{L}\p{N}]/u;

/** A span shrunk to its first and last letter or digit. */
function trimSpan(text: string, s: { id: string; start: number; end: number }): { id: string; start: number; end: number } {
  let { start, end } = s;
  while (start < end && !KEY.test(text[start]!)) start++;
  while (end > start && !KEY.test(text[end - 1]!)) end--;
  return { id: s.id, start, end };
}

/** The target class of issue 3: at least 100 characters of text (letters and digits) and at most 10 % edited. */
const isTarget = (c: TruthCase): boolean => c.chars >= 100 && c.editRate <= 0.1;

async function child(n: number, seed: number): Promise<void> {
  const texts = loadRmrb(join(corporaDir(), 'rmrb-2019-10'))!;
  const synth = new Synth(texts, { docs: n, seed });
  const t0 = performance.now();
  const docs: Doc[] = new Array(n);
  const cases: TruthCase[] = [];
  let chars = 0;
  let k = 0;
  for (const { doc, cases: cs } of synth.docs()) {
    docs[k++] = doc;
    chars += doc.text.length;
    for (const c of cs) cases.push(c);
  }
  const genMs = performance.now() - t0;
  detect(docs.slice(0, 200)); // warm up
  const m0 = process.memoryUsage();
  const before = { rssMB: m0.rss / 2 ** 20, heapMB: m0.heapUsed / 2 ** 20 };
  const load0 = loadavg()[0]!;
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const stages: SizeResult['stages'] = [];
  const trace = (stage: string, counts: Record<string, number>): void => {
    const m = process.memoryUsage();
    const c = process.cpuUsage(c1);
    stages.push({
      stage,
      wallMs: performance.now() - t1,
      cpuMs: (c.user + c.system) / 1000,
      rssMB: m.rss / 2 ** 20,
      heapMB: m.heapUsed / 2 ** 20,
      buffersMB: m.arrayBuffers / 2 ** 20,
      counts,
    });
  };
  const passages: Passage[] = detect(docs, { trace });
  const detectMs = performance.now() - t1;
  const c2 = process.cpuUsage(c1);
  const detectCpuMs = (c2.user + c2.system) / 1000;
  const load: [number, number] = [load0, loadavg()[0]!];

  const index = new Map<string, number>();
  docs.forEach((d, i) => index.set(d.id, i));
  const text = (id: string): string => docs[index.get(id)!]!.text;
  const dets: Pair[] = passages.map((p) => ({ a: trimSpan(text(p.a.id), p.a), b: trimSpan(text(p.b.id), p.b) }));
  const truth: Pair[] = cases.map((c) => ({ a: c.a, b: c.b }));
  const target = score(truth, dets, { include: (i) => isTarget(cases[i]!) });
  const all = score(truth, dets);

  const group = (key: (c: TruthCase) => string[]): Record<string, { cases: number; pairRecall: number; recall: number }> => {
    const names = new Set<string>();
    cases.forEach((c) => key(c).forEach((x) => names.add(x)));
    const out: Record<string, { cases: number; pairRecall: number; recall: number }> = {};
    for (const name of [...names].sort()) {
      const s = score(truth, dets, { include: (i) => key(cases[i]!).includes(name) });
      out[name] = { cases: s.cases, pairRecall: s.pairRecall, recall: s.recall };
    }
    return out;
  };
  const byVariant = group((c) => (c.variants.length ? c.variants : ['plain']));
  const byRate = group((c) => [
    c.chars < 100 ? 'short<100' : c.editRate === 0 ? '0%' : c.editRate <= 0.05 ? '≤5%' : c.editRate <= 0.1 ? '5–10%' : '10–15%',
  ]);

  // Examples: target cases with the least recall; detections that match nothing.
  const byPair = new Map<string, Pair[]>();
  for (const d of dets) {
    const key = [d.a.id, d.b.id].sort().join(' ');
    const list = byPair.get(key);
    if (list) list.push(d);
    else byPair.set(key, [d]);
  }
  const misses: Array<[number, string]> = [];
  cases.forEach((c, i) => {
    if (!isTarget(c)) return;
    const s = score([truth[i]!], byPair.get([c.a.id, c.b.id].sort().join(' ')) ?? []);
    if (s.recall < 0.98 || (s.medianBoundaryError ?? 0) > 2)
      misses.push([
        s.recall,
        `${c.a.id}[${c.a.start},${c.a.end}) → ${c.b.id}[${c.b.start},${c.b.end}) ${c.chars} key chars, edits ${(c.editRate * 100).toFixed(1)} %, ${c.variants.join('+') || 'plain'}: ` +
          `char recall ${s.recall.toFixed(3)}, found ${(byPair.get([c.a.id, c.b.id].sort().join(' ')) ?? []).map((d) => `${d.a.id}[${d.a.start},${d.a.end})~${d.b.id}[${d.b.start},${d.b.end})`).join(' ') || 'nothing'}`,
      ]);
  });
  misses.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1));
  const truthPairs = new Set(cases.map((c) => [c.a.id, c.b.id].sort().join(' ')));
  const falses = dets
    .filter((d) => !truthPairs.has([d.a.id, d.b.id].sort().join(' ')))
    .slice(0, 6)
    .map((d) => {
      const sa = text(d.a.id).slice(d.a.start, d.a.end);
      return `${d.a.id}[${d.a.start},${d.a.end}) ~ ${d.b.id}[${d.b.start},${d.b.end}) ${d.a.end - d.a.start} chars: ${sa.slice(0, 40)}${sa.length > 40 ? '…' : ''}`;
    });

  const result: SizeResult = {
    docs: n,
    chars,
    cases: cases.length,
    genMs,
    detectMs,
    detectCpuMs,
    load,
    stages,
    before,
    passages: passages.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    target,
    all,
    byVariant,
    byRate,
    misses: misses.slice(0, 8).map((m) => m[1]),
    falses,
  };
  process.send!(result);
}

if (process.argv[2] === '--child') {
  await child(Number(process.argv[3]), Number(process.argv[4]));
}
