import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HashSet32 } from '../../src/reuse/hashSet32.js';

test('HashSet32 holds what a Set holds, zero and the largest value included, through growth', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constant(0), fc.constant(0xffffffff), fc.nat(), fc.integer({ min: 0, max: 50 })), { maxLength: 3000 }), fc.array(fc.nat(), { maxLength: 200 }), (xs, probes) => {
      const set = new HashSet32(4);
      const ref = new Set<number>();
      for (const x of xs) {
        set.add(x);
        ref.add(x >>> 0);
      }
      assert.equal(set.size, ref.size);
      for (const x of [...xs, ...probes]) assert.equal(set.has(x), ref.has(x >>> 0), String(x));
    }),
    { numRuns: 200 },
  );
});

test('HashSet32 takes signed views of the same 32 bits as the same value', () => {
  const set = new HashSet32();
  set.add(-1);
  assert.ok(set.has(0xffffffff));
  assert.ok(!set.has(1));
});
