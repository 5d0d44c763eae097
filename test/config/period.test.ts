import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parsePeriod,
  periodInWords,
  periodKind,
  previousPeriod,
  resolveRelativePeriod,
} from '../../src/config/period.js';
import { ReportError } from '../../src/errors.js';
import { referencePreviousPeriod } from '../stats/reference.js';

describe('parsePeriod (data.md §3)', () => {
  it.each([
    ['2024', 4, '2024', '2024-01-01', '2024-12-31'],
    ['2024-Q3', 4, '2024-Q3', '2024-07-01', '2024-09-30'],
    ['FY2024-25', 4, 'FY2024-25', '2024-04-01', '2025-03-31'],
    ['FY2024-25-Q1', 4, 'FY2024-25-Q1', '2024-04-01', '2024-06-30'],
    ['FY2024-25-Q4', 4, 'FY2024-25-Q4', '2025-01-01', '2025-03-31'],
    ['FY2024-25', 1, 'FY2024-25', '2024-01-01', '2024-12-31'],
    ['FY2023-24-Q4', 9, 'FY2023-24-Q4', '2024-06-01', '2024-08-31'],
    ['2024-04-01..2025-03-31', 4, '2024-04-01_2025-03-31', '2024-04-01', '2025-03-31'],
    ['2024-Q1', 4, '2024-Q1', '2024-01-01', '2024-03-31'],
  ])('%s (year from month %i) is %s, %s to %s', (text, fy, label, from, to) => {
    expect(parsePeriod(text, fy)).toEqual({ label, from, to });
  });

  it.each([
    'FY2024-26',
    '2024-Q5',
    '2025-03-31..2024-04-01',
    '2024-02-30..2024-03-01',
    'last year',
    '24',
    'FY2024',
  ])('rejects %s as a usage error (exit 2)', (text) => {
    expect(() => parsePeriod(text, 4)).toThrow(ReportError);
    try {
      parsePeriod(text, 4);
    } catch (error) {
      expect((error as ReportError).exitCode).toBe(2);
    }
  });

  it('says the period in words', () => {
    expect(periodInWords({ from: '2024-01-01', to: '2024-12-31' })).toBe('1 January – 31 December 2024');
    expect(periodInWords({ from: '2024-04-01', to: '2025-03-31' })).toBe('1 April 2024 – 31 March 2025');
  });
});

describe('resolveRelativePeriod', () => {
  const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
  it.each([
    ['previous-quarter', '2025-07-01', 4, '2025-Q2'],
    ['previous-quarter', '2025-09-30', 4, '2025-Q2'],
    ['previous-quarter', '2025-02-10', 4, '2024-Q4'],
    ['previous-fy-quarter', '2025-07-01', 4, 'FY2025-26-Q1'],
    ['previous-fy-quarter', '2025-05-15', 4, 'FY2024-25-Q4'],
    ['previous-fy-quarter', '2026-01-05', 4, 'FY2025-26-Q3'],
    ['previous-fy-quarter', '2025-03-31', 4, 'FY2024-25-Q3'],
    ['previous-fy-quarter', '2025-02-01', 1, 'FY2024-25-Q4'],
    ['2024-Q3', '2025-07-01', 4, '2024-Q3'],
  ])('%s on %s (year from month %i) is %s', (text, today, fy, expected) => {
    const resolved = resolveRelativePeriod(text, at(today), fy);
    expect(resolved).toBe(expected);
    expect(() => parsePeriod(resolved, fy)).not.toThrow();
  });
});

describe('previousPeriod (statistics.md `previous`)', () => {
  it.each([
    ['2024', 4, '2023', '2023-01-01', '2023-12-31'],
    ['2000', 4, '1999', '1999-01-01', '1999-12-31'],
    ['2024-Q1', 4, '2023-Q4', '2023-10-01', '2023-12-31'],
    ['2024-Q3', 4, '2024-Q2', '2024-04-01', '2024-06-30'],
    ['FY2025-26', 4, 'FY2024-25', '2024-04-01', '2025-03-31'],
    ['FY2000-01', 4, 'FY1999-00', '1999-04-01', '2000-03-31'],
    ['FY2024-25', 1, 'FY2023-24', '2023-01-01', '2023-12-31'],
    ['FY2024-25-Q1', 4, 'FY2023-24-Q4', '2024-01-01', '2024-03-31'],
    ['FY2024-25-Q3', 4, 'FY2024-25-Q2', '2024-07-01', '2024-09-30'],
    ['FY2024-25-Q1', 9, 'FY2023-24-Q4', '2024-06-01', '2024-08-31'],
    // An explicit range of N days: the N days just before it, across a leap day.
    ['2024-03-01..2024-03-31', 4, '2024-01-30_2024-02-29', '2024-01-30', '2024-02-29'],
    ['2025-01-01..2025-01-01', 4, '2024-12-31_2024-12-31', '2024-12-31', '2024-12-31'],
    // A range that happens to be a calendar year is still a range: 366 days before 2024.
    ['2024-01-01..2024-12-31', 4, '2022-12-31_2023-12-31', '2022-12-31', '2023-12-31'],
  ])('before %s (year from month %i) is %s, %s to %s', (text, fy, label, from, to) => {
    const previous = previousPeriod(parsePeriod(text, fy), fy);
    expect(previous).toEqual({ label, from, to });
    expect(periodKind(previous)).toBe(periodKind(parsePeriod(text, fy)));
  });

  it('resolves a relative period first: previous-quarter in July 2025 is 2025-Q2, before it 2025-Q1', () => {
    const fy = 4;
    const resolved = parsePeriod(
      resolveRelativePeriod('previous-quarter', new Date('2025-07-10T00:00:00Z'), fy),
      fy,
    );
    expect(previousPeriod(resolved, fy).label).toBe('2025-Q1');
  });

  it('a range of N days and the one before it have the same length', () => {
    const day = 86_400_000;
    for (const [from, to] of [
      ['2023-02-15', '2023-05-14'],
      ['2020-02-29', '2021-02-28'],
      ['2024-12-31', '2025-01-30'],
    ] as const) {
      const p = parsePeriod(`${from}..${to}`, 4);
      const q = previousPeriod(p, 4);
      const length = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / day + 1;
      expect(length(q.from, q.to)).toBe(length(p.from, p.to));
      expect((Date.parse(p.from) - Date.parse(q.to)) / day).toBe(1);
    }
  });
});

describe('previousPeriod agrees with the reference implementation', () => {
  it('for every kind of period and financial-year start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2040 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 3000 }),
        (year, q, fy, length, offset) => {
          const day = new Date(Date.UTC(year, 0, 1 + offset)).toISOString().slice(0, 10);
          const end = new Date(Date.UTC(year, 0, 1 + offset + length)).toISOString().slice(0, 10);
          const short = String((year + 1) % 100).padStart(2, '0');
          for (const text of [
            `${year}`,
            `${year}-Q${q}`,
            `FY${year}-${short}`,
            `FY${year}-${short}-Q${q}`,
            `${day}..${end}`,
          ]) {
            const p = parsePeriod(text, fy);
            expect(previousPeriod(p, fy)).toEqual(referencePreviousPeriod(p, fy));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
