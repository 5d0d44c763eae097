import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Grant, Target } from '../../src/domain.js';
import { reportedBy } from '../../src/measures/in-force.js';
import { buildStatsModel } from '../../src/stats/model.js';
import { nearestField, numericFields, targetResults, unknownTargets } from '../../src/stats/targets.js';
import { difference, referenceModel } from './reference.js';
import {
  DEFAULT_THRESHOLDS,
  definitions,
  ended,
  episodeArb,
  IN_EXPORT,
  MENTAL_HEALTH,
  periodArb,
  RUNS,
  referralsArb,
  TEST_PROFILE,
} from './support.js';

const PROVENANCE = {
  toolVersion: '9.9.9',
  generatedAt: '2025-01-01T00:00:00.000Z',
  sha256: { configuration: 'c'.repeat(64), outcomes: 'o'.repeat(64), referrals: null },
};

const grant = (targets: Target[] = [], measures = ['pirgas', 'phq9', 'gad7']): Grant => ({
  id: 'g',
  funder: 'A Fund',
  title: 'A title',
  colours: { primary: '#000000', accent: '#000000' },
  theme: 'default',
  measures,
  targets,
});

const model = (g: Grant, episodes = [ended({ pirgasPre: 30, pirgasPost: 45, sessions: 10 })]) =>
  buildStatsModel({
    grant: g,
    period: { label: '2024', from: '2024-01-01', to: '2024-12-31' },
    episodes,
    referrals: null,
    reported: reportedBy(g.measures, definitions(DEFAULT_THRESHOLDS), [MENTAL_HEALTH], new Set(IN_EXPORT)),
    measuresInExport: IN_EXPORT,
    hasEndReason: false,
    profile: [],
    financialYearStart: 4,
    provenance: PROVENANCE,
  });

const at = (field: string, target: number, direction: Target['direction'] = 'atLeast'): Target => ({
  field,
  label: null,
  direction,
  target,
});

describe('numericFields: the figures a target may name', () => {
  const fields = numericFields(model(grant()));

  it('walks every section of results, null figures included', () => {
    expect(fields.get('activity.familiesServed')).toBe(1);
    expect(fields.get('outcomes.pirgas.pctImproved')).toBe(100);
    expect(fields.has('outcomes.mentalHealth.pctImproved')).toBe(true);
    // No referrals file: null, but still a figure a grant may promise.
    expect(fields.has('activity.referrals')).toBe(true);
    expect(fields.get('activity.referrals')).toBeNull();
    expect(fields.has('byService.individual.activity.parentsServed')).toBe(true);
  });

  it('leaves out intervals, groups, definitions, the period before and the targets themselves', () => {
    const paths = [...fields.keys()];
    expect(paths.some((p) => p.endsWith('Ci95'))).toBe(false);
    expect(fields.has('outcomes.pirgas')).toBe(false);
    expect(fields.has('activity.referralsBySource')).toBe(false);
    for (const root of ['measures', 'previous', 'targets', 'provenance', 'period', 'trend', 'grant'])
      expect(paths.filter((p) => p.startsWith(`${root}.`))).toEqual([]);
  });

  it('covers a section the model gains, with no list to update', () => {
    const gained = { ...model(grant()), access: { started: 3, waitDaysMedian: null } };
    const f = numericFields(gained);
    expect(f.get('access.started')).toBe(3);
    expect(f.has('access.waitDaysMedian')).toBe(true);
  });
});

