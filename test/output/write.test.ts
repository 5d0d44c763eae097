import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { outputPath, writeAtomic, writeFilesAtomic } from '../../src/output/write.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'impact-write-'));

describe('outputPath (report.md)', () => {
  it('is <out>/<grant-id>_<period-label>.<ext>', () => {
    expect(outputPath('out', 'powerhouse-2024', 'FY2024-25-Q1', 'pdf')).toBe(
      join('out', 'powerhouse-2024_FY2024-25-Q1.pdf'),
    );
  });
});

describe('writeAtomic', () => {
  it('creates the folder and writes the file whole, leaving no temporary file', async () => {
    const dir = join(fresh(), 'nested', 'out');
    const data = new Uint8Array(3_000_000).fill(7);
    await writeAtomic(join(dir, 'r.pdf'), data);
    expect(readFileSync(join(dir, 'r.pdf')).equals(Buffer.from(data))).toBe(true);
    expect(readdirSync(dir)).toEqual(['r.pdf']);
  });

  it('replaces an earlier report in one step', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'r.json'), 'old');
    await writeAtomic(join(dir, 'r.json'), 'new');
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('on failure leaves the earlier report as it was and no temporary file, and says so (exit 1)', async () => {
    const dir = fresh();
    // A folder where the report should go: the rename fails after the bytes are written.
    mkdirSync(join(dir, 'r.pdf'));
    writeFileSync(join(dir, 'r.pdf', 'inside'), 'earlier');
    const error = await writeAtomic(join(dir, 'r.pdf'), 'new').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).exitCode).toBe(1);
    expect((error as ReportError).message).toContain('could not be written');
    expect((error as ReportError).hint).toContain('half-written');
    expect(readdirSync(dir)).toEqual(['r.pdf']);
    expect(readFileSync(join(dir, 'r.pdf', 'inside'), 'utf8')).toBe('earlier');
  });

  it('fails cleanly where the output folder cannot be made', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'out'), 'a file in the way');
    const error = await writeAtomic(join(dir, 'out', 'r.pdf'), 'new').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('a file in the way');
  });
});

describe('writeFilesAtomic', () => {
  it("replaces none of a report's earlier files when one of the new ones cannot be written", async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'r.json'), 'old json');
    writeFileSync(join(dir, 'blocked'), 'a file where a folder should be');
    const error = await writeFilesAtomic([
      [join(dir, 'r.json'), 'new json'],
      [join(dir, 'blocked', 'r.html'), 'new html'],
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('old json');
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'r.json']);
  });

  it('renames none of them when a folder is in the way of one (the earlier report stays whole)', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'r.json'), 'old json');
    mkdirSync(join(dir, 'r.html'));
    const error = await writeFilesAtomic([
      [join(dir, 'r.json'), 'new json'],
      [join(dir, 'r.html'), 'new html'],
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('old json');
    expect(readdirSync(dir).sort()).toEqual(['r.html', 'r.json']);
  });

  it('writes them all when it can', async () => {
    const dir = fresh();
    await writeFilesAtomic([
      [join(dir, 'r.json'), '{}'],
      [join(dir, 'r.html'), '<p>'],
    ]);
    expect(readdirSync(dir).sort()).toEqual(['r.html', 'r.json']);
  });
});
