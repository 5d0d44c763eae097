import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellText,
  DisclosureLog,
  foldSmall,
  shareSubject,
  suppressBreakdown,
} from '../../src/report/disclosure.js';
import { count } from '../../src/report/format.js';

const rules = { minCell: 5, minDenominator: 10 };
const parents = (n: number) => `${n} ${n === 1 ? 'parent' : 'parents'} with scores`;

describe('breakdown counts (statistics.md: 1 to minCell − 1 printed as "<minCell")', () => {
  it('hides 1 to 4, shows 0 and 5 and above', () => {
    expect([0, 1, 4, 5, 1234].map((n) => cellText(n, 5))).toEqual(['0', '<5', '<5', '5', '1,234']);
  });

  it('tallies what it hid, by table', () => {
    const log = new DisclosureLog(rules);
    log.cell(3, 'the services table');
    log.cell(7, 'the services table');
    log.cell(1, 'the services table');
    log.cell(2, 'the referrals-by-source table');
    expect(log.suppressedCells).toBe(3);
    expect([...log.suppressed]).toEqual([
      ['the services table', 2],
      ['the referrals-by-source table', 1],
    ]);
  });
});

describe('percentages (statistics.md: below minDenominator printed as "x of n")', () => {
  it('shows a percentage from minDenominator up, "x of n" below it, a dash without data', () => {
    const log = new DisclosureLog(rules);
    expect(log.share(17, 20, 85).text).toBe('85%');
    expect(log.share(9, 10, 90).text).toBe('90%');
    expect(log.share(7, 9, 77.78)).toEqual({ text: '7 of 9', small: true, part: 7, whole: 9 });
    expect(log.share(0, 0, null).text).toBe('—');
    expect(log.smallDenominators).toBe(1);
  });

  it('never prints a bare percentage on a small denominator, whatever the value', () => {
    const log = new DisclosureLog({ minCell: 5, minDenominator: 25 });
    expect(log.share(20, 24, 83.3).text).toBe('20 of 24');
  });
});

describe('the subject of a sentence, with its denominator', () => {
  const log = new DisclosureLog(rules);
  it('"Of the 20 parents …, 85%" for a percentage', () => {
    expect(shareSubject(log.share(17, 20, 85), parents)).toEqual({
      text: 'Of the 20 parents with scores, 85%',
      singular: false,
    });
  });
  it('"7 of the 9 parents …" on a small denominator, singular when one', () => {
    expect(shareSubject(log.share(7, 9, 77.8), parents).text).toBe('7 of the 9 parents with scores');
    expect(shareSubject(log.share(1, 6, 16.7), parents)).toEqual({
      text: '1 of the 6 parents with scores',
      singular: true,
    });
  });
  it('"None of the …" for zero, and "1 of 1 parent" for one', () => {
    expect(shareSubject(log.share(0, 12, 0), parents).text).toBe('None of the 12 parents with scores');
    expect(shareSubject(log.share(0, 3, 0), parents).text).toBe('None of the 3 parents with scores');
    expect(shareSubject(log.share(1, 1, 100), parents).text).toBe('1 of 1 parent with scores');
  });
});

describe('folding small sources into "Other" for charts', () => {
  it('folds 1 to 4 into a new Other when that is at least minCell', () => {
    expect(
      foldSmall(
        [
          ['Health visitor', 20],
          ['GP', 3],
          ['Self-referral', 2],
        ],
        5,
      ),
    ).toEqual([
      ['Health visitor', 20],
      ['Other', 5],
    ]);
  });
  it('adds them to an existing Other, and leaves out a fold that is still small', () => {
    expect(
      foldSmall(
        [
          ['Midwife', 9],
          ['Other', 6],
          ['GP', 1],
        ],
        5,
      ),
    ).toEqual([
      ['Midwife', 9],
      ['Other', 7],
    ]);
    expect(
      foldSmall(
        [
          ['Midwife', 9],
          ['GP', 3],
        ],
        5,
      ),
    ).toEqual([['Midwife', 9]]);
  });
  it('drops zeros: there is nothing to draw', () => {
    expect(
      foldSmall(
        [
          ['Midwife', 9],
          ['Other', 0],
        ],
        5,
      ),
    ).toEqual([['Midwife', 9]]);
  });
});

describe('suppressBreakdown: secondary suppression (statistics.md)', () => {
  it('hides a second, smallest non-zero count when exactly one is small', () => {
    expect(suppressBreakdown([40, 3, 12, 0, 25], 5)).toEqual({
      texts: ['40', '<5', '*', '0', '25'],
      hidden: [false, true, true, false, false],
      secondary: true,
    });
  });

  it('takes the first in order on a tie, and adds nothing when two are already hidden', () => {
    expect(suppressBreakdown([9, 2, 9], 5).texts).toEqual(['*', '<5', '9']);
    expect(suppressBreakdown([9, 2, 1, 30], 5)).toMatchObject({
      texts: ['9', '<5', '<5', '30'],
      secondary: false,
    });
  });

  it('nothing small, nothing hidden', () => {
    expect(suppressBreakdown([5, 0, 17], 5)).toEqual({
      texts: ['5', '0', '17'],
      hidden: [false, false, false],
      secondary: false,
    });
  });

  it('no hidden count can be worked out by subtracting the shown ones from the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 9 }),
        fc.integer({ min: 2, max: 10 }),
        (counts, minCell) => {
          const { texts, hidden } = suppressBreakdown(counts, minCell);
          const hiddenCount = hidden.filter(Boolean).length;
          // A reader with the total and the shown cells learns only the sum of the hidden ones:
          // one hidden cell alone would be that sum. (If every other cell is 0, nothing can help.)
          const othersNonZero = counts.some((n, i) => !hidden[i] && n > 0);
          if (hiddenCount === 1) expect(othersNonZero).toBe(false);
          counts.forEach((n, i) => {
            if (hidden[i]) expect(texts[i]).toMatch(/^(<\d+|\*)$/);
            else expect(texts[i]).toBe(count(n));
            if (n >= 1 && n < minCell) expect(hidden[i]).toBe(true);
          });
        },
      ),
    );
  });
});
