import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../src/output/csv.js';
import { neutraliseFormula } from '../../src/output/csv-cell.js';

describe('formula injection, as the CSV output needs it', () => {
  it.each(['+6.4 to +14.6', '-', '=1+1'])('prefixes %s', (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });
  it.each(['+10.5', '-4.3', '+1,234', '-12%', '85%', '−4.3', '<5', '*', '6 of 8'])('leaves %s', (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });
});

describe('csvText', () => {
  const header = ['section', 'figure', 'measure', 'value', 'denominator', 'note'];
  const rows = [
    [
      'At a glance',
      'families served',
      '',
      '23',
      '',
      'up from 15 in 2023; all referrals from Didcot, Wantage',
    ],
    ['Outcomes', 'Quote "this"', 'PIRGAS', '85%', '20', 'line one\nline two'],
    ['Outcomes', '95% interval', 'PIRGAS', '+6.4 to +14.6', '20', '=HYPERLINK("http://x")'],
  ];
  const text = csvText(header, rows);

  it('is UTF-8 with a byte-order mark and CRLF line ends', () => {
    expect(text.startsWith('\uFEFFsection,figure,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\r')).toBe(false);
    expect(text.split('\r\n')).toHaveLength(5); // header, three rows, and the empty string after the last CRLF
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('reads back with csv-parse exactly, formulas neutralised', () => {
    const back = parse(text, { bom: true, relax_column_count: false }) as string[][];
    expect(back[0]).toEqual(header);
    expect(back[1]).toEqual(rows[0]);
    expect(back[2]).toEqual(rows[1]);
    expect(back[3]).toEqual([
      'Outcomes',
      '95% interval',
      'PIRGAS',
      "'+6.4 to +14.6",
      '20',
      '\'=HYPERLINK("http://x")',
    ]);
  });
});