describe('targetResults (statistics.md `targets`)', () => {
  it('met is actual ≥ target (atLeast) or ≤ target (atMost), equality meeting both', () => {
    const m = model(
      grant([
        at('activity.familiesServed', 1),
        at('activity.familiesServed', 2),
        at('activity.familiesServed', 1, 'atMost'),
        at('activity.familiesServed', 0, 'atMost'),
        at('outcomes.pirgas.meanChange', 15, 'atLeast'),
      ]),
    );
    expect(m.targets.map((t) => [t.actual, t.met])).toEqual([
      [1, true],
      [1, false],
      [1, true],
      [1, false],
      [15, true],
    ]);
  });

  it('keeps configuration order, label and direction; a null actual is met: null', () => {
    const m = model(
      grant([
        {
          field: 'outcomes.phq9.pctImproved',
          label: 'Fewer symptoms of depression',
          direction: 'atLeast',
          target: 60,
        },
        at('activity.sessionsMedian', 12, 'atMost'),
      ]),
    );
    expect(m.targets).toEqual([
      {
        field: 'outcomes.phq9.pctImproved',
        label: 'Fewer symptoms of depression',
        direction: 'atLeast',
        target: 60,
        actual: null,
        met: null,
      },
      {
        field: 'activity.sessionsMedian',
        label: null,
        direction: 'atMost',
        target: 12,
        actual: 10,
        met: true,
      },
    ]);
    expect(model(grant()).targets).toEqual([]);
  });

  it('a path to no numeric field is unknown, with the nearest valid path', () => {
    const m = model(grant());
    const wrong = [
      at('activity.familiesServd', 1),
      at('outcomes.pirgass.pctImprovd', 1),
      at('outcomes.phq.pctImproved', 1),
      at('Activity.FamiliesServed', 1),
      at('outcomes.pirgas', 1),
      at('outcomes.pirgas.pctImprovedCi95', 1),
      at('measures.pirgas.max', 1),
    ];
    const unknown = unknownTargets(wrong, m);
    expect(unknown.map((u) => [u.target.field, u.nearest])).toEqual([
      ['activity.familiesServd', 'activity.familiesServed'],
      ['outcomes.pirgass.pctImprovd', 'outcomes.pirgas.pctImproved'],
      ['outcomes.phq.pctImproved', 'outcomes.phq9.pctImproved'],
      ['Activity.FamiliesServed', 'activity.familiesServed'],
      ['outcomes.pirgas', expect.stringMatching(/^outcomes\.pirgas\./)],
      ['outcomes.pirgas.pctImprovedCi95', 'outcomes.pirgas.pctImproved'],
      ['measures.pirgas.max', expect.stringMatching(/^outcomes\.pirgas\./)],
    ]);
    expect(unknownTargets([at('activity.familiesServed', 1)], m)).toEqual([]);
    // Waiting times and endings are figures of the model too.
    expect(
      unknownTargets([at('access.waitDaysMedian', 42, 'atMost'), at('engagement.pctPlanned', 70)], m),
    ).toEqual([]);
  });

  it('nearestField prefers the closest segment by segment', () => {
    const valid = ['activity.parentsServed', 'activity.familiesServed', 'outcomes.gad7.pctImproved'];
    expect(nearestField('activity.familyServed', valid)).toBe('activity.familiesServed');
    expect(nearestField('outcome.gad7.pctImproved', valid)).toBe('outcomes.gad7.pctImproved');
    expect(nearestField('x', [])).toBeUndefined();
  });

  it('agrees with the reference implementation on random models and targets', () => {
    fc.assert(
      fc.property(
        fc.array(episodeArb, { maxLength: 30 }),
        referralsArb,
        periodArb,
        fc.array(
          fc.record({
            pick: fc.nat(),
            target: fc.double({ min: -5, max: 120, noNaN: true }),
            direction: fc.constantFrom<'atLeast' | 'atMost'>('atLeast', 'atMost'),
          }),
          { maxLength: 6 },
        ),
        (episodes, referrals, period, picks) => {
          const base = buildStatsModel({
            grant: grant(),
            period,
            episodes,
            referrals,
            reported: reportedBy(
              ['pirgas', 'phq9', 'gad7'],
              definitions(DEFAULT_THRESHOLDS),
              [MENTAL_HEALTH],
              new Set(IN_EXPORT),
            ),
            measuresInExport: IN_EXPORT,
            hasEndReason: true,
            profile: TEST_PROFILE,
            financialYearStart: 4,
            provenance: PROVENANCE,
          });
          const paths = [...numericFields(base).keys()];
          const targets = picks.map((p) => at(paths[p.pick % paths.length] as string, p.target, p.direction));
          const actual = targetResults(targets, base);
          const expected = referenceModel(
            {
              grant: { id: 'g', funder: 'A Fund', title: 'A title' },
              measures: (['pirgas', 'phq9', 'gad7'] as const).map((id) => ({
                id,
                better: id === 'pirgas' ? ('higher' as const) : ('lower' as const),
                ...DEFAULT_THRESHOLDS[id],
              })),
              composites: [{ id: 'mentalHealth', measures: ['phq9', 'gad7'], bothPaired: true }],
              inExport: IN_EXPORT,
              hasEndReason: true,
              profile: TEST_PROFILE.map((c) => ({
                column: c.column,
                label: c.label,
                categories: c.kind === 'category' ? c.categories : undefined,
              })),
              period,
              episodes,
              referrals,
            },
            targets,
          ).targets;
          expect(difference(actual, expected)).toBeNull();
        },
      ),
      RUNS,
    );
  });
});
