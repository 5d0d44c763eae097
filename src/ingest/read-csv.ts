import type { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import {
  columnLetter,
  displayPath,
  ExitCode,
  type Problem,
  type ProblemList,
  ReportError,
} from '../errors.js';
import { PlainLines } from './plain-lines.js';

export interface CsvRow {
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
  /** The row's values, each trimmed of surrounding spaces (data.md §1). */
  cells: string[];
}

const SAVE_AS_CSV = 'save it again from your spreadsheet as "CSV UTF-8 (comma delimited)"';

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED:
    'a quoted value is never closed: a " is missing, so the rest of the file cannot be read',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted value is followed by other characters before the next comma',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'a quoted value is followed by other characters before the next comma',
  INVALID_OPENING_QUOTE: 'a " appears in the middle of a value that is not quoted',
  CSV_MAX_RECORD_SIZE: 'a single row is far too long (is the file really a CSV export?)',
};

/** A CSV file that cannot be parsed beyond some point, as a located problem. */
export function csvProblem(file: string, error: CsvError): Problem {
  const line = (error as CsvError & { lines?: number }).lines;
  return {
    file,
    line: typeof line === 'number' && line > 0 ? line : undefined,
    message: `${CSV_MESSAGES[error.code] ?? 'the file is not valid CSV here'}; fix the row, or ${SAVE_AS_CSV}`,
  };
}

/** What a file that is not CSV text at all looks like, from its first bytes. */
export function sniffNotCsv(head: Uint8Array): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04))
    return `this is a spreadsheet workbook (.xlsx or .ods), not a CSV file; in the spreadsheet use Save As and choose "CSV UTF-8 (comma delimited)"`;
  if (starts(0xd0, 0xcf, 0x11, 0xe0))
    return `this is an old Excel workbook (.xls), not a CSV file; in Excel use Save As and choose "CSV UTF-8 (comma delimited)"`;
  if (starts(0xff, 0xfe, 0, 0) || starts(0, 0, 0xfe, 0xff))
    return `this file is UTF-32 text, which cannot be read: ${IN_EXCEL}`;
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff))
    return `this file is UTF-16 (what Excel saves as "Unicode Text"), which cannot be read: ${IN_EXCEL}`;
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'this is a PDF document, not a CSV file';
  if (looksLikeUtf16(head))
    return `this file is UTF-16 text without a byte-order mark, which cannot be read: ${IN_EXCEL}`;
  if (head.includes(0)) return `this does not look like a text file (it holds binary data); ${SAVE_AS_CSV}`;
  return undefined;
}

const IN_EXCEL = 'in Excel choose Save As, "CSV UTF-8 (Comma delimited)"';

/** ASCII text with a zero byte beside every character: UTF-16 that lost its byte-order mark. */
function looksLikeUtf16(head: Uint8Array): boolean {
  let zerosEven = 0;
  let zerosOdd = 0;
  const n = Math.min(head.length, 512) & ~1;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) zerosEven++;
    if (head[i + 1] === 0) zerosOdd++;
  }
  return n >= 8 && Math.min(zerosEven, zerosOdd) === 0 && Math.max(zerosEven, zerosOdd) > 0.4 * (n / 2);
}

/**
 * More columns than a spreadsheet can hold (Excel's limit): not an export, and reading on
 * would be work without bound.
 */
export const MAX_COLUMNS = 16_384;

export async function assertReadable(file: string, what: string): Promise<void> {
  let problem: string | undefined;
  try {
    const s = await stat(file);
    if (s.isDirectory()) problem = 'is a folder, not a file';
    else if (!s.isFile()) problem = 'is not a regular file';
    else await (await open(file, 'r')).close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problem =
      code === 'ENOENT' || code === 'ENOTDIR' ? 'was not found' : 'could not be opened (permission denied?)';
  }
  if (problem)
    throw new ReportError(
      `The ${what} file ${displayPath(file)} ${problem}.`,
      ExitCode.usage,
      'Check the path under "input:" in the configuration file (paths are relative to that file).',
    );
}

/** Invisible control characters, C0 and C1 (tab and line ends inside quotes are allowed). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** A cell holding text that is not UTF-8 (decoded as U+FFFD) or an invisible control character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const SUSPECT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

/** Counts the line breaks inside a record's values (a quoted value may span lines). */
function breaksIn(record: string[]): number {
  let breaks = 0;
  for (const cell of record) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) breaks++;
  }
  return breaks;
}

/**
 * Part of a CSV file read on its own (ingest/parts.ts): bytes `start` to `end` (exclusive; to
 * the file's end when undefined). A part after the first is given the file's header, handed
 * over as line 0; its own lines count from 1.
 */
export interface CsvSlice {
  start: number;
  end?: number;
  header?: string[];
}

/**
 * Streams a CSV file row by row with line numbers, hashing its bytes on the way (SHA-256 for
 * provenance), and hands each row to `onRow`. Tolerates a byte-order mark, CRLF, blank lines
 * (including rows of empty values) and spaces around values. A file that is not CSV text, or
 * that cannot be parsed past some row, becomes a problem in `problems` and the rows stop
 * there. Holds one row at a time; rows are handed over synchronously, without a promise each.
 */
