import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cohesion, EchoIndex, echoes, gapCohesions, gapSplitGains, PageCharacters, PageTrigrams, SegmentCosts, splitGain } from '../../src/page/similarity.js';

test('echo: the share of a line’s distinct bigrams found in the text, punctuation skipped', () => {
  assert.deepEqual(echoes(['北京大学', '上海', '——'], '我在北京，大学里读书'), [1, 0, 0]);
  // 北京/京京/京大: 京京 is missing.
  assert.equal(echoes(['北京京大'], '北京大')[0], 2 / 3);
});

test('EchoIndex: a text scanned in pieces is one text (a bigram may span the join), a scan stops at its limit', () => {
  const index = new EchoIndex(['京大', '读书']);
  index.begin().scan('北京');
  index.scan('大学读书', 2);
  assert.deepEqual(index.echoes(), [1, 0]);
  index.begin().scan('读书');
  assert.deepEqual(index.echoes(), [0, 1]);
});

test('EchoIndex: a bigram repeated in the text or shared by two lines counts once per line', () => {
  const index = new EchoIndex(['北京北京', '北京']);
  index.begin().scan('北京北京北京');
  assert.deepEqual(index.echoes(), [1, 1]);
});

test('cohesion: shared trigrams of the text after, within the windows given', () => {
  const page = new PageTrigrams(['今天天气很好', '明天会下雨吗']);
  const a = page.of('今天天气很好');
  const b = page.of('明天会下雨吗');
  assert.equal(cohesion([a, a], 1, 100, 100), 1);
  assert.equal(cohesion([a, b], 1, 100, 100), 0);
  // Only the last trigram before counts: 气很好.
  assert.equal(cohesion([a, a], 1, 100, 1), 1 / 4);
  // Only the first trigram after counts: 今天天.
  assert.equal(cohesion([b, a, a], 2, 1, 100), 1);
});

test('gapCohesions: cohesion at every gap at once, the same as gap by gap', () => {
  // Few distinct hashes, so that pieces share many; empty pieces too.
  const piece = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }).map((a) => Int32Array.from(a));
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (pieces, after, before) => {
      const all = gapCohesions(pieces, after, before);
      assert.equal(all[0], 0);
      for (let k = 1; k < pieces.length; k++) assert.equal(all[k], cohesion(pieces, k, after, before));
    }),
    { numRuns: 500 },
  );
});

test('PageTrigrams: trigrams found in many paragraphs are dropped', () => {
  const paragraphs = ['一', '二', '三', '四', '五'].map((n) => `庆祝中华人民共和国成立${n}周年`);
  const page = new PageTrigrams([...paragraphs, '今天天气很好']);
  // Only the trigrams with the number are left: 立一周, 一周年 (成立一 too).
  assert.equal(page.of(paragraphs[0]!).length, 3);
  assert.equal(page.of('今天天气很好').length, 4);
  // A text not among the paragraphs is hashed on demand, less the common trigrams.
  assert.equal(page.of('中华人民共和国').length, 0);
  new PageTrigrams([]);
  assert.throws(() => page.of('今天'), /newer page/);
});

