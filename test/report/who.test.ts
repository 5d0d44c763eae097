import { describe, expect, it } from 'vitest';
import type { ProfileColumn } from '../../src/domain.js';
import { DisclosureLog } from '../../src/report/disclosure.js';
import { whoWeReached } from '../../src/report/who.js';
import type { CategoryProfile, FlagProfile } from '../../src/stats/profile.js';
import { statsModel } from './stats-fixture.js';

const rules = { minCell: 5, minDenominator: 10 };
const ROLE: ProfileColumn = {
  column: 'parent_role',
  label: 'Parent or carer',
  kind: 'category',
  categories: ['Mother', 'Father', 'Other carer'],
};
const SMI: ProfileColumn = {
  column: 'smi',
  label: 'Severe mental illness',
  kind: 'flag',
  phrase: 'had a severe mental illness',
};
const role = (counts: [number, number, number], notRecorded: number): CategoryProfile => ({
  label: ROLE.label,
  recorded: counts[0] + counts[1] + counts[2],
  notRecorded,
  counts: { Mother: counts[0], Father: counts[1], 'Other carer': counts[2] },
});
const smi = (yes: number, no: number, notRecorded: number): FlagProfile => ({
  label: SMI.label,
  recorded: yes + no,
  notRecorded,
  yes,
  pctYes: yes + no === 0 ? null : (100 * yes) / (yes + no),
});

function who(profile: Record<string, CategoryProfile | FlagProfile>, columns = [ROLE, SMI]) {
  const served = Object.values(profile)[0];
  const stats = statsModel({ profile });
  stats.activity = { ...stats.activity, parentsServed: (served?.recorded ?? 0) + (served?.notRecorded ?? 0) };
  return whoWeReached(stats, columns, new DisclosureLog(rules), rules);
}

describe('Who we reached (report.md)', () => {
  it('a table per category column with the not-recorded row; a sentence per flag with its denominator', () => {
    const model = who({ parent_role: role([120, 30, 10], 0), smi: smi(46, 114, 0) });
    expect(model?.tables[0]).toMatchObject({
      caption: 'Parents served by parent or carer',
      headers: ['Parent or carer', 'Parents', '% of those recorded'],
      rows: [
        ['Mother', '120', '75%'],
        ['Father', '30', '19%'],
        ['Other carer', '10', '6%'],
        ['Not recorded', '0', '—'],
      ],
    });
    expect(model?.sentences[1]).toBe(
      '29% of the 160 parents whose records say had a severe mental illness (46 of 160).',
    );
  });

  it('hides a small category and the next smallest, with their percentages, and says why', () => {
    // Other carer 3 would be 160 − 120 − 30 − 7 otherwise: Not recorded (7) is hidden as well.
    const table = who({ parent_role: role([120, 30, 3], 7), smi: smi(46, 114, 0) })?.tables[0];
    expect(table?.rows).toEqual([
      ['Mother', '120', '—'],
      ['Father', '30', '—'],
      ['Other carer', '<5', '—'],
      ['Not recorded', '*', '—'],
    ]);
    // With the number not recorded hidden, percentages of those recorded would give it away.
    expect(table?.notes).toEqual([
      expect.stringContaining('* Also hidden'),
      'Percentages are not shown: with the number not recorded hidden, they would reveal it.',
    ]);
    // When the hidden pair are categories, the number recorded is known and percentages stay.
    const kept = who({ parent_role: role([120, 30, 3], 0) }, [ROLE])?.tables[0];
    expect(kept?.rows.map((r) => r.slice(1))).toEqual([
      ['120', '78%'],
      ['*', '—'],
      ['<5', '—'],
      ['0', '—'],
    ]);
  });

  it('no printed number lets a reader work out a hidden one', () => {
    const model = who({ parent_role: role([120, 30, 3], 7) }, [ROLE]);
    const table = model?.tables[0];
    // The reader knows the total (160 parents served, printed in the intro) and the shown counts.
    expect(model?.sentences[0]).toContain('160 parents');
    const shown = table?.rows.map(([, n]) => n) ?? [];
    const hidden = shown.filter((n) => !/^\d+$/.test(n ?? ''));
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    // And no percentage is printed that would reveal the recorded total.
    expect(table?.rows.every(([, , pct]) => pct === '—')).toBe(true);
  });

  it('a flag with few yes, or few no, says only what is safe', () => {
    expect(who({ smi: smi(3, 150, 7) }, [SMI])?.sentences[1]).toBe(
      'Fewer than 5 of the parents whose records say had a severe mental illness; the exact number is not shown, to protect privacy.',
    );
    // "no" (3) is hidden, and so is the next smallest, the not recorded (7): only yes is said.
    expect(who({ smi: smi(150, 3, 7) }, [SMI])?.sentences[1]).toBe(
      'Records say 150 parents had a severe mental illness; how many did not, or were not recorded, is hidden to protect privacy.',
    );
    const notRecordedFew = who({ smi: smi(40, 100, 2) }, [SMI])?.sentences[1] ?? '';
    expect(notRecordedFew).not.toMatch(/\d+%|140|100\b/);
  });

  it('a small number recorded gives "x of n"; without a phrase, the label says what yes means', () => {
    expect(who({ smi: smi(6, 2, 0) }, [{ ...SMI, phrase: undefined }])?.sentences[1]).toBe(
      // 2 is hidden: both "no" (2) and the next smallest non-zero (yes, 6) are hidden.
      'Severe mental illness: how many were yes is not shown, so that a smaller number hidden beside it cannot be worked out.',
    );
    expect(who({ smi: smi(6, 0, 0) }, [SMI])?.sentences[1]).toBe(
      '6 of 6 parents whose records say had a severe mental illness.',
    );
  });

  it('nothing without declared columns', () => {
    expect(who({}, [])).toBeUndefined();
  });
});

describe('Who we reached: the chart', () => {
  const DECILE: ProfileColumn = {
    column: 'imd_decile',
    label: 'Deprivation decile',
    kind: 'category',
    categories: ['1', '2', '3', '4', '5'],
  };
  const deciles = (counts: number[], notRecorded: number): CategoryProfile => ({
    label: DECILE.label,
    recorded: counts.reduce((a, b) => a + b, 0),
    notRecorded,
    counts: Object.fromEntries(counts.map((n, i) => [String(i + 1), n])),
  });

  it('draws the category column with five or more categories beside its table, hidden bars left out', () => {
    // 3 is hidden, and the not recorded (10) with it: the 12 is still drawn.
    const model = who({ imd_decile: deciles([30, 25, 3, 20, 12], 10) }, [DECILE]);
    expect(model?.figure?.table.caption).toBe('Parents served by deprivation decile');
    expect(model?.figure?.chart.data).toMatchObject({
      kind: 'bars',
      labels: ['1', '2', '3', '4', '5'],
      values: [30, 25, 0, 20, 12],
    });
    expect(model?.tables).toEqual([]);
  });

  it('draws nothing when most bars would be hidden', () => {
    const model = who({ imd_decile: deciles([2, 3, 40, 1, 2], 10) }, [DECILE]);
    expect(model?.figure).toBeUndefined();
    expect(model?.tables).toHaveLength(1);
  });
});
