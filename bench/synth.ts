/**
 * Synthetic ground truth for reprint detection: corpora of any size built from
 * real article text, with planted reprints whose spans and edits are known.
 *
 * Every document is a pure function of `(seed, index)`: `synth.doc(i)` can be
 * called in any order and `synth.docs()` streams them, so a corpus of a
 * million documents never has to be held by the generator.
 *
 * How a document is made:
 * - Base text: paragraphs of the real articles, taken in order from a random
 *   starting paragraph, crossing into other random articles, trimmed to a
 *   length drawn around 1,200 characters.
 * - No accidental reprints: a few thousand real articles make a million
 *   documents only by reuse, and reused text would be unintended reprints. So
 *   each document's letters and digits go through its own permutation. The
 *   vocabulary (Han, digits, Latin letters, other: each class apart) is ranked
 *   by corpus frequency and cut into bands of 64; within
 *   a band a keyed bijection of Z/64 (xor, odd multiply, add; cycle-walking for
 *   the last, short band) moves each character to another of similar
 *   frequency. The text keeps the character statistics of Chinese, but two
 *   documents agree on a character only with probability about 1/64, so they
 *   share no run anywhere near the 50 characters of a passage. (Checked on
 *   8,000 documents: no 30-character key run is shared outside the ground
 *   truth except a ~35-character repeat inside one real article, seen by the
 *   two halves of a split source. One document never uses an article twice.)
 * - Stock phrases: about 40 % of documents get 1–4 set phrases
 *   (高质量发展, …) unpermuted, so common n-grams exist that must not link
 *   documents by themselves (they are not ground truth).
 * - Reprints: documents come in blocks of 16. In each block, two positions are
 *   targets and three are sources; the targets of block b copy from the
 *   sources of block π(b) (a fixed permutation of blocks), so sources are
 *   spread across the corpus. Target 1 takes one passage of source 1; target 2
 *   takes a passage of source 2, sometimes one of source 3 too (an article
 *   merged from two sources), and sometimes the second half of source 1 (a
 *   source split into two articles). Sources never receive and targets never
 *   give, and one source's passages never overlap, so no pair of documents
 *   shares text other than the recorded cases.
 * - Each copy: 50–1,200 characters (10 % under 100, 20 % a whole article),
 *   edited at a rate drawn from 0–15 % (a quarter unedited): substitutions,
 *   cuts and insertions of short runs, counted in match-key characters of the
 *   source passage. Edits keep off the first and last 5 key characters so the
 *   true boundaries are well defined. Then, not counted as edits: paragraph
 *   reorder, traditional script (opencc-js cn→t), hard wraps, punctuation and
 *   width variants, dropped indents.
 * - Ground truth: `{a, b}` spans (source, copy), trimmed to the first and last
 *   letter or digit, plus the edit rate and the variants applied.
 */
import { fmix32 } from '../src/reuse/ngramHashes.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Converter } from 'opencc-js';
import type { Doc, DocSpan } from '../src/reuse/types.js';

export interface TruthCase {
  a: DocSpan;
  b: DocSpan;
  /** Letters and digits in the source passage. */
  chars: number;
  /** Edited key characters (substituted + cut + inserted) / `chars`. */
  editRate: number;
  variants: Array<'reorder' | 'traditional' | 'reflow' | 'punct' | 'whole' | 'merged' | 'split'>;
}

export interface SynthDoc {
  doc: Doc;
  /** The cases whose copy (`b`) is in this doc. */
  cases: TruthCase[];
}

export interface SynthOptions {
  docs: number;
  seed?: number;
  /** Mean base length in characters (default 1,200). */
  meanLength?: number;
}

/** Real article bodies: one array of paragraphs per article. */
export type Texts = string[][];

/**
 * Load People's Daily bodies (line 4 on of each file, CRLF) from
 * `../shared/corpora/rmrb-2019-10`. Returns null when the folder is absent.
 * A paragraph that shares any run of `WINDOW` characters with an earlier one
 * is dropped: the corpus repeats itself (the same article under two pages,
 * quoted paragraphs, near-identical reports), and a repeat stitched into two
 * documents, or twice into one source, would be an unrecorded reprint.
 */
const WINDOW = 32;

