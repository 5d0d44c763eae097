/** data.md §5: what a cell must never hold. Returns what the cell looks like, or undefined. */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
// A UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A), a space, inward code (9AA).
// Without the space only when it is the whole cell, so pseudonymous ids rarely trip it.
const POSTCODE_SPACED =
  /(^|[^A-Za-z0-9])[A-Za-z]{1,2}\d[A-Za-z\d]? +\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}($|[^A-Za-z0-9])/;
const POSTCODE_WHOLE = /^[A-Za-z]{1,2}\d[A-Za-z\d]?\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}$/;
const TEN_DIGITS = /(?<![\d])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])/g;

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
  let letters = false;
  let at = false;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters = true;
    else if (c === 64) at = true;
  }
  if (at && EMAIL.test(cell)) return 'an email address';
  if (letters && digits >= 2 && (POSTCODE_SPACED.test(cell) || POSTCODE_WHOLE.test(cell)))
    return 'a UK postcode';
  if (digits >= 10) {
    for (const m of cell.matchAll(TEN_DIGITS)) {
      if (isNhsNumber(`${m[1]}${m[2]}${m[3]}`)) return 'an NHS number';
    }
  }
  return undefined;
}

/** A header cell as it may be printed: never one that itself holds personal data (a file without a header row). */
export const printableHeader = (header: string | undefined): string | undefined =>
  header === undefined || header === '' || personalDataIn(header) ? undefined : header;
