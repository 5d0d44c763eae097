import { csvCell } from './csv-cell.js';

/**
 * report.md "CSV output": the file's text, UTF-8 with a byte-order mark (Excel then reads it as
 * UTF-8), CRLF line ends, the header row first, every cell neutralised against formula injection
 * and quoted as needed (src/output/csv-cell.ts).
 */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
