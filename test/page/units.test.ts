import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { wrapWidth } from '../../src/page/units.js';

test('wrapWidth: the median length of the lines that wrap, by counting; none when too few wrap', () => {
  // Columns narrow (many lines of one width, as on a page) or wide, up to the widest the count keeps apart.
  const line = (max: number) => fc.record({ width: fc.integer({ min: 1, max }), blanks: fc.constantFrom(0, 0, 0, 1) });
  const page = fc.oneof(fc.array(line(30), { minLength: 20, maxLength: 120 }), fc.array(line(1022), { minLength: 20, maxLength: 120 }), fc.array(line(30), { maxLength: 30 }));
  let counted = 0;
  fc.assert(
    fc.property(page, (spec) => {
      let at = 0;
      const lines = spec.map(({ width, blanks }) => {
        const l = { start: at, end: at + width, text: 'x'.repeat(width), blanks };
        at += width + 1 + blanks;
        return l;
      });
      const widths = lines.flatMap((l, i) => (i + 1 < lines.length && lines[i + 1]!.blanks === 0 ? [l.end - l.start] : []));
      const want = widths.length < 20 || widths.length < lines.length / 2 ? null : widths.sort((a, b) => a - b)[widths.length >> 1];
      assert.equal(wrapWidth(lines), want);
      if (want !== null) counted++;
    }),
    { numRuns: 500, seed: 7 },
  );
  assert.ok(counted > 200, `only ${counted} pages wrap`);
});
