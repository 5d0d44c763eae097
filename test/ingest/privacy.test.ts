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
    ['943  476  5919', 'an NHS number'],
    ['943\u00a0476\u00a05919', 'an NHS number'],
    ['ref 943 476 5919 (mum)', 'an NHS number'],
    ['ox117ab', 'a UK postcode'],
    ['Ox11 7aB', 'a UK postcode'],
    ['OX11  7AB', 'a UK postcode'],
    ['OX11\t7AB', 'a UK postcode'],
    ['OX11\u00a07AB', 'a UK postcode'],
    ['postcode:OX117AB', 'a UK postcode'],
    ['moved to ox4 1aa in May', 'a UK postcode'],
    ['self (referrer@nhs.net)', 'an email address'],
    ['tel 07700 900123', 'a UK phone number'],
    ['07700900123', 'a UK phone number'],
    ['mob: 07700-900-123', 'a UK phone number'],
    ['(01865) 123456', 'a UK phone number'],
    ['020 7946 0000', 'a UK phone number'],
    ['+44 7700 900123', 'a UK phone number'],
    ['+44 (0)7700 900123', 'a UK phone number'],
    ['0044 1865 123456', 'a UK phone number'],
    ['DOB 12/03/1990', 'a date of birth'],
    ['dob: 12.03.90', 'a date of birth'],
    ['D.O.B. 1990-03-12', 'a date of birth'],
    ['date of birth 12 March 1990', 'a date of birth'],
    ['Baby born on 3rd Jan 2024', 'a date of birth'],
    ['birthday 12/3/2023', 'a date of birth'],
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
    // Near misses, accepted on purpose (docs/personal-data.md).
    'OX11',
    'ox11',
    'OX11 7',
    'Didcot OX11',
    'Area OX4 (east)',
    '12345678901',
    '01/02/2024 03/04/2024',
    '2024-01-03 to 2024-03-31',
    '0.12345678901',
    '1234567890',
    'tel',
    'called on 07700',
    'born in Oxford',
    'born 1990',
    'dob unknown',
    'birth weight 3.2 kg',
    'Babies 2024-01-03',
    'referred 12/03/2024',
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

describe('personalDataIn: the postcode test is asked only where one could match', () => {
  // The pattern of src/ingest/privacy.ts, asked of every cell: the quick look at the
  // characters that skips it must never skip a postcode.
  const POSTCODE =
    /(?:^|[^A-Za-z0-9])[A-Za-z]{1,2}\d[A-Za-z\d]?[ \t\u00a0]*\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}(?:$|[^A-Za-z0-9])/;
  it('finds a postcode wherever the pattern does, in cells of letters, digits and spaces', () => {
    const cell = fc
      .array(fc.constantFrom('O', 'X', 'a', 'b', 'Z', '1', '9', '0', ' ', '\t', '-', ','), {
        minLength: 5,
        maxLength: 12,
      })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(cell, (c) => {
        expect(personalDataIn(c) === 'a UK postcode').toBe(POSTCODE.test(c));
      }),
      { numRuns: 5000 },
    );
  });
});
