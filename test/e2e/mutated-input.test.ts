import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { mutate, mutation } from '../ingest/mutations.js';
import { runCliAsync, STACK_LINE } from './corpus.js';

// No input file makes the CLI crash: whatever is done to a valid export (bytes, quotes,
// separators, line ends, truncation), it exits 0 with a report or 3 with one structured
// message naming the file, never a stack trace, and a failed run writes nothing.
const CLEAN = join(ROOT, 'fixtures', 'tolerated', 'clean');
const FILES = ['outcomes.csv', 'referrals.csv'] as const;

const change = fc.record({
  file: fc.constantFrom(...FILES, 'outcomes.csv'), // outcomes twice as often
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
});

describe('mutated exports through the CLI', () => {
  it('exit 0 with a report, or 3 with a structured message; never a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(change, async ({ file, mutations }) => {
        const dir = mkdtempSync(join(tmpdir(), 'impact-mutated-'));
        cpSync(CLEAN, dir, { recursive: true });
        const bytes = mutate(readFileSync(join(dir, file)), mutations);
        writeFileSync(join(dir, file), bytes);
        const out = join(dir, 'out');
        const result = await runCliAsync([
          'report',
          '--grant',
          'small-2024',
          '--config',
          join(dir, 'impact-report.yaml'),
          '--out',
          out,
          '--format',
          'json',
          '--quiet',
        ]);
        expect(result.stderr).not.toMatch(STACK_LINE);
        expect(result.stderr).not.toContain('something went wrong inside');
        expect([0, 3]).toContain(result.status);
        if (result.status === 0) {
          expect(result.stderr).toBe('');
          expect(readdirSync(out)).toEqual(['small-2024_2024.json']);
          JSON.parse(readFileSync(join(out, 'small-2024_2024.json'), 'utf8'));
        } else {
          expect(result.stderr.startsWith('Error: ')).toBe(true);
          expect(result.stderr).toMatch(/(outcomes|referrals)\.csv/);
          expect(result.stderr).toContain('Nothing was written');
          expect(existsSync(out)).toBe(false);
        }
      }),
      { numRuns: 32 },
    );
  }, 240_000);
});
