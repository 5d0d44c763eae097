import { describe, expect, it } from 'vitest';
import {
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
});
