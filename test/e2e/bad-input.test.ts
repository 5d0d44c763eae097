import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import {
  IN_PARTS,
  inBatches,
  outputWithEarlierReports,
  readCases,
  runCliAsync,
  STACK_LINE,
  WHOLE,
} from './corpus.js';

// data.md §4–§5 through the real CLI: every folder under fixtures/bad/ is one way to break the
// input, with its own impact-report.yaml, CSVs and expect.json (exit code and the words the
// message must hold). Each runs `report` over an output folder holding earlier reports, which
// must come out untouched, and `validate`, reading the export whole and in two parts at once.
const cases = readCases('bad');

interface Outcome {
  report: CliResult;
  validate: CliResult;
  validateInParts: CliResult;
  before: Record<string, string>;
  after: Record<string, string>;
}
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  await inBatches(
    cases.map(({ name, dir, expect: e }) => async () => {
      const config = join(dir, 'impact-report.yaml');
      const out = outputWithEarlierReports();
      const before = out.snapshot();
      const report = await runCliAsync([
        'report',
        ...(e.args ?? ['--grant', 'small-2024']),
        ...(e.args?.includes('--config') ? [] : ['--config', config]),
        '--out',
        out.dir,
        '--format',
        'pdf,html,json',
      ]);
      const validateArgs = ['validate', ...(e.validate?.args ?? ['--config', config])];
      const validate = await runCliAsync(validateArgs, WHOLE);
      const validateInParts = await runCliAsync(validateArgs, IN_PARTS);
      outcomes.set(name, { report, validate, validateInParts, before, after: out.snapshot() });
    }),
  );
}, 1_800_000);

describe('bad input (fixtures/bad)', () => {
  it('has a corpus', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  describe.each(cases)('$name', ({ name, expect: e }) => {
    it(`report exits ${e.exit} with one readable block naming the problem: ${e.why}`, () => {
      const { report } = outcomes.get(name) as Outcome;
      expect(report.stderr).not.toMatch(STACK_LINE);
      expect(report.stderr.startsWith('Error: ')).toBe(true);
      for (const word of e.stderr) expect(report.stderr).toContain(word);
      for (const secret of e.notInStderr ?? []) {
        expect(report.stderr).not.toContain(secret);
        expect(report.stdout).not.toContain(secret);
      }
      expect(report.stdout).toBe('');
      expect(report.status).toBe(e.exit);
    });

    it('leaves the output folder exactly as it was', () => {
      const { before, after } = outcomes.get(name) as Outcome;
      expect(after).toEqual(before);
    });

    it(`validate exits ${e.validate?.exit ?? e.exit}`, () => {
      const { validate } = outcomes.get(name) as Outcome;
      const exit = e.validate?.exit ?? e.exit;
      expect(validate.stderr).not.toMatch(STACK_LINE);
      if (exit !== 0) {
        for (const word of e.validate?.stderr ?? e.stderr) expect(validate.stderr).toContain(word);
        for (const secret of e.notInStderr ?? []) expect(validate.stderr).not.toContain(secret);
      }
      expect(validate.status).toBe(exit);
    });

    it('validate says exactly the same with the export read in two parts at once', () => {
      const { validate, validateInParts } = outcomes.get(name) as Outcome;
      expect(validateInParts).toEqual(validate);
    });
  });
});
