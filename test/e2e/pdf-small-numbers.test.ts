import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { flatText } from './pdf-support.js';

// Eight parents (test/fixtures/small-numbers): every share is on fewer than minDenominator = 10,
// and some breakdown counts are below minCell = 5.
describe('disclosure control in a real PDF', () => {
  const out = mkdtempSync(join(tmpdir(), 'impact-small-'));
  let text = '';

  beforeAll(() => {
    const result = runCli([
      '--config',
      'test/fixtures/small-numbers/impact-report.yaml',
      '--grant',
      'small',
      '--out',
      out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    text = flatText(join(out, 'small_2024.pdf'));
  });

  it('prints shares of fewer than 10 as "x of n", never as a percentage', () => {
    expect(text).toContain(
      '6 of the 8 parents with before-and-after PIRGAS scores showed an improved relationship with their baby',
    );
    expect(text).toContain(
      '4 of the 6 parents with both PHQ-9 and GAD-7 recorded who began in the clinical range for depression or anxiety recovered.',
    );
    // The only percentages left are the name of the 95% interval and the NHS waiting standards.
    const rest = text.replace('the NHS Talking Therapies standards are 75% and 95%', '');
    expect(rest.match(/\d+%/g)?.every((p) => p === '95%')).toBe(true);
    expect(text).toContain(
      '“x of n” is shown instead of a percentage where fewer than 10 people are counted',
    );
  });

  it('prints breakdown counts from 1 to 4 as "<5", and says how many it hid', () => {
    expect(text).toMatch(/GP <5/);
    expect(text).toMatch(/Self-referral <5/);
    expect(text).toMatch(/Groups <5 <5 <5 —/);
    expect(text).toContain('In this report 8 counts were shown as “<5”');
    // Headline totals are printed as they are.
    expect(text).toContain('16 referrals were received in the period');
  });
});
