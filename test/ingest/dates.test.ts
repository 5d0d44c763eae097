import { describe, expect, it } from 'vitest';
import { excelSerial, parseDateCell, parseMonthCell } from '../../src/ingest/dates.js';

describe('parseDateCell (data.md §1)', () => {
  it.each([
    ['2024-02-29', 'YYYY-MM-DD', 20240229],
    ['2024-12-31', 'YYYY-MM-DD', 20241231],
    ['29/02/2024', 'DD/MM/YYYY', 20240229],
    ['05/04/2024', 'DD/MM/YYYY', 20240405],
  ] as const)('reads %s as %s', (cell, format, day) => {
    expect(parseDateCell(cell, format)).toEqual({ ok: true, day });
  });

  it.each([
    ['2024-02-30', 'YYYY-MM-DD', 'there is no 30 February 2024'],
    ['2023-02-29', 'YYYY-MM-DD', 'there is no 29 February 2023'],
    ['2024-13-01', 'YYYY-MM-DD', 'there is no month 13'],
    ['31/04/2024', 'DD/MM/YYYY', 'there is no 31 April 2024'],
    ['1899-12-31', 'YYYY-MM-DD', 'after 1900'],
    ['05/04/2024', 'YYYY-MM-DD', 'input.dateFormat: DD/MM/YYYY'],
    ['2024-04-05', 'DD/MM/YYYY', 'must not mix'],
    ['5/4/2024', 'DD/MM/YYYY', '05/04/2024'],
    ['05/04/24', 'DD/MM/YYYY', 'four-digit year'],
    ['2024-4-5', 'YYYY-MM-DD', '2024-04-05'],
    ['5/4/2024', 'YYYY-MM-DD', 'day/month/year'],
    ['2024-04-05 00:00:00', 'YYYY-MM-DD', 'without a time'],
    ['05/04/2024 09:30', 'DD/MM/YYYY', 'without a time'],
    ['next Tuesday', 'YYYY-MM-DD', 'YYYY-MM-DD'],
    ['45383', 'DD/MM/YYYY', 'DD/MM/YYYY'],
  ] as const)('rejects %j (%s), saying %j', (cell, format, words) => {
    const result = parseDateCell(cell, format);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.expected).toContain(words);
  });
});

describe('parseMonthCell (data.md §2: always YYYY-MM)', () => {
  it('reads 2024-04 as its first day', () => {
    expect(parseMonthCell('2024-04')).toEqual({ ok: true, day: 20240401 });
  });
  it.each([
    ['2024-13', 'no month 13'],
    ['2024-00', 'no month 0'],
    ['2024-4', '2024-04'],
    ['04/2024', '2024-04'],
    ['2024-04-01', 'not a whole date'],
    ['April 2024', 'YYYY-MM'],
  ])('rejects %j, saying %j', (cell, words) => {
    const result = parseMonthCell(cell);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.expected).toContain(words);
  });
});

describe('what a wrongly written date says about the whole file (its cause)', () => {
  const causeOf = (cell: string, format: 'YYYY-MM-DD' | 'DD/MM/YYYY') => {
    const r = parseDateCell(cell, format);
    return r.ok ? 'parsed' : r.cause;
  };

  it('names the setting that would read the file as it is', () => {
    expect(causeOf('15/09/2024', 'YYYY-MM-DD')).toMatchObject({
      statement: 'the dates are written DD/MM/YYYY',
      fix: expect.stringContaining('set input.dateFormat: DD/MM/YYYY'),
      setting: true,
    });
    expect(causeOf('2024-09-15', 'DD/MM/YYYY')).toMatchObject({
      statement: expect.stringContaining('the dates are written YYYY-MM-DD'),
      setting: true,
    });
  });

  it('says what the spreadsheet must change where no setting can read it', () => {
    expect(causeOf('5/4/2024', 'YYYY-MM-DD')).toMatchObject({
      key: 'dates-no-leading-zeros',
      setting: false,
    });
    expect(causeOf('5/4/2024', 'DD/MM/YYYY')).toMatchObject({
      key: 'dates-no-leading-zeros',
      setting: false,
    });
    expect(causeOf('05.04.2024', 'DD/MM/YYYY')).toMatchObject({
      key: 'dates-dots-or-dashes',
      setting: false,
    });
    expect(causeOf('05/04/24', 'DD/MM/YYYY')).toMatchObject({ key: 'dates-two-digit-years', setting: false });
    expect(causeOf('2024-04-05 10:30', 'YYYY-MM-DD')).toMatchObject({
      key: 'dates-with-time',
      setting: false,
    });
  });

  it('an impossible date is a mistake in that cell, not a way of writing dates', () => {
    expect(causeOf('2024-02-30', 'YYYY-MM-DD')).toBeUndefined();
    expect(causeOf('31/02/2024', 'DD/MM/YYYY')).toBeUndefined();
  });
});

describe('Excel date numbers (a date column formatted as a number)', () => {
  it.each([
    ['45292', '2024-01-01'],
    ['45351', '2024-02-29'],
    ['45292.5', '2024-01-01'],
    ['10000', '1927-05-18'],
    ['73050', '2099-12-31'],
  ])('reads %s as Excel’s number for %s', (cell, iso) => {
    expect(excelSerial(cell)).toBe(iso);
  });

  it('refuses one in a date column, saying what it is and how to format the column, in either date form', () => {
    for (const [format, pattern] of [
      ['YYYY-MM-DD', 'yyyy-mm-dd'],
      ['DD/MM/YYYY', 'dd/mm/yyyy'],
    ] as const) {
      const result = parseDateCell('45292', format);
      expect(result.ok).toBe(false);
      const expected = result.ok ? '' : result.expected;
      expect(expected).toContain('Excel date number');
      expect(expected).toContain("45292 is Excel's number for 2024-01-01");
      expect(expected).toContain(`Format Cells, Custom, ${pattern}`);
    }
  });

  it('refuses one in the referrals month column', () => {
    const result = parseMonthCell('45292');
    expect(result.ok ? '' : result.expected).toContain('Custom, yyyy-mm');
  });

  it('leaves other numbers to the ordinary message', () => {
    for (const cell of ['2024', '123456', '4529', '45292x']) {
      expect(excelSerial(cell)).toBeUndefined();
      const result = parseDateCell(cell, 'YYYY-MM-DD');
      expect(result.ok ? '' : result.expected).not.toContain('Excel');
    }
  });
});