test('PageTrigrams.topics: the tf-idf cosine across every gap, the same as window by window', () => {
  const han = fc.constantFrom(...'甲乙丙丁戊己庚辛');
  const paragraph = fc.array(han, { maxLength: 30 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.array(paragraph, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), (paragraphs, before, after) => {
      const page = new PageTrigrams(paragraphs);
      const pieces = paragraphs.map((p) => page.of(p));
      const got = page.topics(pieces, before, after);
      // Window by window, counting by the sketch's buckets, each weighted by log(paragraphs / paragraphs holding it)².
      const bucket = (h: number) => h & 0x7fff;
      const held = new Map<number, number>();
      for (const p of pieces) for (const b of new Set([...p].map(bucket))) held.set(b, (held.get(b) ?? 0) + 1);
      const all = pieces.flatMap((p) => [...p].map(bucket));
      let at = 0;
      pieces.forEach((p, k) => {
        if (k > 0) {
          const count = (from: number, to: number) => {
            const m = new Map<number, number>();
            for (let i = Math.max(0, from); i < Math.min(all.length, to); i++) m.set(all[i]!, (m.get(all[i]!) ?? 0) + 1);
            return m;
          };
          const l = count(at - before, at);
          const r = count(at, at + after);
          const w = (b: number) => Math.log(paragraphs.length / held.get(b)!) ** 2;
          let dot = 0;
          let nl = 0;
          let nr = 0;
          for (const [b, c] of l) (nl += c * c * w(b)), (dot += c * (r.get(b) ?? 0) * w(b));
          for (const [b, c] of r) nr += c * c * w(b);
          const want = nl > 1e-9 && nr > 1e-9 ? dot / Math.sqrt(nl * nr) : 0;
          assert.ok(Math.abs(got[k]! - want) < 1e-9, `gap ${k}: ${got[k]} against ${want}`);
        }
        at += p.length;
      });
      assert.equal(got[0], 0);
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('SegmentCosts: a segment’s cost in nats under its own Laplace-smoothed unigram model, page singletons left out, over runs of pieces', () => {
  const han = fc.constantFrom(...'甲乙丙丁戊己庚辛壬癸');
  const paragraph = fc.array(fc.oneof(han, fc.constantFrom('，', 'a', ' ')), { maxLength: 20 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.array(paragraph, { minLength: 1, maxLength: 8 }), fc.nat(), (paragraphs, seed) => {
      const chars = paragraphs.map((p) => [...p].filter((c) => /\p{Script=Han}/u.test(c)));
      const onPage = new Map<string, number>();
      for (const c of chars.flat()) onPage.set(c, (onPage.get(c) ?? 0) + 1);
      const k = onPage.size;
      // Straight from the definition: Σ log((n + k) / (f(w) + 1)) over the segment's characters, plus log 2 per page singleton (left out of Σ f(w)·log(f(w) + 1)).
      const direct = (from: number, to: number) => {
        const seg = chars.slice(from, to).flat();
        const f = new Map<string, number>();
        for (const c of seg) f.set(c, (f.get(c) ?? 0) + 1);
        return seg.reduce((sum, c) => sum + Math.log((seg.length + k) / (f.get(c)! + 1)) + (onPage.get(c) === 1 ? Math.log(2) : 0), 0);
      };
      // Runs of pieces, starting at 0 and where the seed's bits say.
      const bounds = paragraphs.map((_, k) => k).filter((k) => k === 0 || ((seed >> k) & 1) === 1);
      const at = (r: number) => (r < bounds.length ? bounds[r]! : paragraphs.length);
      const costs = new SegmentCosts(new PageCharacters(paragraphs), bounds);
      // Every start, each with every end in turn, in an order the seed shuffles.
      const starts = bounds.map((_, r) => r).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
      for (const from of starts) {
        costs.begin(from);
        for (let to = from; to <= bounds.length; to++) {
          const got = costs.cost(to);
          const want = direct(at(from), at(to));
          assert.ok(Math.abs(got - want) < 1e-9, `runs [${from}, ${to}): ${got} against ${want}`);
        }
      }
    }),
    { numRuns: 300, seed: 6 },
  );
});

test('SegmentCosts: two texts on different things cost less apart, a text and its repetition less together', () => {
  const a = '长江水文网实时水情显示，三峡水库水位冲刺一百七十五米，水库蓄水';
  const b = '军运会跳伞项目在武汉举行，跳伞运动员勇敢地从飞机上跳下';
  const costs = new SegmentCosts(new PageCharacters([a, a, b, 'English only']));
  const cost = (from: number, to: number) => (costs.begin(from), costs.cost(to));
  assert.ok(cost(1, 2) + cost(2, 3) < cost(1, 3));
  assert.ok(cost(0, 2) < cost(0, 1) + cost(1, 2));
  // No Han character, no cost.
  assert.equal(cost(3, 4), 0);
  assert.equal(cost(2, 2), 0);
});

test('gapSplitGains: at each gap, cost(A + B) − cost(A) − cost(B) for the windows of Han characters either side, from the definition', () => {
  const han = fc.constantFrom(...'甲乙丙丁戊己庚辛');
  const paragraph = fc.array(fc.oneof(han, fc.constantFrom('，', 'a', ' ')), { maxLength: 12 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.array(paragraph, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 12 }), (paragraphs, window) => {
      const chars = paragraphs.map((p) => [...p].filter((c) => /\p{Script=Han}/u.test(c)));
      const k = new Set(chars.flat()).size;
      // A segment's cost: Σ log((n + k) / (f(w) + 1)) over its characters.
      const cost = (seg: string[]) => {
        const f = new Map<string, number>();
        for (const c of seg) f.set(c, (f.get(c) ?? 0) + 1);
        return seg.reduce((sum, c) => sum + Math.log((seg.length + k) / (f.get(c)! + 1)), 0);
      };
      const got = gapSplitGains(new PageCharacters(paragraphs), window);
      assert.equal(got.length, paragraphs.length);
      assert.equal(got[0], 0);
      for (let g = 1; g < paragraphs.length; g++) {
        const a = chars.slice(0, g).flat().slice(-window);
        const b = chars.slice(g).flat().slice(0, window);
        const want = a.length === 0 && b.length === 0 ? 0 : cost([...a, ...b]) - cost(a) - cost(b);
        assert.ok(Math.abs(got[g]! - want) < 1e-9, `gap ${g}: ${got[g]} against ${want}`);
      }
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('gapSplitGains: splitting two texts on different things saves more than splitting one text', () => {
  const flood = ['长江水文网实时水情显示，三峡水库水位冲刺一百七十五米。', '三峡水库蓄水以来，长江中下游水位平稳，水库调度有序。'];
  const jump = ['军运会跳伞项目在武汉举行，跳伞运动员从飞机上跳下。', '跳伞运动员在武汉上空打开降落伞，军运会观众欢呼。'];
  const gains = gapSplitGains(new PageCharacters([...flood, ...jump]), 400);
  assert.ok(gains[2]! > 0, `between the two: ${gains[2]}`);
  assert.ok(gains[2]! > gains[1]! && gains[2]! > gains[3]!, `${[...gains]}`);
});

test('gapSplitGains: a window past the table of f·log f is refused; a page without text has no gaps', () => {
  assert.throws(() => gapSplitGains(new PageCharacters(['甲乙']), 5000), RangeError);
  assert.equal(gapSplitGains(new PageCharacters([]), 400).length, 0);
  assert.deepEqual([...gapSplitGains(new PageCharacters(['', 'abc', '']), 400)], [0, 0, 0]);
});

test('splitGain: cost(a + b) − cost(a) − cost(b) over all of both texts and their vocabulary, from the definition', () => {
  const han = fc.constantFrom(...'甲乙丙丁戊己庚辛');
  const text = fc.array(fc.oneof(han, fc.constantFrom('，', 'a', ' ')), { maxLength: 16 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.array(text, { maxLength: 4 }), fc.array(text, { maxLength: 4 }), (a, b) => {
      const hanOf = (texts: string[]) => texts.flatMap((t) => [...t].filter((c) => /\p{Script=Han}/u.test(c)));
      const k = new Set(hanOf([...a, ...b])).size;
      const cost = (seg: string[]) => {
        const f = new Map<string, number>();
        for (const c of seg) f.set(c, (f.get(c) ?? 0) + 1);
        return seg.reduce((sum, c) => sum + Math.log((seg.length + k) / (f.get(c)! + 1)), 0);
      };
      const want = cost([...hanOf(a), ...hanOf(b)]) - cost(hanOf(a)) - cost(hanOf(b));
      const got = splitGain(a, b);
      assert.ok(Math.abs(got - want) < 1e-9, `${got} against ${want}`);
      // The scratch counts are left empty: the same call gives the same answer.
      assert.equal(splitGain(a, b), got);
    }),
    { numRuns: 300, seed: 8 },
  );
});

test('splitGain: a text on other things gains from the split, its own repetition loses', () => {
  const flood = '长江水文网实时水情显示，三峡水库水位冲刺一百七十五米，三峡水库蓄水以来，长江中下游水位平稳。';
  const jump = '军运会跳伞项目在武汉举行，跳伞运动员从飞机上跳下，在武汉上空打开降落伞，军运会观众欢呼。';
  assert.ok(splitGain([flood], [jump]) > 0);
  assert.ok(splitGain([flood], [flood]) < 0);
});
