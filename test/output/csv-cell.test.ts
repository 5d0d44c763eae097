import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula } from '../../src/output/csv-cell.js';

describe('neutraliseFormula (report.md, CSV output: no formula injection)', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['=HYPERLINK("http://127.0.0.1:9/?x="&A1,"click")', '\'=HYPERLINK("http://127.0.0.1:9/?x="&A1,"click")'],
    ['+44 7700 900123', "'+44 7700 900123"],
    ['-2.5 to 4.1', "'-2.5 to 4.1"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['-', "'-"],
    ['+', "'+"],
    ['=', "'="],
    ["-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"],
    ['+-1', "'+-1"],
    ['-1e', "'-1e"],
    ['-e5', "'-e5"],
    ['+E5', "'+E5"],
    ['-A1', "'-A1"],
    ['-1,23', "'-1,23"],
  ])('prefixes %j', (cell, safe) => {
    expect(neutraliseFormula(cell)).toBe(safe);
  });

  it.each([
    '-2.5',
    '+12',
    '-12',
    '-0.0',
    '+2.3',
    '-1,234',
    '-1,234.5',
    '-5%',
    '+85%',
    '-1e5',
    '-.5',
    '85%',
    '6 of 8',
    '<5',
    '*',
    '',
    'Didcot',
    ' =1',
    "'=1",
  ])('leaves %j as it is (a number, or not a formula start)', (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });

  it('never leaves a cell starting with = + - @ unprefixed unless it is a number', () => {
    fc.assert(
      fc.property(fc.constantFrom('=', '+', '-', '@'), fc.string(), (start, rest) => {
        const out = neutraliseFormula(`${start}${rest}`);
        if (out.startsWith("'")) expect(out).toBe(`'${start}${rest}`);
        else expect(start === '=' || start === '@').toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(neutraliseFormula(String(n))).toBe(String(n));
      }),
    );
  });
});

describe('csvCell', () => {
  it('quotes what CSV needs quoted, after neutralising', () => {
    expect(csvCell('Didcot')).toBe('Didcot');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1,2')).toBe('"\'=1,2"');
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(' padded')).toBe('" padded"');
  });
});
