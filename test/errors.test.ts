import { describe, expect, it } from 'vitest';
import {
  type Cause,
  columnLetter,
  ExitCode,
  formatError,
  formatProblem,
  ProblemList,
  quote,
  ReportError,
} from '../src/errors.js';

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [15, 'P'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i is %s', (i, letters) => {
    expect(columnLetter(i)).toBe(letters);
  });
});

describe('quote', () => {
  it('makes a value safe and short to print', () => {
    expect(quote('150')).toBe('"150"');
    expect(quote('a "b"\n\u0000')).toBe('"a \\"b\\"\\n\\u0000"');
    expect(quote('x\u202ey')).toBe('"x\\u202ey"');
    expect(quote('x'.repeat(100))).toBe(`"${'x'.repeat(60)}…"`);
  });
});

describe('formatProblem', () => {
  it('puts where first, then the value, then what was expected', () => {
    expect(
      formatProblem({
        file: 'o.csv',
        line: 3,
        columnLetter: 'K',
        column: 'pirgas_pre',
        value: '150',
        message: 'expected a whole-number score from 1 to 100',
      }),
    ).toBe('line 3, column K "pirgas_pre", value "150": expected a whole-number score from 1 to 100');
  });
  it('never prints the value of personal data', () => {
    expect(
      formatProblem({ file: 'o.csv', line: 3, value: 'someone@example.org', personal: true, message: 'm' }),
    ).toBe('line 3: m');
  });
});

describe('ProblemList and formatError', () => {
  it('keeps a cap a file, counts the rest, and prints one block per file', () => {
    const list = new ProblemList(3);
    for (let line = 2; line < 7; line++) list.add({ file: 'o.csv', line, message: 'bad' });
    list.add({ file: 'r.csv', line: 2, message: 'also bad', value: 'x' });
    expect(list.count).toBe(6);
    expect(list.kept).toHaveLength(4);
    expect(list.omitted).toBe(2);
    const text = formatError(list.toError('The input files have 6 problems.', ExitCode.data, 'Fix them.'), 2);
    expect(text).toBe(
      [
        'Error: The input files have 6 problems.',
        '',
        'o.csv (5 problems):',
        '  - line 2: bad',
        '  - line 3: bad',
        '  … and 3 more problems in this file.',
        '',
        'r.csv (1 problem):',
        '  - line 2, value "x": also bad',
        '',
        'Fix them.',
      ].join('\n'),
    );
  });

  it('drops the value of a personal-data problem as it is added', () => {
    const list = new ProblemList();
    list.add({ file: 'o.csv', line: 2, value: 'someone@example.org', personal: true, message: 'personal' });
    expect(list.kept[0]?.value).toBeUndefined();
    expect(list.personal).toBe(1);
  });

  it('prints an error without problems as its message and hint', () => {
    expect(formatError(new ReportError('No browser.', ExitCode.noBrowser, 'Install Chromium.'))).toBe(
      'Error: No browser.\n\nInstall Chromium.',
    );
  });

  describe('a cause most problems share is said once', () => {
    const uk: Cause = {
      key: 'uk',
      statement: 'the dates are written DD/MM/YYYY',
      fix: 'set input.dateFormat',
      setting: true,
    };
    const other: Cause = { key: 'other', statement: 'something else', fix: 'do it', setting: false };
    const dates = (list: ProblemList, lines: number[], cause = uk) => {
      for (const line of lines)
        for (const column of ['referral_date', 'start_date'])
          list.add({
            file: 'o.csv',
            line,
            column,
            value: '01/02/2024',
            message: 'expected YYYY-MM-DD',
            cause,
          });
    };

    it('first, with three examples, when it explains every problem', () => {
      const list = new ProblemList();
      dates(list, [2, 3, 4, 5, 6]);
      list.setRows('o.csv', 5);
      expect(list.statedCause('o.csv')).toEqual({ cause: uk, count: 10 });
      expect(list.settingCount).toBe(10);
      expect(formatError(list.toError('Bad.', ExitCode.data))).toBe(
        [
          'Error: Bad.',
          '',
          'o.csv (10 problems):',
          '  All 10 have one cause: the dates are written DD/MM/YYYY.',
          '  How to fix them all at once: set input.dateFormat.',
          '  For example:',
          '  - line 2, column "referral_date", value "01/02/2024": expected YYYY-MM-DD',
          '  - line 2, column "start_date", value "01/02/2024": expected YYYY-MM-DD',
          '  - line 3, column "referral_date", value "01/02/2024": expected YYYY-MM-DD',
          '  … and 7 more like these.',
        ].join('\n'),
      );
    });

    it('then the other problems in full, when it explains most of them', () => {
      const list = new ProblemList();
      dates(list, [2, 3, 4]);
      list.add({ file: 'o.csv', line: 5, message: 'a blank episode_id' });
      list.setRows('o.csv', 4);
      const text = formatError(list.toError('Bad.', ExitCode.data));
      expect(text).toContain('  6 of them have one cause: the dates are written DD/MM/YYYY.');
      expect(text).toContain(
        '  … and 3 more like these.\n  The other 1 problem:\n  - line 5: a blank episode_id',
      );
      expect(list.settingCount).toBe(6);
    });

    it('not when it is a few rows of a large file (three mistakes, not the way the file is written)', () => {
      const list = new ProblemList();
      dates(list, [10, 500, 900]);
      list.setRows('o.csv', 1000);
      expect(list.statedCause('o.csv')).toBeUndefined();
      expect(list.settingCount).toBe(0);
      expect(formatError(list.toError('Bad.', ExitCode.data))).not.toContain('one cause');
    });

    it('not when it explains half or less, nor on a single row', () => {
      const half = new ProblemList();
      dates(half, [2]);
      dates(half, [3], other);
      half.setRows('o.csv', 2);
      expect(half.statedCause('o.csv')).toBeUndefined();
      const single = new ProblemList();
      dates(single, [2]);
      single.setRows('o.csv', 1);
      expect(single.statedCause('o.csv')).toBeUndefined();
    });

    it('a problem whose own fix is a setting counts as fixed by a setting', () => {
      const list = new ProblemList();
      list.add({ file: 'o.csv', line: 1, message: 'map it', fixedBySetting: true });
      list.add({ file: 'o.csv', line: 1, message: 'rename it' });
      expect(list.settingCount).toBe(1);
    });
  });
});
