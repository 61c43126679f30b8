/**
 * Stories: the copies of one text, grouped from aligned passages.
 *
 * Clustering works on passage spans, not on whole documents, so that an
 * article built from two wire stories sits in two stories and a chain
 * A ~ B ~ C through different parts of B does not merge A's and C's text.
 * Two spans are in one story when
 * - they are the two sides of one passage;
 * - they lie in the same document and overlap by at least
 *   min(50, half the shorter span) characters (the same text copied twice);
 * - they belong to passages between the same two documents (a copy with
 *   reordered paragraphs aligns in several pieces; they are one story).
 * A document that is the source of two separate excerpts (a roll-up of
 * briefs, or one wire story split into two articles) is therefore a member of
 * two stories, one per excerpt.
 *
 * A member's span is the hull of its spans in the story; its `coverage` is
 * the share of the document's match-key characters inside those spans.
 *
 * The origin is the member whose document credits a wire service
 * (`Doc.credit`), else the one with the earliest date, else the most complete
 * (most match-key characters covered); remaining ties go to the smaller id.
 * Story ids hash the sorted member spans, so they are stable across runs and
 * input order.
 */
import { docKey } from './matchKey.js';
import type { Doc, DocSpan, Passage, Story, StoryMember } from './types.js';

export function buildStories(docs: Doc[], passages: Passage[]): Story[] {
  const byId = new Map<string, Doc>();
  for (const d of docs) byId.set(d.id, d);

  // Nodes: two per passage (its a and b spans).
  const nodes: DocSpan[] = [];
  for (const p of passages) nodes.push(p.a, p.b);
  const uf = new UnionFind(nodes.length);

  const firstOfPair = new Map<string, number>();
  passages.forEach((p, k) => {
    uf.union(2 * k, 2 * k + 1);
    const key = p.a.id < p.b.id ? `${p.a.id}\u0000${p.b.id}` : `${p.b.id}\u0000${p.a.id}`;
    const first = firstOfPair.get(key);
    if (first === undefined) firstOfPair.set(key, k);
    else uf.union(2 * first, 2 * k);
  });

  // Overlapping spans within a document: sweep by start against the span
  // reaching furthest so far.
  const perDoc = new Map<string, number[]>();
  nodes.forEach((n, k) => {
    const list = perDoc.get(n.id);
    if (list) list.push(k);
    else perDoc.set(n.id, [k]);
  });
  for (const list of perDoc.values()) {
    list.sort((x, y) => nodes[x]!.start - nodes[y]!.start || nodes[x]!.end - nodes[y]!.end);
    let reach = -1;
    for (const k of list) {
      if (reach >= 0) {
        const r = nodes[reach]!;
        const n = nodes[k]!;
        const overlap = Math.min(r.end, n.end) - n.start;
        const shorter = Math.min(r.end - r.start, n.end - n.start);
        if (overlap > 0 && overlap >= Math.min(50, shorter / 2)) uf.union(reach, k);
      }
      if (reach < 0 || nodes[k]!.end > nodes[reach]!.end) reach = k;
    }
  }

  // Collect clusters: per cluster, per document, the spans.
  const clusters = new Map<number, Map<string, Array<[number, number]>>>();
  nodes.forEach((n, k) => {
    const root = uf.find(k);
    let c = clusters.get(root);
    if (!c) clusters.set(root, (c = new Map()));
    const spans = c.get(n.id);
    if (spans) spans.push([n.start, n.end]);
    else c.set(n.id, [[n.start, n.end]]);
  });

  const stories: Array<{ story: Story; date: string | null; start: number }> = [];
  for (const c of clusters.values()) {
    const members: Ranked[] = [];
    for (const [id, spans] of c) {
      const merged = mergeSpans(spans);
      const doc = byId.get(id);
      let covered = 0;
      let total = 0;
      if (doc) {
        const map = docKey(doc).map;
        total = map.length;
        covered = countInside(map, merged);
      } else {
        covered = merged.reduce((s, [x, y]) => s + y - x, 0);
      }
      members.push({
        id,
        start: merged[0]![0],
        end: merged[merged.length - 1]![1],
        coverage: total > 0 ? covered / total : 0,
        covered,
        doc,
      });
    }
    members.sort(byOrigin);
    const origin = members[0]!;
    const rest = members.slice(1).sort((x, y) => cmpDate(x.doc?.date ?? null, y.doc?.date ?? null) || cmpStr(x.id, y.id) || x.start - y.start);
    const ordered = [origin, ...rest].map(({ id, start, end, coverage }) => ({ id, start, end, coverage }));
    const signature = ordered
      .map((m) => `${m.id}:${m.start}-${m.end}`)
      .sort()
      .join('\n');
    stories.push({
      story: { story: storyId(signature), origin: origin.id, members: ordered },
      date: origin.doc?.date ?? null,
      start: origin.start,
    });
  }
  stories.sort(
    (x, y) =>
      cmpDate(x.date, y.date) || cmpStr(x.story.origin, y.story.origin) || x.start - y.start || cmpStr(x.story.story, y.story.story),
  );
  return stories.map((s) => s.story);
}

type Ranked = StoryMember & { covered: number; doc: Doc | undefined };

/** Origin first: wire credit, then earliest date, then most covered, then id. */
function byOrigin(x: Ranked, y: Ranked): number {
  const cx = x.doc?.credit ? 0 : 1;
  const cy = y.doc?.credit ? 0 : 1;
  return cx - cy || cmpDate(x.doc?.date ?? null, y.doc?.date ?? null) || y.covered - x.covered || cmpStr(x.id, y.id) || x.start - y.start;
}

/** Dates ascending, unknown last. */
function cmpDate(x: string | null, y: string | null): number {
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
}

function cmpStr(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  const sorted = spans.slice().sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Key units whose text offset falls inside one of the (sorted, disjoint) spans. */
function countInside(map: Uint32Array, spans: Array<[number, number]>): number {
  let count = 0;
  let k = 0;
  for (let i = 0; i < map.length; i++) {
    const at = map[i]!;
    while (k < spans.length && spans[k]![1] <= at) k++;
    if (k === spans.length) break;
    if (at >= spans[k]![0]) count++;
  }
  return count;
}

/** A 64-bit FNV-1a hash (two 32-bit lanes) of the signature, as `s` + 16 hex digits. */
function storyId(signature: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < signature.length; i++) {
    const c = signature.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 15), 0x5bd1e995);
  }
  return `s${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r]! !== r) r = this.parent[r]!;
    while (this.parent[x]! !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(x: number, y: number): void {
    const rx = this.find(x);
    const ry = this.find(y);
    if (rx === ry) return;
    // the smaller index becomes the root: deterministic
    if (rx < ry) this.parent[ry] = rx;
    else this.parent[rx] = ry;
  }
}
