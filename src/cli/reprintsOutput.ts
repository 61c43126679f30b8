/**
 * What `wiretrace reprints` prints: the JSON lines (passages, stories with
 * their explained edits) and the readable report.
 *
 * The engine works in `Doc.text` offsets. Everything printed is mapped to the
 * page text (page files) or left in record offsets (JSONL) by `pageSpan`, at
 * this edge only, so stories and edits share one offset space with passages.
 */
import { pageSpan } from '../reuse/pageSpan.js';
import { matchKey } from '../reuse/matchKey.js';
import { editScript, M, X, DEL, INS } from '../reuse/align.js';
import { explainMember } from '../reuse/explain.js';
import type { DetectOptions } from '../reuse/detect.js';
import type { Doc, DocSpan, Edit, Passage, Story } from '../reuse/types.js';

const round4 = (x: number): number => Math.round(x * 10000) / 10000;

/** One passage line: offsets in page text (page files) or record text (JSONL). */
export function passageJson(p: Passage, byId: Map<string, Doc>): Passage {
  const side = (s: DocSpan): DocSpan => ({ id: s.id, ...pageSpan(byId.get(s.id)!, s.start, s.end) });
  return { a: side(p.a), b: side(p.b), chars: p.chars, identity: round4(p.identity) };
}

/** Adds `edits` (against the origin, in `Doc.text` offsets) to every member but the origin. */
export function explainStories(stories: Story[], byId: Map<string, Doc>): void {
  for (const s of stories) {
    const origin = s.members[0]!;
    const od = byId.get(origin.id)!;
    for (const m of s.members.slice(1)) m.edits = explainMember(od, origin, byId.get(m.id)!, m);
  }
}

/** One story line, offsets mapped like `passageJson`; coverage rounded to 4 places. */
export function storyJson(s: Story, byId: Map<string, Doc>): Story {
  const od = byId.get(s.origin)!;
  return {
    story: s.story,
    origin: s.origin,
    members: s.members.map((m) => {
      const d = byId.get(m.id)!;
      const out: Story['members'][number] = { id: m.id, ...pageSpan(d, m.start, m.end), coverage: round4(m.coverage) };
      if (m.edits) out.edits = m.edits.map((e) => editJson(e, od, d));
      return out;
    }),
  };
}

function editJson(e: Edit, origin: Doc, copy: Doc): Edit {
  const side = (d: Doc, s: Edit['origin']): Edit['origin'] => (s ? { ...pageSpan(d, s.start, s.end), text: s.text } : null);
  const out: Edit = { op: e.op, origin: side(origin, e.origin), copy: side(copy, e.copy) };
  if (e.name) out.name = true;
  return out;
}

// ---- the readable report ----

const ROW = 24;

export interface ReportInput {
  passages: Passage[];
  stories: Story[];
  byId: Map<string, Doc>;
  /** Ids of docs that come from page files (their offsets are page offsets). */
  pageDocIds: Set<string>;
  docs: number;
  options: DetectOptions;
}

/**
 * Each story with its copies, origin first; under each copy its passages
 * (against the origin where they align with it, else against the member they
 * align with) side by side, differences marked; with edits (`--explain`), the
 * list of omitted, added and changed spans.
 */
export function report(r: ReportInput): string {
  const { passages, stories, byId, options: o } = r;
  const out: string[] = [];
  const pairs = new Set(passages.map((p) => `${p.a.id}\u0000${p.b.id}`));
  out.push(
    `${stories.length} ${stories.length === 1 ? 'story' : 'stories'} from ${passages.length} ${passages.length === 1 ? 'passage' : 'passages'} ` +
      `shared by ${pairs.size} article ${pairs.size === 1 ? 'pair' : 'pairs'}, from ${r.docs} articles ` +
      `(n-gram ${o.ngram}, window ${o.window}, max-df ${o.maxDf}, min-shared ${o.minShared}, min-length ${o.minLength}, gap ${o.gap}, days ${o.days}${o.withinSeries ? ', within series' : ''})`,
  );
  const label = (d: Doc, s: { start: number; end: number }): string => {
    const span = pageSpan(d, s.start, s.end);
    const meta = [d.series, d.date ?? 'undated'].join(', ');
    return `${d.id} (${meta})${d.title ? ` 《${d.title}》` : ''} ${r.pageDocIds.has(d.id) ? 'page' : 'text'} ${span.start}–${span.end}`;
  };
  stories.forEach((s, k) => {
    const inStory = passages.filter((p) => inside(s, p.a) && inside(s, p.b));
    out.push('', `Story ${k + 1} (${s.story}): ${s.members.length} copies`);
    s.members.forEach((m, i) => {
      const d = byId.get(m.id)!;
      const what = i === 0 ? 'origin' : `copy ${i}`;
      out.push(`  ${what.padEnd(7)} ${label(d, m)}, coverage ${(m.coverage * 100).toFixed(0)}%${d.credit ? `, credit ${d.credit}` : ''}`);
    });
    const origin = byId.get(s.origin)!;
    for (const m of s.members.slice(1)) {
      const d = byId.get(m.id)!;
      out.push('', `  ${m.id}`);
      if (m.edits) out.push(...editLines(m.edits, origin, d));
      const mine = inStory.filter((p) => p.a.id === m.id || p.b.id === m.id);
      const withOrigin = mine.filter((p) => p.a.id === s.origin || p.b.id === s.origin);
      for (const p of withOrigin.length > 0 ? withOrigin : mine) {
        const [other, self] = p.a.id === m.id ? [p.b, p.a] : [p.a, p.b];
        const od = byId.get(other.id)!;
        out.push(`    A ${other.id === s.origin ? 'origin ' : ''}${label(od, other)}`);
        out.push(`    B ${label(d, self)}`);
        out.push(`      ${p.chars} characters aligned, identity ${(p.identity * 100).toFixed(1)}%`);
        out.push(...sideBySide(od.text.slice(other.start, other.end), d.text.slice(self.start, self.end)));
      }
    }
  });
  return out.join('\n');
}

