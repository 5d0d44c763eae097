import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNhsNumber, personalDataIn, printableHeader } from '../../src/ingest/privacy.js';

/** The check digit of nine NHS-number digits, or undefined where none exists (remainder 10). */
function checkDigit(nine: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

describe('isNhsNumber (modulus 11, NHS Data Dictionary)', () => {
  it.each(['9434765919', '4010232137', '9999999999'])('accepts %s', (n) => {
    expect(isNhsNumber(n)).toBe(true);
  });
  it.each(['9434765918', '4010232138', '1234567890', '123456789', '94347659190', 'abcdefghij'])(
    'rejects %s',
    (n) => {
      expect(isNhsNumber(n)).toBe(false);
    },
  );
  it('accepts every number whose tenth digit is the check digit of the first nine', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        const check = checkDigit(nine);
        fc.pre(check !== undefined);
        expect(isNhsNumber(`${nine}${check}`)).toBe(true);
        expect(isNhsNumber(`${nine}${((check as number) + 1) % 10}`)).toBe(false);
      }),
    );
  });
});

describe('personalDataIn (data.md §5)', () => {
  it.each([
    ['someone@example.org', 'an email address'],
    ['contact: First.Last+tag@mail.example.co.uk please', 'an email address'],
    ['ZZ99 9ZZ', 'a UK postcode'],
    ['ox1 1aa', 'a UK postcode'],
    ['SW1A 1AA', 'a UK postcode'],
    ['M1 1AE', 'a UK postcode'],
    ['B33 8TH', 'a UK postcode'],
    ['CR2 6XH', 'a UK postcode'],
    ['DN55 1PT', 'a UK postcode'],
    ['lives at 12 High St, OX11 7AB', 'a UK postcode'],
    ['OX117AB', 'a UK postcode'],
    ['943 476 5919', 'an NHS number'],
    ['943-476-5919', 'an NHS number'],
    ['9434765919', 'an NHS number'],
    ['NHS 9434765919', 'an NHS number'],
  ])('finds personal data in %j', (cell, what) => {
    expect(personalDataIn(cell)).toBe(what);
  });

  it.each([
    'EP-000012',
    'FAM-01609',
    'EP-0001',
    'Oxford City',
    'West Oxfordshire',
    'health_visitor',
    'powerhouse;lottery',
    'childrens-centres',
    '2024-01-03',
    '03/01/2024',
    '2024-04',
    '150',
    '12.5',
    'n/a',
    'individual',
    '9434765918',
    '12345678901',
    'Q3 2024',
    'FY2024-25',
    '',
    '@',
  ])('lets %j through', (cell) => {
    expect(personalDataIn(cell)).toBeUndefined();
  });

  it('never flags a pseudonymous id of letters, a dash and up to nine digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{2,4}-\d{1,9}$/), (id) => {
        expect(personalDataIn(id)).toBeUndefined();
      }),
    );
  });
});

describe('printableHeader', () => {
  it('hides a header cell that is itself personal data, or blank', () => {
    expect(printableHeader('Case Ref')).toBe('Case Ref');
    expect(printableHeader('someone@example.org')).toBeUndefined();
    expect(printableHeader('')).toBeUndefined();
  });
});
