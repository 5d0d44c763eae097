import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { runCliAsync, STACK_LINE } from './corpus.js';

// report.md: a file is written whole or not at all, and a failed run never damages an
// earlier report. Checked byte for byte, with no temporary file left behind.
const CLEAN = join(ROOT, 'fixtures', 'tolerated', 'clean');
const EARLIER = Buffer.from('%PDF-1.7\n% an earlier report, byte for byte\n\u0000\u00ff', 'latin1');

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'impact-atomic-'));
  cpSync(CLEAN, dir, { recursive: true });
  const out = join(dir, 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'small-2024_2024.pdf'), EARLIER);
  writeFileSync(join(out, 'small-2024_2024.json'), EARLIER);
  const run = (...extra: string[]) =>
    runCliAsync([
      '--grant',
      'small-2024',
      '--config',
      join(dir, 'impact-report.yaml'),
      '--out',
      out,
      ...extra,
    ]);
  return { dir, out, run };
}
const temporaries = (out: string) => readdirSync(out).filter((f) => f.endsWith('.tmp'));

describe('atomic output', () => {
  it('a run that fails on its input leaves an existing report byte-for-byte unchanged', async () => {
    const { dir, out, run } = setUp();
    const csv = readFileSync(join(dir, 'outcomes.csv'), 'utf8');
    writeFileSync(join(dir, 'outcomes.csv'), csv.replace(',64,70,', ',640,70,'));
    const result = await run('--format', 'pdf,json');
    expect(result.status).toBe(3);
    expect(readFileSync(join(out, 'small-2024_2024.pdf')).equals(EARLIER)).toBe(true);
    expect(readFileSync(join(out, 'small-2024_2024.json')).equals(EARLIER)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['small-2024_2024.json', 'small-2024_2024.pdf']);
  });

  it('a run that cannot write one file leaves the earlier reports and no temporary file (exit 1)', async () => {
    const { out, run } = setUp();
    mkdirSync(join(out, 'small-2024_2024.html')); // a folder where the HTML should go
    const result = await run('--format', 'html', '--quiet');
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).toContain('could not be written');
    expect(readFileSync(join(out, 'small-2024_2024.pdf')).equals(EARLIER)).toBe(true);
    expect(temporaries(out)).toEqual([]);
  });

  it('a run that succeeds replaces the earlier report whole and leaves no temporary file', async () => {
    const { out, run } = setUp();
    const result = await run('--format', 'json', '--quiet');
    expect(result.status).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'small-2024_2024.json'), 'utf8'));
    expect(json.grant.id).toBe('small-2024');
    expect(readFileSync(join(out, 'small-2024_2024.pdf')).equals(EARLIER)).toBe(true);
    expect(temporaries(out)).toEqual([]);
  });
});
