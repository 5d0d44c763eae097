import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProblemList } from '../../src/errors.js';
import { PlainLines } from '../../src/ingest/plain-lines.js';
import { type CsvRow, readCsv } from '../../src/ingest/read-csv.js';

/** readCsv's csv-parse options: what a plain line's record is judged against. */
const OPTIONS = { bom: true, trim: true, relax_column_count: true, relax_quotes: true };
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters the text checks look for.
const SUSPECT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;
const breaks = (record: string[]) => record.join('').split('\n').length - 1;

/** `bytes` scanned in chunks cut at `cuts` (positions, in any order). */
function scanned(bytes: Uint8Array, cuts: number[] = []): PlainLines {
  const lines = new PlainLines();
  const at = [...new Set([0, ...cuts.map((c) => c % (bytes.length + 1)), bytes.length])].sort(
    (a, b) => a - b,
  );
  for (let i = 0; i + 1 < at.length; i++) lines.scan(bytes.subarray(at[i], at[i + 1]));
  return lines;
}

/** Which of lines 1 to `last` are plain, asked in order. */
const plainOf = (lines: PlainLines, last: number) =>
  Array.from({ length: last }, (_, i) => lines.plain(i + 1));

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('PlainLines', () => {
  it('finds every line of a plain file plain, with \\n or \\r\\n line ends and a byte-order mark', () => {
    for (const text of ['a,b\n1, 2\n\n3,4', '\uFEFFa,b\r\n1,\t2\r\n\r\n3,4\r\n'])
      expect(plainOf(scanned(utf8(text), [3, 4, 9]), 5)).toEqual([true, true, true, true, true]);
  });

  it('finds the lines of a chunk holding a quote, a non-ASCII or a control byte not plain, and only those', () => {
    const rows = Array.from({ length: 9 }, (_, i) => `row${i},x`);
    for (const odd of ['"q"', 'é', '\u0001', '\u007f']) {
      rows[4] = `row4,${odd}`;
      const bytes = utf8(`${rows.join('\n')}\n`);
      // Chunks of two lines (each line is 7 bytes and its \n), the odd line in the third.
      const lines = scanned(bytes, [16, 32, 48, 64]);
      expect(plainOf(lines, 9)).toEqual([true, true, true, true, false, false, false, true, true]);
    }
  });

  it('finds no line plain when a quote or a lone \\r comes before the first line end', () => {
    expect(plainOf(scanned(utf8('"a",b\n1,2\n3,4\n'), [6]), 3)).toEqual([false, false, false]);
    expect(plainOf(scanned(utf8('a,b\r1,2\n3,4\n'), [6]), 3)).toEqual([false, false, false]);
  });

  it('finds lines whose ends differ from the first line end not plain', () => {
    expect(plainOf(scanned(utf8('a,b\n1,2\r\n3,4\n'), [4, 9]), 3)).toEqual([true, false, true]);
    // A lone \n among \r\n may be trimmed from a value, a line the records do not count: from
    // there no line is plain (asked after the whole file is scanned, not even the first).
    expect(plainOf(scanned(utf8('a,b\r\n1,2\n3,4\r\n'), [5, 9]), 3)).toEqual([false, false, false]);
  });

  it('judges a \\r\\n split between two chunks with the line it ends', () => {
    const bytes = utf8('a,b\r\n1,2\r\n3,4\r\n');
    // Cut between the \r and the \n of line 2's end: line 2 is not plain, line 3 still is.
    expect(plainOf(scanned(bytes, [5, 9]), 3)).toEqual([true, false, true]);
  });

  it('says a line is plain only where csv-parse gives a record that needs no trimming, no line count and no text check', () => {
    const character = fc.constantFrom(
      'a',
      '1',
      ' ',
      '\t',
      ',',
      '"',
      '\r',
      '\n',
      '\r\n',
      'é',
      '\u0001',
      '\u00a0',
      '\u0085',
    );
    fc.assert(
      fc.property(
        fc.array(character, { maxLength: 60 }).map((cs) => cs.join('')),
        fc.boolean(),
        fc.array(fc.nat(200), { maxLength: 6 }),
        (body, bom, cuts) => {
          const text = `${bom ? '\uFEFF' : ''}${body}`;
          let records: string[][];
          try {
            records = parse(text, OPTIONS) as string[][];
          } catch {
            return; // readCsv stops at csv-parse's error; no record after it is asked about
          }
          const lines = scanned(utf8(text), cuts);
          let line = 1;
          for (const record of records) {
            if (lines.plain(line)) {
              expect(breaks(record)).toBe(0);
              for (const cell of record) {
                expect(cell).toBe(cell.trim());
                expect(cell).not.toMatch(SUSPECT_TEXT);
              }
            }
            line += 1 + breaks(record);
          }
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

/**
 * PlainLines' scan a byte at a time, as it was before it read aligned words four bytes at once
 * (only `scan` differs; `plain` is the class's own): what the word-at-a-time scan must agree with.
 */
class ByteAtATime extends PlainLines {
  private state = { lineEnds: 0, ends: 'unknown', atFileStart: true, lastByte: -1, notPlain: [] as number[] };

  override scan(chunk: Uint8Array): void {
    const st = this.state;
    const firstLine = st.lineEnds + 1;
    let plain = st.ends !== 'none';
    let lineEnds = 0;
    let i = st.atFileStart && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
    for (; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === 0x09 || (b >= 0x20 && b < 0x7f && b !== 0x22)) continue;
      if (b === 0x0a) {
        lineEnds++;
        if ((i > 0 ? chunk[i - 1] : st.lastByte) === 0x0d) continue;
        if (st.ends === 'unknown') st.ends = 'lf';
        if (st.ends === 'crlf') st.ends = 'none';
        if (st.ends !== 'lf') plain = false;
      } else if (b === 0x0d && chunk[i + 1] === 0x0a) {
        if (st.ends === 'unknown') st.ends = 'crlf';
        if (st.ends !== 'crlf') plain = false;
      } else {
        if (st.ends === 'unknown' && (b === 0x22 || b === 0x0d)) st.ends = 'none';
        plain = false;
      }
    }
    st.atFileStart = false;
    st.lastByte = chunk[chunk.length - 1] ?? st.lastByte;
    st.lineEnds += lineEnds;
    if (plain) return;
    const lastLine = chunk[chunk.length - 1] === 0x0a ? st.lineEnds : st.lineEnds + 1;
    const n = st.notPlain.length;
    if (n > 0 && (st.notPlain[n - 1] as number) >= firstLine - 1) st.notPlain[n - 1] = lastLine;
    else st.notPlain.push(firstLine, lastLine);
  }

  override plain(line: number): boolean {
    if (this.state.ends === 'none') return false;
    const ranges = this.state.notPlain;
    for (let r = 0; r < ranges.length; r += 2)
      if (line >= (ranges[r] as number) && line <= (ranges[r + 1] as number)) return false;
    return true;
  }
}

describe('PlainLines reading four bytes at a time', () => {
  it('judges every line as a scan a byte at a time does, however the chunks lie in memory', () => {
    // Mostly printable text, with every kind of byte the scan looks at now and then.
    const byte = fc.oneof(
      { weight: 20, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      { weight: 3, arbitrary: fc.constantFrom(0x0a, 0x0d, 0x22, 0x09) },
      // Each side of every edge the word test draws.
      { weight: 2, arbitrary: fc.constantFrom(0x00, 0x1f, 0x20, 0x21, 0x23, 0x7e, 0x7f, 0x80, 0xff) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
    );
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 300 }),
        fc.array(fc.nat(300), { maxLength: 6 }),
        fc.nat(7),
        (values, cuts, shift) => {
          const bytes = Uint8Array.from(values);
          const at = [...new Set([0, ...cuts.map((c) => c % (bytes.length + 1)), bytes.length])].sort(
            (a, b) => a - b,
          );
          const words = new PlainLines();
          const oneByOne = new ByteAtATime();
          for (let k = 0; k + 1 < at.length; k++) {
            // Each chunk copied to a place `shift` bytes into a buffer of its own: any alignment.
            const piece = bytes.subarray(at[k], at[k + 1]);
            const room = new Uint8Array(piece.length + shift);
            room.set(piece, shift);
            words.scan(room.subarray(shift));
            oneByOne.scan(piece);
          }
          const lines = values.filter((b) => b === 0x0a).length + 1;
          expect(plainOf(words, lines)).toEqual(plainOf(oneByOne, lines));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

describe('readCsv with plain lines', () => {
  /** What readCsv handed over before plain lines were passed by: every value trimmed, lines counted. */
  function reference(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    let line = 1;
    for (const record of parse(text, OPTIONS) as string[][]) {
      const start = line;
      line += 1 + breaks(record);
      const cells = record.map((c) => c.trim());
      if (cells.every((c) => c === '')) continue;
      rows.push({ line: start, cells });
    }
    return rows;
  }

  it('hands over the same rows, on the same lines, from a file of several chunks with odd lines among plain ones', async () => {
    const rows: string[] = ['id,name,when'];
    for (let i = 0; i < 90_000; i++) {
      const odd = i % 9_973;
      rows.push(
        odd === 1
          ? `${i}," spans\ntwo lines ",x`
          : odd === 2
            ? `${i},  Ynys Môn ,\u00a0y`
            : odd === 3
              ? ' , , '
              : `${i}, a plain value ,2024-01-0${i % 9}`,
      );
    }
    const text = `\uFEFF${rows.join('\r\n')}\r\n`;
    expect(text.length).toBeGreaterThan(2 << 20); // more than one chunk of the file
    const path = join(mkdtempSync(join(tmpdir(), 'impact-plain-')), 'f.csv');
    writeFileSync(path, text);
    const read: CsvRow[] = [];
    await readCsv(path, createHash('sha256'), new ProblemList(), (row) => read.push(row));
    expect(read).toEqual(reference(text));
  });
});
