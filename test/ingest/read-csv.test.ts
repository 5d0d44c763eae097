import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProblemList } from '../../src/errors.js';
import { type CsvRow, readCsv, sniffNotCsv, unclosedQuoteLine } from '../../src/ingest/read-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'impact-read-csv-'));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function read(content: string | Buffer) {
  const path = file(content);
  const problems = new ProblemList();
  const hash = createHash('sha256');
  const rows: CsvRow[] = [];
  await readCsv(path, hash, problems, (row) => rows.push(row));
  return { rows, problems, sha256: hash.digest('hex'), path };
}

describe('readCsv (data.md §4 tolerances)', () => {
  it('strips a byte-order mark, reads CRLF, skips blank lines and rows of empty values', async () => {
    const { rows, problems } = await read('\uFEFFa,b\r\n\r\n1,2\r\n , \r\n,\r\n3,4\r\n\r\n');
    expect(problems.count).toBe(0);
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
      { line: 6, cells: ['3', '4'] },
    ]);
  });

  it('trims every value, quoted ones too', async () => {
    const { rows } = await read('a,b\n  x ,"  y  "\n');
    expect(rows[1]?.cells).toEqual(['x', 'y']);
  });

  it('numbers a row by the line it starts on when a quoted value spans lines', async () => {
    const { rows } = await read('a,b\n1,"two\nlines"\n3,4\n');
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('hashes the bytes of the file (provenance)', async () => {
    const content = 'a,b\n1,2\n';
    const { sha256 } = await read(content);
    expect(sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('locates an unclosed quote at the row where it opens, as one problem', async () => {
    const { problems } = await read('a,b\n1,2\n3,"x\n4,5\n6,7\n');
    expect(problems.count).toBe(1);
    expect(problems.kept[0]).toMatchObject({ line: 3 });
    expect(problems.kept[0]?.message).toContain('never closed');
  });

  it('reports characters after a closing quote with the line', async () => {
    const { problems } = await read('a,b\n1,"x"y\n');
    expect(problems.kept[0]).toMatchObject({ line: 2 });
    expect(problems.kept[0]?.message).toContain('quoted value is followed by other characters');
  });

  it('reports bytes that are not UTF-8 and invisible control characters, by line and column', async () => {
    const { rows, problems } = await read(Buffer.from('a,b\nCaf\xe9,1\n2,x\x01y\n', 'latin1'));
    expect(rows).toHaveLength(3);
    expect(problems.kept.map((p) => [p.line, p.columnLetter, p.column])).toEqual([
      [2, 'A', 'a'],
      [3, 'B', 'b'],
    ]);
    expect(problems.kept[0]?.message).toContain('not UTF-8');
    expect(problems.kept[1]?.message).toContain('control character');
  });

  it('names an invisible C1 control character (U+0080 to U+009F) too', async () => {
    const { problems } = await read('a,b\n1,x\u0085y\n');
    expect(problems.kept.map((p) => [p.line, p.column])).toEqual([[2, 'b']]);
    expect(problems.kept[0]?.message).toContain('control character');
  });

  it('says how to save a file that is not UTF-8 from Excel', async () => {
    const { problems } = await read(Buffer.from('area,b\nCaf\xe9,1\n', 'latin1'));
    expect(problems.kept[0]?.message).toContain('not UTF-8');
    expect(problems.kept[0]?.message).toContain('in Excel choose Save As, "CSV UTF-8 (Comma delimited)"');
  });

  it('names UTF-16 (with or without a byte-order mark) and UTF-32, and says how to save from Excel', async () => {
    for (const [bytes, words] of [
      [Buffer.from('\uFEFFarea\tsource\r\nDidcot\tgp\r\n', 'utf16le'), 'this file is UTF-16'],
      [Buffer.from('\uFEFFarea,source\nDidcot,gp\n', 'utf16le').swap16(), 'this file is UTF-16'],
      [Buffer.from('area,source\nDidcot,gp\n', 'utf16le'), 'UTF-16 text without a byte-order mark'],
      [Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), 'UTF-32'],
    ] as const) {
      const { rows, problems } = await read(bytes);
      expect(rows).toEqual([]);
      expect(problems.count).toBe(1);
      expect(problems.kept[0]?.message).toContain(words);
      expect(problems.kept[0]?.message).toContain('in Excel choose Save As, "CSV UTF-8 (Comma delimited)"');
    }
  });

  it('names a workbook, UTF-16 text and binary data instead of reading them', async () => {
    for (const [bytes, words] of [
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'workbook'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'old Excel workbook'],
      [Buffer.from('\uFEFFa,b', 'utf16le'), 'UTF-16'],
      [Buffer.from([0x61, 0x2c, 0x00, 0x62]), 'binary'],
    ] as const) {
      const { rows, problems } = await read(bytes);
      expect(rows).toEqual([]);
      expect(problems.kept[0]?.message).toContain(words);
    }
  });

  it('passes CSV text by', () => {
    expect(sniffNotCsv(Buffer.from('episode_id,family_id\n'))).toBeUndefined();
    expect(sniffNotCsv(Buffer.from('\uFEFFepisode_id\n'))).toBeUndefined();
  });
});

describe('readCsv: bounded work', () => {
  it('stops at a header of more columns than a spreadsheet holds, handing over no row', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    const started = performance.now();
    const { rows, problems } = await read(`${header}\n${'1,'.repeat(99_999)}1\n`);
    expect(rows).toEqual([]);
    expect(problems.count).toBe(1);
    expect(problems.kept[0]?.message).toContain('100,000 columns');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('reads a header of as many columns as Excel holds', async () => {
    const header = Array.from({ length: 16_384 }, (_, i) => `c${i}`).join(',');
    const { rows, problems } = await read(`${header}\n${'1,'.repeat(16_383)}1\n`);
    expect(problems.count).toBe(0);
    expect(rows).toHaveLength(2);
  });

  it('refuses a 10 MB cell as one problem', async () => {
    const { rows, problems } = await read(`a,b\n1,"${'x'.repeat(10_000_000)}"\n`);
    expect(rows).toHaveLength(1);
    expect(problems.count).toBe(1);
    expect(problems.kept[0]?.message).toContain('far too long');
  });

  it('refuses NUL bytes after the first 4 KB, row by row, without echoing them', async () => {
    const { problems } = await read(`a,b\n${'1,2\n'.repeat(2000)}3,x\u0000y\n`);
    expect(problems.count).toBe(1);
    expect(problems.kept[0]).toMatchObject({ line: 2002, column: 'b' });
    expect(problems.kept[0]?.message).toContain('control character');
  });
});

describe('readCsv: a row handler that fails', () => {
  it('rejects with its error instead of waiting for ever', async () => {
    const path = file(`a,b\n${'1,2\n'.repeat(50_000)}`);
    const failure = new Error('handler failed');
    let rows = 0;
    const reading = readCsv(path, createHash('sha256'), new ProblemList(), () => {
      if (++rows === 3) throw failure;
    });
    await expect(reading).rejects.toBe(failure);
    expect(rows).toBe(3);
  }, 10_000);
});

describe('unclosedQuoteLine', () => {
  it('follows escaped quotes and quotes inside unquoted values', async () => {
    expect(await unclosedQuoteLine(file('a,b\n"x ""y"" z",1\nq"r,2\n5,"open\n6,7\n'))).toBe(4);
    expect(await unclosedQuoteLine(file('a,b\n"closed",1\n'))).toBeUndefined();
  });
});