export function loadRmrb(dir: string): Texts | null {
  let entries: string[];
  try {
    entries = walk(dir).filter((f) => f.endsWith('.txt')).sort();
  } catch {
    return null;
  }
  const seen = new Set<string>();
  const texts: Texts = [];
  for (const f of entries) {
    const lines = readFileSync(f, 'utf8').split(/\r?\n/);
    const body: string[] = [];
    for (const para of lines.slice(3)) {
      if (para.trim().length === 0) continue;
      const windows: string[] = [];
      for (let k = 0; k + WINDOW <= para.length; k++) windows.push(para.slice(k, k + WINDOW));
      if (windows.some((w) => seen.has(w))) continue;
      for (const w of windows) seen.add(w);
      body.push(para);
    }
    if (body.length > 0) texts.push(body);
  }
  return texts.length > 0 ? texts : null;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------- randomness

function hash4(a: number, b: number, c: number, d: number): number {
  let h = fmix32(0x9e3779b9 ^ Math.imul(a, 0x27d4eb2d));
  h = fmix32(h ^ Math.imul(b, 0x27d4eb2d) ^ Math.imul((b / 4294967296) | 0, 0x165667b1));
  h = fmix32(h ^ Math.imul(c, 0x27d4eb2d));
  return fmix32(h ^ Math.imul(d, 0x27d4eb2d));
}

function hash(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) h = fmix32(h ^ Math.imul(x | 0, 0x27d4eb2d) ^ Math.imul((x / 4294967296) | 0, 0x165667b1));
  return h;
}

