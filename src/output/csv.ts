/**
 * report.md "CSV output": a cell beginning with =, +, - or @ that is not a number is prefixed
 * with ' so a spreadsheet shows it as text instead of running it as a formula.
 */
export function neutraliseCell(cell: string): string {
  if (!/^[=+\-@]/.test(cell)) return cell;
  return /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/.test(cell) ? cell : `'${cell}`;
}

/** RFC 4180 quoting: a cell with a comma, a quote or a line break is quoted, its quotes doubled. */
const quoted = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/**
 * The CSV file's text: UTF-8 with a byte-order mark (Excel then reads it as UTF-8), CRLF line
 * ends, the header row first, every cell neutralised and quoted as needed.
 */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map((c) => quoted(neutraliseCell(c))).join(',')).join('\r\n')}\r\n`;
}
