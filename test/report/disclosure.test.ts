import { describe, expect, it } from 'vitest';
import { cellText, DisclosureLog, foldSmall, shareSubject } from '../../src/report/disclosure.js';

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
