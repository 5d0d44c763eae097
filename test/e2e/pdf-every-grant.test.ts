import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfInfo, runCli } from '../helpers/cli.js';
import { flatText, pageCount } from './pdf-support.js';

const NOTHING = /\bNaN\b|\bundefined\b|\bnull\b|Infinity|\[object/;

/** Checks that hold for every report: numbered pages, tagged, nothing unprintable. */
function expectSound(file: string): { text: string; pages: number } {
  const info = pdfInfo(file);
  const text = flatText(file);
  const pages = pageCount(info);
  expect(info).toMatch(/Tagged:\s+yes/);
  for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
  expect(text).not.toMatch(NOTHING);
  return { text, pages };
}

describe('every fixture grant renders', () => {
  it('--all: each grant for its default period', () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-all-'));
    const result = runCli(['--all', '--out', out, '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    for (const name of [
      'programme_FY2024-25',
      'powerhouse-2022_2022',
      'powerhouse-2023_2023',
      'powerhouse-2024_2024',
      'national-lottery-2025_FY2025-26',
    ]) {
      const { text, pages } = expectSound(join(out, `${name}.pdf`));
      expect(pages).toBeGreaterThanOrEqual(5);
      expect(text).toContain('Outcomes for parents whose work ended in the period');
    }
  });

  it('national-lottery-2025 for each quarter of FY2025-26, with month-by-month reach', () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-quarters-'));
    for (const q of [1, 2, 3, 4]) {
      const result = runCli([
        '--grant',
        'national-lottery-2025',
        '--period',
        `FY2025-26-Q${q}`,
        '--out',
        out,
      ]);
      expect(result.status).toBe(0);
      const { text } = expectSound(join(out, `national-lottery-2025_FY2025-26-Q${q}.pdf`));
      expect(text).toContain('Month by month');
    }
  });

  it('a period with no episodes: a short, correct report', () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-empty-'));
    const result = runCli([
      '--grant',
      'powerhouse-2024',
      '--period',
      '2030',
      '--out',
      out,
      '--format',
      'pdf,html',
    ]);
    expect(result.status).toBe(0);
    const { text, pages } = expectSound(join(out, 'powerhouse-2024_2030.pdf'));
    // Cover; At a glance (with Promised and delivered), Outcomes and Reach; In their words; method.
    expect(pages).toBeLessThanOrEqual(4);
    expect(text).toContain(
      'No work with parents under this grant was recorded for 1 January – 31 December 2030, so this report has no outcomes to show.',
    );
    expect(text).toContain(
      'No work with parents was recorded in this period, so there are no outcomes to report.',
    );
    expect(text).not.toContain('Outcomes for parents whose work ended');
    // No share to show: the only percentages left are the name of the 95% interval in the
    // method and the targets the grant promised ("at least 75%").
    const shares = text.replace(/at (least|most) \d+%/g, '').match(/\d+%/g);
    expect(shares?.every((p) => p === '95%') ?? true).toBe(true);
    expect(text).toContain(
      'Parents whose relationship reliably worsened at most 2 0 ✓ Met (no parents with scores yet)',
    );
  });
});
