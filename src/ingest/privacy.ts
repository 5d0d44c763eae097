/** data.md §5: what a cell must never hold. Returns what the cell looks like, or undefined. */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
// A UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A), then the inward code (9AA), in
// any case, with or without spaces (a tab or a non-breaking space counts) between them, as a
// word of its own. An outward code alone ("OX11", a postcode district) is not personal data.
const POSTCODE =
  /(?:^|[^A-Za-z0-9])[A-Za-z]{1,2}\d[A-Za-z\d]?[ \t\u00a0]*\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}(?:$|[^A-Za-z0-9])/;
// Ten digits grouped 3-3-4 or not, with spaces, non-breaking spaces or dashes between groups.
const TEN_DIGITS = /(?<![\d])(\d{3})[ \u00a0-]{0,3}(\d{3})[ \u00a0-]{0,3}(\d{4})(?![\d])/g;
// A UK phone number: 0 or +44 (or 0044, with an optional "(0)"), then ten digits starting
// 1, 2, 3 (landlines), 7 (mobiles), 8 or 9, grouped with spaces, dashes or brackets.
const PHONE =
  /(?<![\w+])(?:\+[ \u00a0]?44|0044)[ \u00a0-]?(?:\(0\)[ \u00a0]?)?\(?([1-37-9](?:[ \u00a0)-]{0,2}\d){9})(?!\d)|(?<![\w+(])\(?0([1-37-9](?:[ \u00a0)-]{0,2}\d){9})(?!\d)/;
// A date of birth written out: "DOB", "D.O.B.", "date of birth", "birth date", "birthday" or
// "born (on)", then a date with a year (12/03/1990, 12.03.90, 1990-03-12, 12 March 1990).
const BIRTH_DATE =
  /(?<![A-Za-z])(?:d\.?\s?o\.?\s?b|date\s+of\s+birth|birth\s?date|birthday|born(?:\s+on)?)(?![A-Za-z])[\s.:=-]*(?:on\s+)?(?:\d{1,2}(?:st|nd|rd|th)?[\s/.-]+(?:\d{1,2}|[A-Za-z]{3,9})[\s/.,-]+\d{2,4}|\d{4}-\d{1,2}-\d{1,2})/i;

/** The NHS number's modulus 11 check digit (NHS Data Dictionary). */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

export function personalDataIn(cell: string): string | undefined {
  if (cell.length < 5) return undefined;
  // One pass over the characters decides which patterns could match at all: most cells
  // (dates, scores, codes, area names) need no regular expression.
  let digits = 0;
  let at = false;
  let b = false;
  // A postcode's inward code is a digit and two letters: the letters after the last digit.
  let lettersAfterDigit = -1;
  let inwardCode = false;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      lettersAfterDigit = 0;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (c === 66 || c === 98) b = true;
      if (lettersAfterDigit >= 0 && ++lettersAfterDigit === 2) inwardCode = true;
    } else {
      lettersAfterDigit = -1;
      if (c === 64) at = true;
    }
  }
  if (at && EMAIL.test(cell)) return 'an email address';
  if (inwardCode && digits >= 2 && POSTCODE.test(cell)) return 'a UK postcode';
  if (digits >= 10) {
    for (const m of cell.matchAll(TEN_DIGITS)) {
      if (isNhsNumber(`${m[1]}${m[2]}${m[3]}`)) return 'an NHS number';
    }
    if (PHONE.test(cell)) return 'a UK phone number';
  }
  if (b && digits >= 4 && BIRTH_DATE.test(cell)) return 'a date of birth';
  return undefined;
}

/** A header cell as it may be printed: never one that itself holds personal data (a file without a header row). */
export const printableHeader = (header: string | undefined): string | undefined =>
  header === undefined || header === '' || personalDataIn(header) ? undefined : header;
