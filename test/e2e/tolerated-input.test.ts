import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import { IN_PARTS, inBatches, readCases, runCliAsync, STACK_LINE, WHOLE } from './corpus.js';

// data.md §4 "Tolerated, as real exports do it", through the real CLI: every folder under
// fixtures/tolerated/ is a messy but valid export. Most hold the same 20 episodes as `clean`,
// so their statistics must come out identical to it. `validate` reads each export whole and in
// two parts at once, and must say the same.
interface Expectation {
  why: string;
  episodes: number;
  sameAsClean?: boolean;
  zeroEpisodes?: boolean;
}
const cases = readCases('tolerated') as unknown as { name: string; dir: string; expect: Expectation }[];

interface Outcome {
  validate: CliResult;
  validateInParts: CliResult;
  report: CliResult;
  out: string;
}
const outcomes = new Map<string, Outcome>();
const model = (name: string) => {
  const { out } = outcomes.get(name) as Outcome;
  const json = JSON.parse(readFileSync(join(out, 'small-2024_2024.json'), 'utf8'));
  delete json.provenance; // file hashes differ by design
  return json;
};

beforeAll(async () => {
  await inBatches(
    cases.map(({ name, dir }) => async () => {
      const config = join(dir, 'impact-report.yaml');
      const out = mkdtempSync(join(tmpdir(), 'impact-tolerated-'));
      const validate = await runCliAsync(['validate', '--config', config], WHOLE);
      const validateInParts = await runCliAsync(['validate', '--config', config], IN_PARTS);
      const report = await runCliAsync([
        'report',
        '--grant',
        'small-2024',
        '--config',
        config,
        '--out',
        out,
        '--format',
        'json,html',
        '--quiet',
      ]);
      outcomes.set(name, { validate, validateInParts, report, out });
    }),
  );
}, 300_000);

describe('tolerated input (fixtures/tolerated)', () => {
  describe.each(cases)('$name', ({ name, expect: e }) => {
    it('validate says exactly the same with the export read in two parts at once', () => {
      const { validate, validateInParts } = outcomes.get(name) as Outcome;
      expect(validateInParts).toEqual(validate);
    });

    it(`validate accepts it: ${e.why}`, () => {
      const { validate } = outcomes.get(name) as Outcome;
      expect(validate.stderr).toBe('');
      expect(validate.stdout).toContain(`${e.episodes} episode`);
      expect(validate.status).toBe(0);
    });

    it('report writes the JSON and HTML, and nothing else', () => {
      const { report, out } = outcomes.get(name) as Outcome;
      expect(report.stderr).not.toMatch(STACK_LINE);
      expect(report.stderr).toBe('');
      expect(report.status).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['small-2024_2024.html', 'small-2024_2024.json']);
    });

    if (e.sameAsClean)
      it('gives exactly the statistics of the clean export', () => {
        expect(model(name)).toEqual(model('clean'));
      });

    if (e.zeroEpisodes)
      it('is an honest report of zero episodes', () => {
        const m = model(name);
        expect(m.activity.episodesReferred).toBe(0);
        expect(m.activity.parentsServed).toBe(0);
        expect(m.activity.familiesServed).toBe(0);
        const { out } = outcomes.get(name) as Outcome;
        expect(existsSync(join(out, 'small-2024_2024.html'))).toBe(true);
        expect(readFileSync(join(out, 'small-2024_2024.html'), 'utf8')).toMatch(/no episodes/i);
      });
  });
});
