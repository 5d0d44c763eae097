import type { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse';
import { ExitCode, type Problem, ReportError } from '../errors.js';

export interface CsvRow {
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
  cells: string[];
}

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed: a " is missing',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted value is followed by other characters before the next comma',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'a quoted value is followed by other characters before the next comma',
  INVALID_OPENING_QUOTE: 'a " appears in the middle of a value that is not quoted',
  CSV_MAX_RECORD_SIZE: 'a single value is far too long (is the file really a CSV export?)',
};

/** A CSV file that cannot be parsed at all, as a located problem. */
export function csvProblem(file: string, error: CsvError): Problem {
  const line = (error as CsvError & { lines?: number }).lines;
  return {
    file,
    line: typeof line === 'number' && line > 0 ? line : undefined,
    message: `${CSV_MESSAGES[error.code] ?? 'the file is not valid CSV'}; save it again as "CSV (comma delimited)"`,
  };
}

export async function assertReadable(file: string, what: string): Promise<void> {
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new Error('not a file');
  } catch {
    throw new ReportError(
      `The ${what} file ${file} was not found.`,
      ExitCode.usage,
      'Check the path under "input:" in the configuration file (paths are relative to that file).',
    );
  }
}

/**
 * Streams a CSV file row by row with line numbers, hashing its bytes on the way (SHA-256 for
 * provenance). Tolerates a byte-order mark, CRLF, blank lines and spaces around values.
 */
export async function* readCsv(file: string, hash: ReturnType<typeof createHash>): AsyncGenerator<CsvRow> {
  const source = createReadStream(file);
  source.on('data', (chunk) => hash.update(chunk));
  const parser = source.pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      max_record_size: 1_000_000,
      info: true,
    }),
  );
  source.on('error', (error) => parser.destroy(error));
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; raw?: string };
    }>) {
      // info.lines is the line where the record ends; a quoted value may span lines.
      let spanned = 0;
      for (const cell of record) for (const ch of cell) if (ch === '\n') spanned++;
      yield { line: info.lines - spanned, cells: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new ReportError(`${file} could not be read as CSV.`, ExitCode.data, undefined, [
        csvProblem(file, error),
      ]);
    }
    throw error;
  } finally {
    source.destroy();
  }
}