export async function readCsv(
  file: string,
  hash: ReturnType<typeof createHash> | undefined,
  problems: ProblemList,
  onRow: (row: CsvRow) => void,
  slice?: CsvSlice,
): Promise<void> {
  const head = new Uint8Array(4096);
  let headLength = 0;
  try {
    const handle = await open(file, 'r');
    try {
      headLength = (await handle.read(head, 0, head.length, 0)).bytesRead;
    } finally {
      await handle.close();
    }
  } catch {
    problems.add({ file, message: 'the file could not be read' });
    return;
  }
  const notCsv = sniffNotCsv(head.subarray(0, headLength));
  if (notCsv) {
    problems.add({ file, message: notCsv });
    return;
  }

  const fromStart = (slice?.start ?? 0) === 0;
  // Read a quarter of a megabyte at a time. csv-parse copies each chunk it is given once (into
  // one buffer with the record the last chunk ended inside), and a fresh megabyte costs a page
  // fault a page; at this size the memory is reused (a large export: 62,000 page faults → 50,000,
  // `validate` 0.2 s quicker, docs/benchmarks.md).
  const source = createReadStream(file, {
    highWaterMark: 1 << 18,
    start: slice?.start,
    end: slice?.end === undefined ? undefined : slice.end - 1,
  });
  const lines = new PlainLines(fromStart);
  source.on('data', (chunk) => {
    hash?.update(chunk);
    lines.scan(chunk as Buffer);
  });
  // No `info` (it costs a third of the parse) and no `skip_empty_lines`: every physical line
  // is either a record's end or inside a quoted value, so counting them gives line numbers.
  const parser = parse({
    bom: fromStart,
    trim: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: 1_000_000,
  });
  source.on('error', (error) => parser.destroy(error));
  let line = 1;
  let header = slice?.header;
  if (header) onRow({ line: 0, cells: header });
  let rows = 0;
  let failure: unknown;
  let stopped = false;
  parser.on('data', (record: string[]) => {
    const start = line;
    const plain = lines.plain(start);
    line += plain ? 1 : 1 + breaksIn(record);
    if (failure !== undefined || stopped) return;
    let blank = true;
    if (plain) {
      for (let i = 0; blank && i < record.length; i++) if (record[i] !== '') blank = false;
    } else
      for (let i = 0; i < record.length; i++) {
        const cell = (record[i] as string).trim();
        record[i] = cell;
        if (cell !== '') blank = false;
      }
    // A spreadsheet's "blank" row is often a row of commas: a blank line all the same.
    if (blank) return;
    if (!header && record.length > MAX_COLUMNS) {
      problems.add({
        file,
        line: start,
        message: `the header has ${record.length.toLocaleString('en-GB')} columns, more than a spreadsheet can hold (${MAX_COLUMNS.toLocaleString('en-GB')}); is this the right file? It was not read further`,
      });
      stopped = true;
      source.destroy();
      parser.destroy();
      return;
    }
    if (header) rows++;
    header ??= record;
    if (!plain) checkText(file, start, record, header, problems);
    try {
      onRow({ line: start, cells: record });
    } catch (error) {
      failure = error;
      source.destroy();
      parser.destroy();
    }
  });
  try {
    await finished(source.pipe(parser));
  } catch (error) {
    if (error instanceof CsvError) {
      const problem = csvProblem(file, error);
      // csv-parse reports where the file ended; the person needs the row where the quote opened.
      if (error.code === 'CSV_QUOTE_NOT_CLOSED' && !slice)
        problem.line = (await unclosedQuoteLine(file)) ?? problem.line;
      problems.add(problem);
    } else if (failure === undefined && !stopped)
      problems.add({ file, message: 'the file could not be read to the end' });
  } finally {
    source.destroy();
    problems.setRows(file, rows);
  }
  if (failure !== undefined) throw failure;
}

/**
 * The line where a quoted value that is never closed opens: a second, streaming pass that
 * follows only the quoting (a quote opens a value only at its start, as with relax_quotes).
 */
export async function unclosedQuoteLine(file: string): Promise<number | undefined> {
  let line = 1;
  let openedOn: number | undefined;
  let atFieldStart = true;
  let quoted = false;
  let quoteSeen = false; // a quote inside a quoted value: closes it, or escapes the next one
  try {
    for await (const chunk of createReadStream(file, { encoding: 'utf8' }) as AsyncIterable<string>) {
      for (const c of chunk) {
        if (quoted) {
          if (quoteSeen) {
            quoteSeen = false;
            if (c === '"') continue; // "" is an escaped quote
            quoted = false; // the quote closed the value; read c as outside
          } else {
            if (c === '"') quoteSeen = true;
            else if (c === '\n') line++;
            continue;
          }
        }
        if (c === '\n') {
          line++;
          atFieldStart = true;
        } else if (c === ',') atFieldStart = true;
        else if (c === '"' && atFieldStart) {
          quoted = true;
          openedOn = line;
          atFieldStart = false;
        } else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\uFEFF') atFieldStart = false;
      }
    }
  } catch {
    return undefined;
  }
  return quoted && !quoteSeen ? openedOn : undefined;
}

/** Text a spreadsheet would show wrongly: bytes that are not UTF-8, or invisible control characters. */
function checkText(
  file: string,
  line: number,
  cells: string[],
  header: string[],
  problems: ProblemList,
): void {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    if (!SUSPECT_TEXT.test(cell)) continue;
    const notUtf8 = cell.includes('\uFFFD');
    if (!notUtf8 && !hasControl(cell)) continue;
    problems.add({
      file,
      line,
      columnLetter: columnLetter(i),
      column: cells === header ? undefined : header[i],
      message: notUtf8
        ? `this row holds characters that are not UTF-8 text: the file was saved in an older encoding (Excel's plain "CSV (Comma delimited)" writes é, £ or ’ that way); ${IN_EXCEL}`
        : 'this row holds an invisible control character; retype the value or delete the stray character',
    });
    return;
  }
}
