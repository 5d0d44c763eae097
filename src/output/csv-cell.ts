/**
 * A number as a spreadsheet reads one: an optional sign, digits (with thousands commas or
 * not), an optional decimal part and exponent, and an optional percent sign. "-2.5", "+12",
 * "-1,234", "-5%" are numbers; "-2.5 to 4.1", "=1+2", "+44 7700" are not.
 */
const NUMBER = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?%?$/;
const isNumber = (cell: string) => NUMBER.test(cell);

/** Characters that make a spreadsheet read a cell as a formula (report.md, CSV output). */
const FORMULA_START = new Set(['=', '+', '-', '@']);

/**
 * report.md, CSV output: a cell beginning with =, +, - or @ that is not a number is prefixed
 * with ' so that a spreadsheet shows it as text instead of running it as a formula (formula
 * injection: "=HYPERLINK(…)" in an area name). Numbers, negative ones included, are left alone.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.has(cell.charAt(0)) && !isNumber(cell) ? `'${cell}` : cell;
}

/**
 * One CSV cell as written to a file: formula-neutralised, then quoted (with inner quotes
 * doubled) when it holds a comma, a quote or a line break, or starts or ends with a space.
 */
export function csvCell(value: string | number | null | undefined): string {
  const text = neutraliseFormula(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
