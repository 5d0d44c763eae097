import { describe, expect, it } from 'vitest';
import { fieldName, figureText } from '../../src/report/targets.js';
import type { TargetResult } from '../../src/stats/targets.js';
import {
  buildReport as build,
  grant,
  measure,
  NO_ACCESS,
  NO_ENGAGEMENT,
  reportedFor,
  statsModel,
} from './stats-fixture.js';

const result = (
  field: string,
  target: number,
  actual: number | null,
  direction: TargetResult['direction'] = 'atLeast',
  label: string | null = null,
): TargetResult => ({
  field,
  label,
  direction,
  target,
  actual,
  met: actual === null ? null : direction === 'atLeast' ? actual >= target : actual <= target,
});

describe('Promised and delivered (report.md At a glance)', () => {
  it('is absent without targets', () => {
    expect(build(statsModel()).targets).toBeUndefined();
  });

  it('target, promise, result as printed elsewhere, and met / not met in words and a symbol', () => {
    const table = build(
      statsModel({
        targets: [
          result('activity.familiesServed', 25, 23, 'atLeast', 'Families supported'),
          result('outcomes.pirgas.pctImproved', 75, 85),
          result('activity.sessionsMedian', 12, 11, 'atMost'),
          result('outcomes.phq9.meanChange', -3, -4.3, 'atMost'),
        ],
      }),
    ).targets;
    expect(table?.caption).toBe('Promised and delivered');
    expect(table?.headers).toEqual(['Target', 'Promised', 'Delivered', 'Result']);
    expect(table?.rows).toEqual([
      ['Families supported', 'at least 25', '23', '✗ Not met'],
      ['PIRGAS: % improved', 'at least 75%', '85%', '✓ Met'],
      ['Sessions median', 'at most 12', '11', '✓ Met'],
      ['PHQ-9: mean change', 'at most −3', '−4.3', '✓ Met'],
    ]);
    // The colour of a row repeats its words; it is never the only sign.
    expect(table?.rowClasses).toEqual(['target-not-met', 'target-met', 'target-met', 'target-met']);
    for (const row of table?.rows ?? []) expect(row[3]).toMatch(/^(✓ Met|✗ Not met|○ Not measured: .+)$/);
  });

  it('a result that cannot be computed says why, never "not met"', () => {
    const noScores = statsModel({
      outcomes: {
        ...statsModel().outcomes,
        gad7: measure({
          paired: 0,
          improved: 0,
          pctImproved: null,
          meanChange: null,
          atCaseness: 0,
          recovered: 0,
          pctRecovered: null,
        }),
      },
      activity: { ...statsModel().activity, referrals: null },
      targets: [
        result('outcomes.gad7.pctImproved', 60, null),
        result('outcomes.gad7.meanChange', -2, null, 'atMost'),
        result('outcomes.pirgas.pctRecovered', 50, null),
        result('activity.referrals', 100, null),
        result('byService.group.activity.referrals', 40, null),
      ],
    });
    const rows = build(noScores).targets?.rows ?? [];
    expect(rows.map((r) => r[2])).toEqual(['—', '—', '—', '—', '—']);
    expect(rows.map((r) => r[3])).toEqual([
      '○ Not measured: no parents with scores yet',
      '○ Not measured: no parents with scores yet',
      '○ Not measured: no parent with scores began in the clinical range',
      '○ Not measured: no referral counts were supplied',
      '○ Not measured: the referral counts do not say which service a referral was for',
    ]);
    for (const r of rows) expect(r[3]).not.toMatch(/not met/i);
  });

  it('applies disclosure control: a small share is "x of n", a small breakdown count "<5"', () => {
    const stats = statsModel({
      outcomes: {
        ...statsModel().outcomes,
        pirgas: measure({ ended: 9, paired: 8, improved: 6, pctImproved: 75 }),
      },
      byService: {
        group: {
          activity: { ...statsModel().activity, familiesServed: 3, parentsServed: 3 },
          outcomes: {},
          access: NO_ACCESS,
          engagement: NO_ENGAGEMENT,
        },
      },
      targets: [
        result('outcomes.pirgas.pctImproved', 70, 75),
        result('byService.group.activity.familiesServed', 10, 3),
        result('activity.familiesServed', 3, 23),
      ],
    });
    const model = build(stats);
    expect(model.targets?.rows.map((r) => r[2])).toEqual(['6 of 8', '<5', '23']);
    expect(model.targets?.rows.map((r) => r[0])).toEqual([
      'PIRGAS: % improved',
      'Groups: families served',
      'Families served',
    ]);
    expect(model.method.disclosure.join(' ')).toContain('the Promised and delivered table');
  });

  it('names figures without a label, and prints numbers as the report does', () => {
    const reported = reportedFor(grant);
    expect(fieldName('activity.familiesServed', reported)).toBe('Families served');
    expect(fieldName('outcomes.mentalHealth.pctRecovered', reported)).toBe('PHQ-9 and/or GAD-7: % recovered');
    expect(fieldName('activity.referralsBySource.health_visitor', reported)).toBe(
      'Referrals from Health visitor',
    );
    expect(fieldName('access.waitDaysMedian', reported)).toBe('Wait days median');
    expect(fieldName('profile.severe_mental_illness.pctYes', reported)).toBe('Severe mental illness: % yes');
    expect(figureText('pctImproved', 84.5)).toBe('85%');
    expect(figureText('meanChange', 12.45)).toBe('+12.5');
    expect(figureText('familiesServed', 1234)).toBe('1,234');
    expect(figureText('sessionsMedian', 11.5)).toBe('11.5');
  });
});
