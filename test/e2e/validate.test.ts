import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

// report.md: `impact-report validate` checks configuration and inputs, writes nothing, and
// summarises what a report would be made from.
describe('impact-report validate', () => {
  it('summarises episodes, dates, referrals and how many episodes each grant matches, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-validate-'));
    cpSync(join(ROOT, 'fixtures', 'tolerated', 'clean'), dir, { recursive: true });
    const before = readdirSync(dir).sort();
    const result = runCli(['validate'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'impact-report.yaml and the input files are valid. Nothing was written.',
        '  outcomes:  outcomes.csv: 20 episodes of 20 families, referred 2024-01-03 to 2024-02-27',
        '  referrals: referrals.csv: 19 rows, 26 referrals, 2024-01 to 2024-03',
        '  measures:  PIRGAS, PHQ-9 and GAD-7 (scores found in the export)',
        '  1 grant:',
        '    small-2024  20 of 20 episodes match  (default period 2024)',
        '',
      ].join('\n'),
    );
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('counts the matches of each grant of the repository configuration', () => {
    const result = runCli(['validate']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1,820 episodes');
    expect(result.stdout).toMatch(/powerhouse-2024\s+157 of 1,820 episodes match/);
    expect(result.stdout).toMatch(/national-lottery-2025\s+272 of 1,820 episodes match/);
  });
});