/** mulberry32: small, fast, seeded. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(mean: number, sd: number): number {
    const u = Math.max(this.next(), 1e-12);
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

// ---------------------------------------------------------------- constants

const BLOCK = 16;
const SERIES = 40;
const BAND = 64;
const EDGE = 5; // key chars kept unedited at each end of a copy
const STOCK = [
  '习近平新时代中国特色社会主义思想', '高质量发展', '中华民族伟大复兴', '以人民为中心的发展思想',
  '全面建成小康社会', '坚持以习近平新时代中国特色社会主义思想为指导', '构建人类命运共同体',
  '供给侧结构性改革', '不忘初心、牢记使命', '新中国成立70周年', '深入学习贯彻党的十九大精神',
  '社会主义核心价值观', '粤港澳大湾区建设', '共建“一带一路”', '打赢脱贫攻坚战', '实施乡村振兴战略',
  '全面深化改革', '全面从严治党', '推进国家治理体系和治理能力现代化', '“两个一百年”奋斗目标',
];
const PUNCT: Record<string, string> = {
  '，': ',', '。': '.', '：': ':', '；': ';', '！': '!', '？': '?', '（': '(', '）': ')',
  '“': '"', '”': '"', '、': ',',
};
const isHan = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;
const KEYCHAR = /[\p{L}\p{N}]/u;
const isKey = (ch: string): boolean => KEYCHAR.test(ch);

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Passage {
  text: string;
  start: number; // in the source doc
  end: number;
}

interface Base {
  doc: Doc;
  paragraphs: string[];
}

export class Synth {
  readonly n: number;
  private readonly seed: number;
  private readonly mean: number;
  private readonly texts: Texts;
  private readonly rank = new Int32Array(0x10000).fill(-1);
  private readonly vocab: Uint16Array; // by class, then frequency; bands of 64
  private readonly bandSize: Uint8Array;
  private readonly hanPool: Uint16Array; // every Han occurrence, for frequency-weighted draws
  private readonly nBlocks: number;
  private readonly blockMul: number;
  private readonly toTrad: (s: string) => string;
  private readonly bandKeys: Int32Array;
  private readonly bandStamp: Int32Array;
  private generation = 0;
  private scratch = new Uint16Array(4096);

  constructor(texts: Texts, options: SynthOptions) {
    this.n = options.docs;
    this.seed = options.seed ?? 1;
    this.mean = options.meanLength ?? 1200;
    this.texts = texts;
    const counts = new Float64Array(0x10000);
    let total = 0;
    for (const t of texts)
      for (const p of t)
        for (let i = 0; i < p.length; i++) {
          const c = p.charCodeAt(i);
          counts[c]!++;
          if (isHan(c)) total++;
        }
    // Letters and digits, by class then frequency; each class starts on a band boundary.
    const classOf = (c: number): number =>
      isHan(c) ? 0 : (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19) ? 1 : c >= 0x61 && c <= 0x7a ? 2 : c >= 0x41 && c <= 0x5a ? 3 : 4;
    const classes: number[][] = [[], [], [], [], []];
    for (let c = 0; c < 0x10000; c++)
      if (counts[c]! > 0 && !(c >= 0xd800 && c <= 0xdfff) && isKey(String.fromCharCode(c))) classes[classOf(c)]!.push(c);
    const vocab: number[] = [];
    const sizes: number[] = [];
    for (const list of classes) {
      list.sort((x, y) => counts[y]! - counts[x]! || x - y);
      for (let k = 0; k < list.length; k += BAND) {
        const band = list.slice(k, k + BAND);
        band.forEach((c, o) => (this.rank[c] = vocab.length + o));
        sizes.push(band.length);
        vocab.push(...band, ...new Array<number>(BAND - band.length).fill(0));
      }
    }
    this.vocab = Uint16Array.from(vocab);
    this.bandSize = Uint8Array.from(sizes);
    this.hanPool = new Uint16Array(total);
    let k = 0;
    for (const t of texts)
      for (const p of t)
        for (let i = 0; i < p.length; i++) {
          const c = p.charCodeAt(i);
          if (isHan(c)) this.hanPool[k++] = c;
        }
    this.nBlocks = Math.floor(this.n / BLOCK);
    let mul = 2654435761 % Math.max(1, this.nBlocks);
    while (this.nBlocks > 1 && gcd(mul, this.nBlocks) !== 1) mul++;
    this.blockMul = Math.max(1, mul);
    this.toTrad = Converter({ from: 'cn', to: 't' });
    this.bandKeys = new Int32Array(sizes.length);
    this.bandStamp = new Int32Array(this.bandKeys.length);
  }

  /** Stream all documents in index order. */
  *docs(): Generator<SynthDoc> {
    for (let i = 0; i < this.n; i++) yield this.doc(i);
  }

  id(i: number): string {
    return `d${i}`;
  }

  /** Document `i` with the ground-truth cases it holds as a copy. */
  doc(i: number): SynthDoc {
    const role = this.role(i);
    if (role.kind !== 'target') return { doc: this.base(i).doc, cases: [] };
    return this.target(i, role.sources);
  }

  // ------------------------------------------------------------ roles

  private slots(block: number): number[] {
    // positions 0,1: targets; 2,3,4: sources (of the block's permuted order)
    const rng = new Rng(hash(this.seed, block, 101));
    const pos = Array.from({ length: BLOCK }, (_, k) => k);
    for (let k = BLOCK - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [pos[k], pos[j]] = [pos[j]!, pos[k]!];
    }
    return pos.slice(0, 5).map((p) => block * BLOCK + p);
  }

  private sourceBlock(b: number): number {
    return Number((BigInt(b) * BigInt(this.blockMul) + 7n) % BigInt(this.nBlocks));
  }

  private role(i: number):
    | { kind: 'plain' | 'source' }
    | { kind: 'target'; sources: number[] } {
    const b = Math.floor(i / BLOCK);
    if (b >= this.nBlocks) return { kind: 'plain' };
    const mine = this.slots(b);
    const k = mine.indexOf(i);
    if (k >= 2) return { kind: 'source' };
    if (k < 0) return { kind: 'plain' };
    const src = this.slots(this.sourceBlock(b));
    const merged = new Rng(hash(this.seed, b, 102)).chance(0.3);
    const split = this.splitOf(b);
    if (k === 0) return { kind: 'target', sources: [src[2]!] };
    const sources = [src[3]!];
    if (merged) sources.push(src[4]!);
    if (split) sources.push(src[2]!);
    return { kind: 'target', sources };
  }

  // ------------------------------------------------------------ base text

  private base(i: number, length?: number): Base {
    const rng = new Rng(hash(this.seed, i, 1));
    const L = length ?? Math.round(Math.min(2600, Math.max(300, rng.normal(this.mean, 350))));
    const paragraphs: string[] = [];
    let size = 0;
    let t = rng.int(this.texts.length);
    let p = rng.int(this.texts[t]!.length);
    const used = new Set<number>(); // never the same article twice in one document
    while (size < L) {
      const article = this.texts[t]!;
      let para = article[p]!;
      if (size + para.length + 1 > L) para = cutAt(para, Math.max(8, L - size));
      paragraphs.push(para);
      size += para.length + 1;
      if (++p >= article.length) {
        used.add(t);
        do t = rng.int(this.texts.length);
        while (used.has(t) && used.size < this.texts.length);
        p = 0;
      }
    }
    // Stock phrases, unpermuted (protected from the permutation by position).
    const stock: Array<[number, number, string]> = [];
    if (rng.chance(0.4)) {
      const k = rng.range(1, 4);
      for (let s = 0; s < k; s++) {
        const q = rng.int(paragraphs.length);
        const para = paragraphs[q]!;
        stock.push([q, rng.range(Math.min(2, para.length), para.length), STOCK[rng.int(STOCK.length)]!]);
      }
    }
    const permuted = paragraphs.map((para) => this.permute(i, para));
    stock.sort((x, y) => y[1] - x[1]);
    for (const [q, at, phrase] of stock) {
      const para = permuted[q]!;
      permuted[q] = para.slice(0, at) + phrase + para.slice(at);
    }
    // Sources share their block's day, so the copies of a merged article come from one day.
    const role = this.role(i).kind;
    const day = (role === 'source' ? hash(this.seed, Math.floor(i / BLOCK), 8) : hash(this.seed, i, 3)) % 31;
    const credit = role === 'source' ? (hash(this.seed, i, 4) % 10 < 6 ? '新华社' : null) : hash(this.seed, i, 4) % 10 === 0 ? '新华社' : null;
    const doc: Doc = {
      id: this.id(i),
      series: `S${String(hash(this.seed, i, 2) % SERIES).padStart(2, '0')}`,
      date: addDays('2019-10-01', day),
      text: permuted.join('\n'),
      credit,
    };
    return { doc, paragraphs: permuted };
  }

  /** The per-document, frequency-band-preserving permutation of Han characters. */
  private permute(docIndex: number, text: string): string {
    const keys = this.bandKeys;
    const stamp = this.bandStamp;
    const gen = (this.generation = (this.generation + 1) | 0);
    const out = this.scratch.length >= text.length ? this.scratch : (this.scratch = new Uint16Array(text.length * 2));
    for (let j = 0; j < text.length; j++) {
      const c = text.charCodeAt(j);
      const r = this.rank[c]!;
      if (r < 0) {
        out[j] = c;
        continue;
      }
      const band = r >>> 6;
      let key: number;
      if (stamp[band] === gen) key = keys[band]!;
      else {
        key = keys[band] = hash4(this.seed, docIndex, band, 5);
        stamp[band] = gen;
      }
      const m = this.bandSize[band]!;
      const x = key & 63;
      const a = ((key >>> 6) & 63) | 1;
      const b = (key >>> 12) & 63;
      let o = r & 63;
      do o = (Math.imul(o ^ x, a) + b) & 63;
      while (o >= m);
      out[j] = this.vocab[band * BAND + o]!;
    }
    let s = '';
    for (let k = 0; k < text.length; k += 4096)
      s += String.fromCharCode.apply(null, out.subarray(k, Math.min(text.length, k + 4096)) as unknown as number[]);
    return s;
  }

  private randomHan(rng: Rng): string {
    return String.fromCharCode(this.hanPool[rng.int(this.hanPool.length)]!);
  }

  // ------------------------------------------------------------ reprints

  /** The passage(s) source `s` gives: [first] or, when split, [first, second]. */
  private passages(s: number): { whole: boolean; list: Passage[]; doc: Doc } {
    const { doc, paragraphs } = this.base(s);
    const rng = new Rng(hash(this.seed, s, 6));
    const text = doc.text;
    const whole = rng.chance(0.2);
    const pick = (lo: number, hi: number): Passage => {
      // a passage inside [lo, hi)
      const room = hi - lo;
      let want: number;
      if (whole) want = room;
      else if (rng.chance(0.1)) want = rng.range(50, 99);
      else want = Math.round(Math.exp(Math.log(100) + rng.next() * (Math.log(1200) - Math.log(100))));
      want = Math.min(want, room);
      let start = lo + rng.int(room - want + 1);
      if (!whole && rng.chance(0.5)) {
        // snap to the start of a paragraph inside the range, if one is near
        let off = 0;
        for (const para of paragraphs) {
          if (off >= start && off + Math.min(want, 50) <= hi) {
            start = off;
            break;
          }
          off += para.length + 1;
        }
      }
      const end = Math.min(hi, start + want);
      return trim(text, start, end);
    };
    const mid = Math.floor(text.length / 2);
    if (!this.splits(s)) return { doc, whole, list: [whole ? trim(text, 0, text.length) : pick(0, text.length)] };
    return { doc, whole, list: [pick(0, mid), pick(mid, text.length)] };
  }

  /** Whether source `s` is split between two targets (decided by the block that copies from it). */
  private splits(s: number): boolean {
    const b = Math.floor(s / BLOCK);
    return this.slots(b)[2] === s && this.splitOf(this.inverseBlock(b));
  }

  private splitOf(block: number): boolean {
    const rng = new Rng(hash(this.seed, block, 102));
    rng.next(); // merged
    return rng.chance(0.3);
  }

  private inverseBlock(b: number): number {
    // π(x) = (x·mul + 7) mod n  ⇒  x = (b − 7)·mul⁻¹ mod n
    const n = BigInt(this.nBlocks);
    const inv = modInverse(BigInt(this.blockMul) % n, n);
    return Number((((BigInt(b) - 7n) % n + n) % n * inv) % n);
  }

  private target(i: number, sources: number[]): SynthDoc {
    const rng = new Rng(hash(this.seed, i, 7));
    const copies: Array<{ passage: Passage; source: number; variants: TruthCase['variants'] }> = [];
    const srcDocs: Doc[] = [];
    const b = Math.floor(i / BLOCK);
    const isFirst = this.slots(b)[0] === i;
    for (const s of sources) {
      const { whole, list: ps, doc: sd } = this.passages(s);
      srcDocs.push(sd);
      const variants: TruthCase['variants'] = [];
      if (whole && ps.length === 1) variants.push('whole');
      let passage: Passage;
      if (ps.length === 2) {
        variants.push('split');
        passage = isFirst ? ps[0]! : ps[1]!;
      } else passage = ps[0]!;
      if (sources.length > 1) variants.push('merged');
      copies.push({ passage, source: s, variants });
    }
    const used = copies.reduce((sum, c) => sum + c.passage.text.length, 0);
    const baseRng = new Rng(hash(this.seed, i, 1));
    const want = Math.round(Math.min(2600, Math.max(300, baseRng.normal(this.mean, 350))));
    const { doc, paragraphs } = this.base(i, Math.max(200, want - used));
    // Source series and dates decide the target's.
    let series = doc.series;
    for (let k = 0; srcDocs.some((d) => d.series === series); k++)
      series = `S${String((Number(series.slice(1)) + 1 + k) % SERIES).padStart(2, '0')}`;
    const date = addDays(srcDocs[0]!.date!, rng.int(2));

    // Edit each copy, then place the copies at paragraph boundaries.
    const edited = copies.map((c) => this.edit(c.passage.text, rng, c.variants));
    const slotsAt = edited.map(() => rng.int(paragraphs.length + 1)).sort((x, y) => x - y);
    const parts: string[] = [];
    const cases: TruthCase[] = [];
    let offset = 0;
    let e = 0;
    const push = (s: string): void => {
      if (parts.length > 0) offset += 1; // the '\n' join
      parts.push(s);
      offset += s.length;
    };
    for (let q = 0; q <= paragraphs.length; q++) {
      while (e < edited.length && slotsAt[e] === q) {
        const ed = edited[e]!;
        const c = copies[e]!;
        const indent = ed.text.startsWith('\u3000') || rng.chance(0.5) ? '' : '\u3000\u3000';
        const at = offset + (parts.length > 0 ? 1 : 0) + indent.length;
        push(indent + ed.text);
        const bspan = trim(ed.text, 0, ed.text.length);
        cases.push({
          a: { id: this.id(c.source), start: c.passage.start, end: c.passage.end },
          b: { id: this.id(i), start: at + bspan.start, end: at + bspan.end },
          chars: ed.chars,
          editRate: ed.chars === 0 ? 0 : ed.edited / ed.chars,
          variants: c.variants,
        });
        e++;
      }
      if (q < paragraphs.length) push(paragraphs[q]!);
    }
    const text = parts.join('\n');
    return { doc: { ...doc, text, series, date, credit: null }, cases };
  }

  /** Apply edits and surface variants to one copy. */
  private edit(
    source: string,
    rng: Rng,
    variants: TruthCase['variants'],
  ): { text: string; chars: number; edited: number } {
    const keyPos: number[] = [];
    for (let j = 0; j < source.length; j++) if (isKey(source[j]!)) keyPos.push(j);
    const chars = keyPos.length;
    const rate = rng.chance(0.25) ? 0 : rng.next() * 0.15;
    let budget = Math.round(rate * chars);
    // Per source char: 0 keep, 1 delete, 2 substitute; insertions before a char.
    const state = new Uint8Array(source.length);
    const subs = new Map<number, string>();
    const inserts = new Map<number, string>();
    let edited = 0;
    const lo = EDGE;
    const hi = chars - EDGE; // key indexes allowed: [lo, hi)
    let guard = 0;
    while (budget > 0 && hi - lo > 20 && guard++ < 10000) {
      const r = rng.next();
      const run = r < 0.6 ? rng.range(1, 3) : rng.range(1, Math.min(12, budget));
      const k = lo + rng.int(hi - lo - run);
      let free = true;
      for (let q = k - 1; q <= k + run; q++) if (state[keyPos[q]!]! !== 0 || inserts.has(keyPos[q]!)) free = false;
      if (!free) continue;
      if (r < 0.6) {
        for (let q = k; q < k + run; q++) {
          const j = keyPos[q]!;
          let ch = this.randomHan(rng);
          while (ch === source[j]) ch = this.randomHan(rng);
          state[j] = 2;
          subs.set(j, ch);
        }
      } else if (r < 0.8) {
        for (let q = k; q < k + run; q++) state[keyPos[q]!] = 1;
      } else {
        let s = '';
        for (let q = 0; q < run; q++) s += this.randomHan(rng);
        inserts.set(keyPos[k]!, s);
      }
      budget -= run;
      edited += run;
    }
    let text = '';
    for (let j = 0; j < source.length; j++) {
      const ins = inserts.get(j);
      if (ins) text += ins;
      const st = state[j]!;
      if (st === 0) text += source[j];
      else if (st === 2) text += subs.get(j)!;
    }
    // Paragraph reorder: move one inner paragraph elsewhere (keeps the first and last in place).
    let paras = text.split('\n');
    if (paras.length >= 4 && rng.chance(0.15)) {
      const from = rng.range(1, paras.length - 2);
      const [moved] = paras.splice(from, 1);
      let to = rng.range(1, paras.length - 1);
      if (to === from) to = from === 1 ? 2 : from - 1;
      paras.splice(to, 0, moved!);
      variants.push('reorder');
    }
    if (rng.chance(0.3)) paras = paras.map((p) => p.replace(/^\u3000+/, ''));
    text = paras.join('\n');
    if (rng.chance(0.15)) {
      text = this.toTrad(text);
      variants.push('traditional');
    }
    if (rng.chance(0.2)) {
      let out = '';
      for (const ch of text) {
        const alt = PUNCT[ch];
        if (alt !== undefined) out += alt;
        else if (ch >= '0' && ch <= '9') out += String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
        else out += ch;
      }
      text = out;
      variants.push('punct');
    }
    if (rng.chance(0.2)) {
      const width = rng.range(16, 36);
      text = text
        .split('\n')
        .map((p) => {
          const lines: string[] = [];
          for (let q = 0; q < p.length; q += width) lines.push(p.slice(q, q + width));
          return lines.join('\n');
        })
        .join('\n');
      variants.push('reflow');
    }
    return { text, chars, edited };
  }
}

/** `[start, end)` shrunk to its first and last letter or digit. */
function trim(text: string, start: number, end: number): Passage {
  while (start < end && !isKey(text[start]!)) start++;
  while (end > start && !isKey(text[end - 1]!)) end--;
  return { text: text.slice(start, end), start, end };
}

function cutAt(s: string, n: number): string {
  let k = Math.min(n, s.length);
  const c = s.charCodeAt(k - 1);
  if (c >= 0xd800 && c <= 0xdbff) k--;
  return s.slice(0, k);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function modInverse(a: bigint, n: bigint): bigint {
  if (n === 1n) return 0n;
  let [t, newT, r, newR] = [0n, 1n, n, a];
  while (newR !== 0n) {
    const q = r / newR;
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return ((t % n) + n) % n;
}

/** The default corpus folder, relative to the repository root. */
export const RMRB_DIR = '../shared/corpora/rmrb-2019-10';
