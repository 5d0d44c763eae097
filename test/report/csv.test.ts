import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvRows } from '../../src/report/csv.js';
import type { ReportModel } from '../../src/report/model.js';
import type { StatsModel } from '../../src/stats/model.js';
import {
  buildReport as build,
  disclosure,
  NO_ACCESS,
  NO_ACTIVITY,
  NO_ENGAGEMENT,
  statsModel,
} from './stats-fixture.js';

const find = (rows: string[][], section: string, figure: string, measure = '') =>
  rows.find((r) => r[0] === section && r[1] === figure && r[2] === measure);

describe('csvRows: every figure as the PDF prints it (report.md CSV output)', () => {
  const stats = statsModel({
    previous: {
      period: { label: '2023', from: '2023-01-01', to: '2023-12-31' },
      activity: { ...NO_ACTIVITY, parentsServed: 16, familiesServed: 15, referrals: 110 },
      access: NO_ACCESS,
      engagement: NO_ENGAGEMENT,
      outcomes: {},
    },
    targets: [
      {
        field: 'activity.familiesServed',
        label: 'Families supported',
        direction: 'atLeast',
        target: 25,
        actual: 23,
        met: false,
      },
    ],
  });
  const model = build(stats);
  const rows = csvRows(model, disclosure);

  it('has the six columns, one row a figure', () => {
    expect(CSV_COLUMNS).toEqual(['section', 'figure', 'measure', 'value', 'denominator', 'note']);
    for (const row of rows) expect(row).toHaveLength(6);
  });

  it('tiles with their denominators, notes and the period before', () => {
    expect(find(rows, 'At a glance', 'families served')).toEqual([
      'At a glance',
      'families served',
      '',
      '23',
      '',
      '26 parents with their babies; up from 15 in 2023',
    ]);
    expect(find(rows, 'At a glance', 'families served, 2023')?.[3]).toBe('15');
    const improved = rows.find((r) => r[0] === 'At a glance' && r[2] === 'PIRGAS');
    expect(improved?.slice(3, 5)).toEqual(['85%', '20']);
  });

  it('tables cell by cell: the outcomes table by measure, Promised and delivered by target', () => {
    expect(find(rows, 'Outcomes', 'Improved', 'PIRGAS (relationship)')?.slice(3, 5)).toEqual(['85%', '20']);
    expect(find(rows, 'Outcomes', 'Mean change', 'PHQ-9 (depression)')?.[3]).toBe('−4.3');
    expect(find(rows, 'Promised and delivered', 'Families supported — Result')?.[3]).toBe('✗ Not met');
    expect(find(rows, 'Promised and delivered', 'Families supported — Delivered')?.[3]).toBe('23');
  });

  it('figures only a sentence states', () => {
    expect(find(rows, 'Outcomes', 'Mean score before', 'PIRGAS')?.slice(3, 5)).toEqual(['39.9', '20']);
    expect(find(rows, 'Reach', 'Parents referred in the period')?.[3]).toBe('25');
    expect(find(rows, 'Reach', 'Median sessions, parents who finished')?.[3]).toBe('11');
  });

  it('never an unsuppressed small count: the "<5" cell stays "<5", with a note saying why', () => {
    // The fixture's GP referrals are 3: printed "<5" in the PDF.
    const gp = find(rows, 'Reach', 'Referrals by source: GP');
    expect(gp?.[3]).toBe('<5');
    expect(gp?.[5]).toMatch(/not shown exactly to protect privacy/);
    expect(rows.filter((r) => r[1].includes('GP')).map((r) => r[3])).not.toContain('3');
    // Every value is text the PDF prints: the model's tables and tiles, nothing computed afresh.
    const printed = new Set<string>();
    const collect = (v: unknown): void => {
      if (typeof v === 'string') printed.add(v);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) collect(x);
    };
    collect(model);
    for (const r of rows) expect(printed.has(r[3]), r.join(' | ')).toBe(true);
  });

  it('a section added to the report model reaches the CSV with no code in csv.ts', () => {
    const extended = {
      ...model,
      whoWeReached: {
        tables: [
          {
            caption: 'Parent or carer',
            headers: ['Parent or carer', 'Parents', '%'],
            rows: [
              ['Mother', '20', '80%'],
              ['Father', '<5', '*'],
            ],
          },
        ],
        figures: [{ figure: 'Severe mental illness', value: '29%', denominator: '34' }],
      },
    } as ReportModel;
    const more = csvRows(extended, disclosure);
    expect(find(more, 'Who we reached', 'Parent or carer: Mother — Parents')?.[3]).toBe('20');
    expect(find(more, 'Who we reached', 'Parent or carer: Father — %')?.[5]).toMatch(/subtraction/);
    expect(find(more, 'Who we reached', 'Severe mental illness')?.slice(3, 5)).toEqual(['29%', '34']);
  });

  it('leaves out the method, the narrative, stories and charts', () => {
    const withStories = build({ ...stats } as StatsModel);
    const all = csvRows({ ...withStories, stories: [{ paragraphs: ['“Kind words.”'] }] }, disclosure);
    expect(all.some((r) => r.join(' ').includes('Kind words'))).toBe(false);
    expect(all.some((r) => r[0] === 'Method')).toBe(false);
    expect(all.some((r) => r.join(' ').includes('SHA-256'))).toBe(false);
  });
});
