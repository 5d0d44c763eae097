import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText, runCli } from '../helpers/cli.js';

const out = mkdtempSync(join(tmpdir(), 'impact-json-'));

function model(grant: string, period: string) {
  const result = runCli(['report', '--grant', grant, '--period', period, '--format', 'json', '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(readFileSync(join(out, `${grant}_${period}.json`), 'utf8'));
}

// The figures published in the issues, reproduced by the synthetic fixtures through the CLI.
describe('published figures', () => {
  it('programme FY2014-15, individual therapy: 334 parents, PIRGAS 144 paired, 85% improved, +12.5', () => {
    const m = model('programme', 'FY2014-15');
    const s = m.byService.individual;
    expect(s.activity.parentsServed).toBe(334);
    expect(s.outcomes.pirgas.paired).toBe(144);
    expect(Math.round(s.outcomes.pirgas.pctImproved)).toBe(85);
    expect(s.outcomes.pirgas.meanChange).toBe(12.5);
  });

  it('programme FY2014-15, groups: 97 parents, PIRGAS 71 paired, 77% improved, +11.0', () => {
    const s = model('programme', 'FY2014-15').byService.group;
    expect(s.activity.parentsServed).toBe(97);
    expect(s.outcomes.pirgas.paired).toBe(71);
    expect(Math.round(s.outcomes.pirgas.pctImproved)).toBe(77);
    expect(s.outcomes.pirgas.meanChange).toBe(11);
  });

  it('powerhouse-2024, 2024: 23 families, PIRGAS 85%, mental health 83%', () => {
    const m = model('powerhouse-2024', '2024');
    expect(m.activity.familiesServed).toBe(23);
    expect(Math.round(m.outcomes.pirgas.pctImproved)).toBe(85);
    expect(Math.round(m.outcomes.mentalHealth.pctImproved)).toBe(83);
  });

  it('programme FY2012-13: two thirds of parents at caseness recovered', () => {
    expect(Math.round(model('programme', 'FY2012-13').outcomes.mentalHealth.pctRecovered)).toBe(67);
  });

  it('programme FY2023-24: 91% improved on PIRGAS, 75% on mental health', () => {
    const m = model('programme', 'FY2023-24');
    expect(Math.round(m.outcomes.pirgas.pctImproved)).toBe(91);
    expect(Math.round(m.outcomes.mentalHealth.pctImproved)).toBe(75);
  });

  it('national-lottery-2025: episodes end in every quarter of FY2025-26', () => {
    for (const q of [1, 2, 3, 4]) {
      const m = model('national-lottery-2025', `FY2025-26-Q${q}`);
      expect(m.activity.episodesEnded).toBeGreaterThan(0);
      expect(m.outcomes.pirgas.paired).toBeGreaterThan(0);
      expect(m.activity.referrals).toBeGreaterThan(0);
    }
  });
});

describe('who the programme reached, published: FY2014-15', () => {
  it('29% had a severe mental illness and 39% a background of severe abuse, neglect or loss, of those whose records say', () => {
    const m = model('programme', 'FY2014-15');
    expect(Math.round(m.profile.severe_mental_illness.pctYes)).toBe(29);
    expect(Math.round(m.profile.childhood_adversity.pctYes)).toBe(39);
    expect(m.profile.severe_mental_illness.recorded + m.profile.severe_mental_illness.notRecorded).toBe(431);
  });

  it('the PDF says so in sentences with their denominators, and hides a small count and the next smallest', () => {
    const result = runCli(['--grant', 'programme', '--period', 'FY2014-15', '--out', out, '--quiet']);
    expect(result.status).toBe(0);
    const text = pdfText(join(out, 'programme_FY2014-15.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain(
      '29% of the 390 parents whose records say had a severe mental illness (113 of 390)',
    );
    expect(text).toContain(
      '39% of the 378 parents whose records say had a background of severe abuse, neglect or loss in childhood (147 of 378)',
    );
    expect(text).toMatch(/Prefer not to say <5/);
    expect(text).toContain('* Also hidden: where only one number in a table would be shown as “<5”');
    expect(text).toContain('1 other count was hidden as “*” (1 in the ethnic group table)');
    // Waiting and endings, with the NHS Talking Therapies standards beside them.
    expect(text).toMatch(/\d+% started within 6 weeks of referral and \d+% within 18 weeks/);
    expect(text).toMatch(/finished a course of two or more sessions/);
  });
});
