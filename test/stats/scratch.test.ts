import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from '../../src/stats/describe.js';
import { scratchFloats, scratchZeros } from '../../src/stats/scratch.js';

describe('working memory the statistics reuse', () => {
  it('hands out zeros where asked, whatever the last use left, at every length', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5000), { minLength: 1, maxLength: 20 }), (lengths) => {
        for (const length of lengths) {
          const marks = scratchZeros('test.marks', length);
          expect(marks.length).toBe(length);
          expect(marks.every((b) => b === 0)).toBe(true);
          marks.fill(7);
        }
      }),
    );
  });

  it('gives each name memory of its own, and the same memory to a name asked again', () => {
    const a = scratchFloats('test.a', 100);
    const b = scratchFloats('test.b', 100);
    a.fill(1);
    b.fill(2);
    expect(a.every((x) => x === 1)).toBe(true);
    expect(scratchFloats('test.a', 50).buffer).toBe(a.buffer);
    // Grown when a longer piece is asked for: still its own, and as long as asked.
    const longer = scratchFloats('test.a', 1000);
    expect(longer.length).toBe(1000);
    expect(longer.buffer).not.toBe(b.buffer);
  });

  it('leaves a median as it is however often it is asked for, longer and shorter lists in turn', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.double({ noNaN: true }).map((x) => (x === 0 ? 0 : x)),
            { maxLength: 300 },
          ),
          { maxLength: 8 },
        ),
        (lists) => {
          for (const values of lists) {
            const sorted = [...values].sort((x, y) => x - y);
            const n = sorted.length;
            const expected =
              n === 0
                ? null
                : n % 2
                  ? sorted[n >> 1]
                  : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
            const given = Float64Array.from(values);
            expect(median(given)).toBe(expected);
            // The list asked about is not moved: the median works on its own copy.
            expect([...given]).toEqual(values);
          }
        },
      ),
    );
  });
});
