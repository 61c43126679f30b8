/** Posting segments: built, cut into blocks and merged, they find exactly what a scan of the texts finds. */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BlockWriter, blockEntries, buildSegment, compareTerms, decodePosting, findEntry, mergeEntries, phraseMatches, startsWith, countUnion, bm25 } from '../../src/store/postings.js';
import type { Block, BlockSource, DocTerms, Posting } from '../../src/store/postings.js';

/** Bigram terms of a text, then its last character (as `searchTerms` makes them). */
function terms(text: string): string[] {
  const c = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < c.length; i++) out.push(c[i]! + c[i + 1]!);
  if (c.length > 0) out.push(c[c.length - 1]!);
  return out;
}

/** A segment's blocks as the merge reads them, one or two blocks at a time. */
function fromBlocks(blocks: Block[]): BlockSource {
  let i = 0;
  return async () => (i < blocks.length ? blocks.slice(i, (i += 1 + (i % 2))).map((b) => b.data) : null);
}

/** Segments of `batches` (ascending numbers), merged newest first into one, as blocks of `size` bytes. */
async function merged(batches: DocTerms[][], size: number): Promise<Block[]> {
  const segs = batches.map((b) => buildSegment(b, size));
  const w = new BlockWriter(size);
  const out: Block[] = [];
  await mergeEntries(
    segs.reverse().map((s) => fromBlocks(s)),
    w,
    async () => void out.push(...w.blocks.splice(0)),
  );
  return [...out, ...w.finish()];
}

/** The term's posting in a segment, looked up as the store does: in the last block whose first term is not after it. */
function lookup(blocks: Block[], term: string): Posting | undefined {
  const key = Buffer.from(term, 'utf8');
  let at: Block | undefined;
  for (const b of blocks) if (Buffer.compare(b.first, key) <= 0) at = b;
  const e = at && findEntry(at.data, key);
  return e && decodePosting(e);
}

function occurrences(text: string, q: string): number {
  let n = 0;
  for (let k = text.indexOf(q); k >= 0; k = text.indexOf(q, k + 1)) n++;
  return n;
}

const alphabet = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '𠀀', '\ue000', 'a'];

test('phrases found through merged segments agree with a scan of the texts, tf included', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 40 }), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 1, max: 5 }),
      fc.string({ unit: fc.constantFrom(...alphabet), minLength: 2, maxLength: 4 }),
      fc.integer({ min: 16, max: 400 }),
      async (texts, cut, query, size) => {
        const docs: DocTerms[] = texts.map((t, i) => ({ num: i * 3 + 1, terms: terms(t).join(' '), tags: [i % 2 ? '_k1' : '_k2'] }));
        const batches: DocTerms[][] = [];
        for (let i = 0; i < docs.length; i += cut) batches.push(docs.slice(i, i + cut));
        const blocks = await merged(batches, size);
        const keys = blocks.map((b) => b.first);
        assert.deepEqual([...keys].sort(Buffer.compare), keys, 'blocks in byte order');
        const q = terms(query).slice(0, -1);
        const decoded = new Map(q.map((t) => [t, lookup(blocks, t)]));
        const postings = q.map((t) => decoded.get(t)); // a repeated term is one posting, as in the store
        const got = postings.some((p) => !p) ? [] : phraseMatches(postings as Posting[]);
        const want = texts
          .map((t, i) => ({ num: i * 3 + 1, tf: occurrences(t, query) }))
          .filter((m) => m.tf > 0)
          .reverse();
        assert.deepEqual(got, want);
        const odd = lookup(blocks, '_k1');
        assert.deepEqual(odd?.nums ?? [], docs.filter((_, i) => i % 2).map((d) => d.num).reverse(), 'a filter term lists its articles newest first');
      },
    ),
    { numRuns: 150 },
  );
});

test('a prefix counts the positions of every term it starts, per article, newest first', () => {
  const docs = [
    { num: 1, terms: terms('甲乙甲丙').join(' '), tags: [] },
    { num: 2, terms: terms('丙丙').join(' '), tags: [] },
    { num: 5, terms: terms('乙甲').join(' '), tags: [] },
    { num: 9, terms: terms('甲甲甲').join(' '), tags: [] },
  ];
  const blocks = buildSegment(docs, 8);
  const prefix = Buffer.from('甲');
  const list = blocks.flatMap((b) => blockEntries(b.data)).filter((e) => startsWith(e, prefix));
  assert.deepEqual(countUnion(list), [
    { num: 9, tf: 3 },
    { num: 5, tf: 1 },
    { num: 1, tf: 2 },
  ]);
});

test('terms compare by code point, as UTF-8 bytes do', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
      assert.equal(Math.sign(compareTerms(a, b)), Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
    }),
  );
});

test('bm25: a phrase twice in a short text outranks it four times in a long one', () => {
  assert.ok(bm25(2, 100, 1000) > bm25(4, 2000, 1000));
  assert.ok(bm25(3, 500, 500) > bm25(2, 500, 500));
});