function inside(s: Story, span: DocSpan): boolean {
  return s.members.some((m) => m.id === span.id && m.start <= span.start && span.end <= m.end);
}

function editLines(edits: Edit[], origin: Doc, copy: Doc): string[] {
  if (edits.length === 0) return ['    edits: none (same text as the origin)'];
  const count = (op: Edit['op']) => edits.filter((e) => e.op === op).length;
  const names = edits.filter((e) => e.name).length;
  const out = [
    `    edits: ${count('omitted')} omitted, ${count('added')} added, ${count('changed')} changed${names ? ` (${names} person ${names === 1 ? 'name' : 'names'})` : ''}`,
  ];
  const at = (d: Doc, s: NonNullable<Edit['origin']>) => {
    const p = pageSpan(d, s.start, s.end);
    return `${p.start}–${p.end}`;
  };
  for (const e of edits) {
    const o = e.origin ? `「${clip(e.origin.text)}」 (${at(origin, e.origin)})` : '';
    const c = e.copy ? `「${clip(e.copy.text)}」 (${at(copy, e.copy)})` : '';
    if (e.op === 'omitted') out.push(`      − omitted ${o}`);
    else if (e.op === 'added') out.push(`      + added   ${c}`);
    else out.push(`      ~ changed ${o} → ${c}${e.name ? '  ← person name' : ''}`);
  }
  return out;
}

function clip(s: string, n = 40): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
}

/**
 * The two sides' match keys aligned in rows of ROW columns: differing
 * characters are wrapped in ⟦ ⟧ on their own side, a gap shows as ＿; runs of
 * identical rows are folded into one line.
 */
function sideBySide(ta: string, tb: string): string[] {
  const ka = matchKey(ta).key;
  const kb = matchKey(tb).key;
  if (ka.length * kb.length > 25_000_000) return ['      (too long to show side by side)'];
  const ops = editScript(ka, kb);
  const rows: { a: string; b: string; same: boolean }[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k < ops.length; k += ROW) {
    let ra = '';
    let rb = '';
    let same = true;
    for (const op of ops.slice(k, k + ROW)) {
      if (op === M) {
        ra += wide(ka[i++]!);
        rb += wide(kb[j++]!);
      } else {
        same = false;
        const ca = op === INS ? '＿' : wide(ka[i++]!);
        const cb = op === DEL ? '＿' : wide(kb[j++]!);
        ra += op === X || op === DEL ? `⟦${ca}⟧` : ca;
        rb += op === X || op === INS ? `⟦${cb}⟧` : cb;
      }
    }
    rows.push({ a: ra.replace(/⟧⟦/g, ''), b: rb.replace(/⟧⟦/g, ''), same });
  }
  const out: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let s = r;
    while (s < rows.length && rows[s]!.same) s++;
    if (row.same && s - r > 3) {
      out.push(`    = │ ${row.a}`);
      out.push(`    = │ … ${(s - r - 2) * ROW} identical characters …`);
      out.push(`    = │ ${rows[s - 1]!.a}`);
      r = s - 1;
      continue;
    }
    if (row.same) out.push(`    = │ ${row.a}`);
    else out.push(`    A │ ${row.a}`, `    B │ ${row.b}`);
  }
  return out;
}

/** ASCII key characters shown full-width, so that rows of CJK and digits line up. */
function wide(c: string): string {
  const code = c.charCodeAt(0);
  return code > 0x20 && code < 0x7f ? String.fromCharCode(code + 0xfee0) : c;
}
