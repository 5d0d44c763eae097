import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/validate.js';
import { formatError, ReportError } from '../../src/errors.js';
import { loadInputs } from '../../src/ingest/load.js';
import { ROOT } from '../helpers/cli.js';
import { mutate, mutation } from './mutations.js';

const CLEAN = join(ROOT, 'fixtures', 'tolerated', 'clean');

function copyOfClean() {
  const dir = mkdtempSync(join(tmpdir(), 'impact-load-'));
  cpSync(CLEAN, dir, { recursive: true });
  const configPath = join(dir, 'impact-report.yaml');
  return { dir, config: parseConfig(readFileSync(configPath, 'utf8'), configPath) };
}

describe('loadInputs', () => {
  it('reads the clean fixture: 20 episodes, 19 referral rows', async () => {
    const { config } = copyOfClean();
    const inputs = await loadInputs(config);
    expect(inputs.episodes).toHaveLength(20);
    expect(inputs.referrals).toHaveLength(19);
    expect(await inputs.sha256.outcomes).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists the problems of both files in one data error (exit 3)', async () => {
    const { dir, config } = copyOfClean();
    writeFileSync(join(dir, 'referrals.csv'), 'month,area,source,count\n2024-01,Didcot,gp,x\n');
    const outcomes = readFileSync(join(dir, 'outcomes.csv'), 'utf8').replace(
      ',perinatal_mh,',
      ',someone@example.org,',
    );
    writeFileSync(join(dir, 'outcomes.csv'), outcomes);
    const error = await loadInputs(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    const e = error as ReportError;
    expect(e.exitCode).toBe(3);
    expect(e.message).toBe(
      'The input files have 2 problems, 1 of them personal data, so no report was made.',
    );
    expect(
      e.problems.map((p) => p.file.endsWith('outcomes.csv') || p.file.endsWith('referrals.csv')),
    ).toEqual([true, true]);
    expect(formatError(e)).not.toContain('someone@example.org');
  });

  it('rejects a damaged export only with a data error, whose message never repeats personal data', async () => {
    const { dir, config } = copyOfClean();
    const original = {
      outcomes: readFileSync(join(dir, 'outcomes.csv')),
      referrals: readFileSync(join(dir, 'referrals.csv')),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('outcomes', 'referrals'),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (file, mutations) => {
          writeFileSync(join(dir, 'outcomes.csv'), original.outcomes);
          writeFileSync(join(dir, 'referrals.csv'), original.referrals);
          writeFileSync(join(dir, `${file}.csv`), mutate(original[file], mutations));
          try {
            await loadInputs(config);
          } catch (error) {
            expect(error).toBeInstanceOf(ReportError);
            expect((error as ReportError).exitCode).toBe(3);
            expect((error as ReportError).problems.length).toBeGreaterThan(0);
            expect(formatError(error as ReportError)).toMatch(/^Error: /);
          }
        },
      ),
      { numRuns: 250 },
    );
  }, 60_000);

  it('refuses an email, a postcode or an NHS number in any cell of any row, naming the row', async () => {
    const { dir, config } = copyOfClean();
    const lines = readFileSync(join(dir, 'outcomes.csv'), 'utf8').trimEnd().split('\n');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: lines.length - 1 }),
        fc.nat(15),
        fc.constantFrom('someone@example.org', 'ZZ99 9ZZ', '943 476 5919', 'B33 8TH', '4010232137'),
        async (row, column, value) => {
          const cells = (lines[row] as string).split(',');
          cells[column] = value;
          const copy = [...lines];
          copy[row] = cells.join(',');
          writeFileSync(join(dir, 'outcomes.csv'), `${copy.join('\n')}\n`);
          const error = (await loadInputs(config).catch((e: unknown) => e)) as ReportError;
          expect(error).toBeInstanceOf(ReportError);
          expect(error.exitCode).toBe(3);
          expect(error.problems).toContainEqual(expect.objectContaining({ line: row + 1, personal: true }));
          expect(formatError(error)).not.toContain(value);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
