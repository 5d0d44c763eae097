import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Episode, GrantMatch, ReferralCount } from '../../src/domain.js';
import { ROOT, runCli } from '../helpers/cli.js';
import {
  difference,
  type ReferenceComposite,
  type ReferenceMeasure,
  type ReferenceTarget,
  referenceModel,
} from '../stats/reference.js';

// `--format json` through the built CLI for every fixture grant, checked field by field against the
// naive implementation of statistics.md in test/stats/reference.ts, run on the CSV files read here
// with the configuration read here: nothing of src/ but the types.

const out = mkdtempSync(join(tmpdir(), 'impact-json-model-'));

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const toolVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

/** statistics.md `measures.<id>`. */
interface MeasureJson {
  name: string;
  longName: string;
  min: number;
  max: number;
  better: 'higher' | 'lower';
  decimals: boolean;
  reliableChange: number;
  clinicalCutoff: number | null;
}
const m = (
  name: string,
  longName: string,
  min: number,
  max: number,
  better: 'higher' | 'lower',
  decimals: boolean,
  reliableChange: number,
  clinicalCutoff: number | null,
): MeasureJson => ({ name, longName, min, max, better, decimals, reliableChange, clinicalCutoff });
/** data.md §6's catalogue, copied from the table, in report order. */
const CATALOGUE: Record<string, MeasureJson> = {
  pirgas: m('PIRGAS', 'Parent-Infant Relationship Global Assessment Scale', 1, 100, 'higher', false, 10, 40),
  phq9: m('PHQ-9', 'Patient Health Questionnaire (depression)', 0, 27, 'lower', false, 6, 10),
  gad7: m('GAD-7', 'Generalised Anxiety Disorder scale (anxiety)', 0, 21, 'lower', false, 4, 8),
  epds: m('EPDS', 'Edinburgh Postnatal Depression Scale', 0, 30, 'lower', false, 4, 13),
  core10: m('CORE-10', 'Clinical Outcomes in Routine Evaluation (10 items)', 0, 40, 'lower', false, 6, 11),
  wemwbs: m('WEMWBS', 'Warwick-Edinburgh Mental Wellbeing Scale', 14, 70, 'higher', false, 3, null),
  gbo: m('GBO', 'Goal-Based Outcomes (mean goal score)', 0, 10, 'higher', true, 2.45, null),
};

/** A fixture CSV as records keyed by normalised header. */
function rows(file: string): Record<string, string>[] {
  return parseCsv(readFileSync(file), {
    bom: true,
    trim: true,
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_')),
  }) as Record<string, string>[];
}
const day = (iso: string) => (iso === '' ? null : Number(iso.replaceAll('-', '')));
const num = (text: string | undefined) => (text === undefined || text === '' ? null : Number(text));

interface ConfigFile {
  organisation?: { financialYearStart?: number };
  input: { outcomes: string; referrals?: string; columns?: Record<string, string> };
  measures?: Record<
    string,
    Omit<MeasureJson, 'longName' | 'decimals' | 'reliableChange' | 'clinicalCutoff'> & {
      longName?: string;
      decimals?: boolean;
      reliableChange?: number;
      reliability?: { sd: number; r: number };
      clinicalCutoff?: number | null;
    }
  >;
  composites?: Record<string, { name: string; measures: string[] }>;
  profile?: Record<string, { label: string; categories?: string[]; flag?: true }>;
  thresholds?: Record<string, { reliableChange?: number; clinicalCutoff?: number | null }>;
  grants: Record<
    string,
    {
      funder: string;
      title: string;
      period: string | number;
      match?: { funding?: string | string[]; area?: string | string[]; service?: string | string[] };
      measures?: string[];
      targets?: Record<string, number | { atLeast?: number; atMost?: number; label?: string }>;
    }
  >;
}
const list = <T>(v: T | T[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** A fixture charity: its configuration, exports and grants, read independently of src/. */
function fixture(configPath: string) {
  const file = parse(readFileSync(configPath, 'utf8')) as ConfigFile;
  const at = (p: string) => resolve(configPath, '..', p);
  const outcomes = at(file.input.outcomes);
  const referralsFile = file.input.referrals ? at(file.input.referrals) : undefined;
  // The measures in force: the catalogue, then the configured ones, thresholds applied.
  const definitions: Record<string, MeasureJson> = { ...CATALOGUE };
  for (const [id, c] of Object.entries(file.measures ?? {}))
    definitions[id] = {
      name: c.name,
      longName: c.longName ?? c.name,
      min: c.min,
      max: c.max,
      better: c.better,
      decimals: c.decimals ?? false,
      reliableChange:
        c.reliableChange ??
        1.959963984540054 * (c.reliability?.sd as number) * Math.sqrt(2 * (1 - (c.reliability?.r as number))),
      clinicalCutoff: c.clinicalCutoff ?? null,
    };
  for (const [id, t] of Object.entries(file.thresholds ?? {}))
    definitions[id] = { ...(definitions[id] as MeasureJson), ...t } as MeasureJson;
  const composites: ReferenceComposite[] = [
    { id: 'mentalHealth', measures: ['phq9', 'gad7'], bothPaired: true },
    ...Object.entries(file.composites ?? {}).map(([id, c]) => ({ id, measures: c.measures })),
  ];
  // Headers: input.columns maps the tool's name to the export's header.
  const header = (name: string) =>
    (file.input.columns?.[name] ?? name).trim().toLowerCase().replace(/\s+/g, '_');
  const data = rows(outcomes);
  const first = data[0] ?? {};
  const profile = Object.entries(file.profile ?? {}).map(([column, p]) => ({
    column,
    label: p.label,
    categories: p.categories,
  }));
  const hasEndReason = header('end_reason') in first;
  const profileValue = (p: (typeof profile)[number], cell: string | undefined): number | null => {
    const v = (cell ?? '').trim().toLowerCase();
    if (v === '') return null;
    if (p.categories) return p.categories.findIndex((c) => c.toLowerCase() === v);
    return ['yes', 'y', 'true', '1'].includes(v) ? 1 : 0;
  };
  const inExport = Object.keys(definitions).filter(
    (id) => header(`${id}_pre`) in first || header(`${id}_post`) in first,
  );
  const families = new Map<string, number>();
  const familyNumber = (id: string) => families.get(id) ?? families.set(id, families.size).size - 1;
  const episodes: Episode[] = data.map((r) => ({
    familyId: r[header('family_id')] as string,
    family: familyNumber(r[header('family_id')] as string),
    service: (r[header('service')] as string).toLowerCase() as Episode['service'],
    area: r[header('area')] as string,
    funding: (r[header('funding')] ?? '')
      .split(';')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
    referralDate: day(r[header('referral_date')] as string) as number,
    referralSource: r[header('referral_source')] || null,
    startDate: day(r[header('start_date')] ?? ''),
    endDate: day(r[header('end_date')] ?? ''),
    sessions: num(r[header('sessions')]),
    endReason: ((r[header('end_reason')] ?? '').toLowerCase() || null) as Episode['endReason'],
    profile: profile.map((p) => profileValue(p, r[header(p.column)])),
    scores: inExport.flatMap((id) => [num(r[header(`${id}_pre`)]), num(r[header(`${id}_post`)])]),
  }));
  const referrals: ReferralCount[] | null = referralsFile
    ? rows(referralsFile).map((r) => ({
        month: Number(`${(r.month as string).replace('-', '')}01`),
        area: r.area as string,
        source: r.source as string,
        count: Number(r.count),
      }))
    : null;
  const grants = Object.entries(file.grants).map(([id, g]) => {
    const listed = g.measures ?? inExport;
    const measures = listed.filter((x) => x in definitions);
    return {
      id,
      funder: g.funder,
      title: g.title,
      period: String(g.period),
      measures,
      composites: composites.filter((c) => c.measures.every((x) => measures.includes(x))),
      // statistics.md `targets`: a bare number is at least; { atMost } otherwise.
      targets: Object.entries(g.targets ?? {}).map(
        ([field, t]): ReferenceTarget =>
          typeof t === 'number'
            ? { field, label: null, direction: 'atLeast', target: t }
            : t.atMost !== undefined
              ? { field, label: t.label ?? null, direction: 'atMost', target: t.atMost }
              : { field, label: t.label ?? null, direction: 'atLeast', target: t.atLeast as number },
      ),
      match: g.match
        ? ({
            funding: list(g.match.funding),
            area: list(g.match.area),
            service: list(g.match.service),
          } as GrantMatch)
        : undefined,
    };
  });
  const financialYearStart = file.organisation?.financialYearStart ?? 4;
  return {
    configPath,
    outcomes,
    referralsFile,
    definitions,
    inExport,
    hasEndReason,
    profile,
    episodes,
    referrals,
    grants,
    financialYearStart,
  };
}
type Fixture = ReturnType<typeof fixture>;
type FixtureGrant = Fixture['grants'][number];

const main = fixture(join(ROOT, 'impact-report.yaml'));
const CONFIG = main.configPath;
const OUTCOMES = main.outcomes;
const REFERRALS = main.referralsFile as string;
const episodes = main.episodes;
const grants = main.grants;

// The periods by hand (data.md §3), financial year from April.
const PERIODS: Record<string, [string, string]> = {
  '2022': ['2022-01-01', '2022-12-31'],
  '2023': ['2023-01-01', '2023-12-31'],
  '2024': ['2024-01-01', '2024-12-31'],
  '2025': ['2025-01-01', '2025-12-31'],
  'FY2024-25': ['2024-04-01', '2025-03-31'],
  'FY2025-26': ['2025-04-01', '2026-03-31'],
  'FY2025-26-Q2': ['2025-07-01', '2025-09-30'],
  '2024-Q3': ['2024-07-01', '2024-09-30'],
  'FY2014-15': ['2014-04-01', '2015-03-31'],
  '2024-03-15..2024-11-30': ['2024-03-15', '2024-11-30'],
  '2023-01-01..2025-01-31': ['2023-01-01', '2025-01-31'],
};
const labelOf = (period: string) => period.replace('..', '_');

type Json = Record<string, unknown> & {
  activity: Record<string, unknown>;
  outcomes: Record<string, Record<string, unknown>>;
  byService: Record<string, { activity: Record<string, unknown>; outcomes: Record<string, unknown> }>;
  trend: { label: string; from: string; to: string; referrals: number | null }[];
  period: { label: string; from: string; to: string };
  provenance: { toolVersion: string; generatedAt: string; sha256: Record<string, string | null> };
  measures: Record<string, MeasureJson>;
};

function report(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = runCli(['report', ...args, '--format', 'json', '--out', out, '--quiet'], { env });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}
const read = (grant: string, label: string, dir = out): Json =>
  JSON.parse(readFileSync(join(dir, `${grant}_${label}.json`), 'utf8'));

const MEASURE_FIELDS = [
  'ended',
  'paired',
  'pctPaired',
  'improved',
  'unchanged',
  'deteriorated',
  'pctImproved',
  'pctImprovedCi95',
  'meanPre',
  'meanPost',
  'meanChange',
  'sdChange',
  'meanChangeCi95',
  'effectSize',
  'reliableImprovement',
  'reliableDeterioration',
  'pctReliableImprovement',
  'atCaseness',
  'recovered',
  'pctRecovered',
  'reliableRecovery',
  'pctReliableRecovery',
];

/** Shape and internal consistency of one model, then every value against the reference. */
function check(m: Json, grant: FixtureGrant, period: string, from: Fixture = main) {
  const [start, end] = PERIODS[period] as [string, string];
  expect(m.grant).toEqual({ id: grant.id, funder: grant.funder, title: grant.title });
  expect(m.period).toEqual({ label: labelOf(period), from: start, to: end });
  for (const o of [m.outcomes, ...Object.values(m.byService).map((s) => s.outcomes)] as Record<
    string,
    Record<string, number | null | number[]>
  >[]) {
    expect(Object.keys(o)).toEqual([...grant.measures, ...grant.composites.map((c) => c.id)]);
    for (const measure of grant.measures) {
      const x = o[measure] as { improved: number; unchanged: number; deteriorated: number; paired: number };
      expect(Object.keys(x).sort()).toEqual([...MEASURE_FIELDS].sort());
      expect(x.improved + x.unchanged + x.deteriorated).toBe(x.paired);
    }
  }
  expect(m.measures).toEqual(Object.fromEntries(grant.measures.map((id) => [id, from.definitions[id]])));
  const expected = referenceModel(
    {
      grant,
      measures: grant.measures.map(
        (id): ReferenceMeasure => ({ id, ...(from.definitions[id] as MeasureJson) }),
      ),
      composites: grant.composites,
      inExport: from.inExport,
      hasEndReason: from.hasEndReason,
      profile: from.profile,
      period: { label: labelOf(period), from: start, to: end },
      financialYearStart: from.financialYearStart,
      episodes: from.episodes,
      referrals: from.referrals,
    },
    grant.targets,
  );
  const { provenance: _p, measures: _m, ...rest } = m;
  const actual = { ...rest, trend: rest.trend.map(({ label: _l, ...t }) => t) };
  expect(difference(actual, expected)).toBeNull();
}

describe('--format json: the statistics model through the CLI', () => {
  it('every fixture grant, its default period: every field, every value', () => {
    report(['--all']);
    for (const grant of grants) {
      const m = read(grant.id, labelOf(grant.period));
      check(m, grant, grant.period);
      expect(Object.keys(m.outcomes).sort()).toEqual(['gad7', 'mentalHealth', 'phq9', 'pirgas']);
      expect(m.activity.referrals).toBeGreaterThan(0);
      expect(m.trend).toHaveLength(4);
      expect(Object.keys(m.byService).length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['programme', 'FY2014-15'],
    ['programme', '2024-Q3'],
    ['national-lottery-2025', 'FY2025-26-Q2'],
    ['powerhouse-2024', '2024-03-15..2024-11-30'],
    ['powerhouse-2023', '2023-01-01..2025-01-31'],
  ])('%s for %s', (id, period) => {
    report(['--grant', id, '--period', period]);
    const grant = grants.find((g) => g.id === id) as (typeof grants)[number];
    const m = read(id, labelOf(period));
    check(m, grant, period);
    if (period === '2024-Q3') expect(m.trend.map((t) => t.label)).toEqual(['2024-07', '2024-08', '2024-09']);
    if (period === 'FY2014-15')
      expect(m.trend.map((t) => t.label)).toEqual([
        'FY2014-15-Q1',
        'FY2014-15-Q2',
        'FY2014-15-Q3',
        'FY2014-15-Q4',
      ]);
    if (period.includes('..')) expect(m.trend[0]?.from).toBe(PERIODS[period]?.[0]);
  });

  it('provenance: SHA-256 of the configuration and both exports; generatedAt from SOURCE_DATE_EPOCH', () => {
    report(['--grant', 'powerhouse-2022'], { SOURCE_DATE_EPOCH: '1700000000' });
    const { provenance } = read('powerhouse-2022', '2022');
    expect(provenance).toEqual({
      toolVersion,
      generatedAt: '2023-11-14T22:13:20.000Z', // 1 700 000 000 s after 1970-01-01
      sha256: { configuration: sha256(CONFIG), outcomes: sha256(OUTCOMES), referrals: sha256(REFERRALS) },
    });
    for (const hash of Object.values(provenance.sha256)) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('configured thresholds, a single measure and no referrals file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-json-config-'));
    const config = join(dir, 'impact-report.yaml');
    writeFileSync(
      config,
      [
        'organisation: { name: Test }',
        `input: { outcomes: ${JSON.stringify(OUTCOMES)} }`,
        'thresholds:',
        '  phq9: { reliableChange: 3, clinicalCutoff: 12 }',
        '  gad7: { clinicalCutoff: 6 }',
        '  pirgas: { reliableChange: 5, clinicalCutoff: null }',
        'grants:',
        '  mental: { funder: F, title: T, period: FY2024-25, measures: [phq9, gad7] }',
        '  pirgas: { funder: F, title: T, period: FY2024-25, match: { area: [Didcot] }, measures: [pirgas] }',
        '  every: { funder: F, title: T, period: FY2024-25 }',
        '',
      ].join('\n'),
    );
    const result = runCli(
      ['report', '--config', config, '--all', '--format', 'json', '--out', dir, '--quiet'],
      { env: { SOURCE_DATE_EPOCH: '0' } },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const configured = fixture(config);
    const grant = (id: string) => configured.grants.find((g) => g.id === id) as FixtureGrant;
    const mental = read('mental', 'FY2024-25', dir);
    check(mental, grant('mental'), 'FY2024-25', configured);
    expect(Object.keys(mental.outcomes)).toEqual(['phq9', 'gad7', 'mentalHealth']);
    expect(mental.measures.phq9).toMatchObject({ reliableChange: 3, clinicalCutoff: 12 });
    expect(mental.activity.referrals).toBeNull();
    expect(mental.activity.referralsBySource).toEqual({});
    expect(mental.trend.every((t) => t.referrals === null)).toBe(true);
    expect(mental.provenance.sha256).toEqual({
      configuration: sha256(config),
      outcomes: sha256(OUTCOMES),
      referrals: null,
    });
    expect(mental.provenance.generatedAt).toBe('1970-01-01T00:00:00.000Z');
    // The overrides change the figures: the model with the catalogue's thresholds differs.
    const byDefault = fixture(CONFIG);
    const defaults = grant('mental');
    const withDefaults = referenceModel({
      grant: defaults,
      measures: defaults.measures.map((id) => ({ id, ...(byDefault.definitions[id] as MeasureJson) })),
      composites: defaults.composites,
      inExport: byDefault.inExport,
      period: mental.period,
      episodes,
      referrals: null,
    });
    expect(difference(mental.outcomes, withDefaults.outcomes)).not.toBeNull();

    const pirgas = read('pirgas', 'FY2024-25', dir);
    check(pirgas, grant('pirgas'), 'FY2024-25', configured);
    expect(Object.keys(pirgas.outcomes)).toEqual(['pirgas']);
    // No cut-off: no caseness or recovery, as null.
    expect(pirgas.outcomes.pirgas).toMatchObject({ atCaseness: null, recovered: null, pctRecovered: null });
    for (const s of Object.values(pirgas.byService)) expect(Object.keys(s.outcomes)).toEqual(['pirgas']);
    // No list: every measure the export has.
    expect(Object.keys(read('every', 'FY2024-25', dir).outcomes)).toEqual([
      'pirgas',
      'phq9',
      'gad7',
      'mentalHealth',
    ]);
  });
});

describe('--format json: a second charity, with measures of every kind (fixtures/perinatal)', () => {
  const perinatal = fixture(join(ROOT, 'fixtures/perinatal/impact-report.yaml'));
  const dir = mkdtempSync(join(tmpdir(), 'impact-json-perinatal-'));

  it('every grant, every field, every value: decimal scores, a configured measure and composite, no cut-offs', () => {
    const result = runCli([
      'report',
      '--config',
      perinatal.configPath,
      '--all',
      '--format',
      'json',
      '--out',
      dir,
      '--quiet',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(perinatal.inExport).toEqual(['gad7', 'epds', 'core10', 'wemwbs', 'gbo', 'kpcs']);
    for (const grant of perinatal.grants)
      check(read(grant.id, labelOf(grant.period), dir), grant, grant.period, perinatal);
    const county = read('county-2025', 'FY2025-26', dir);
    expect(Object.keys(county.outcomes)).toEqual(['epds', 'gad7', 'core10', 'kpcs', 'gbo', 'mood']);
    expect(county.outcomes.gbo).toMatchObject({ atCaseness: null, recovered: null });
    expect(county.outcomes.mood).toHaveProperty('allPaired');
    expect(county.outcomes.mood).not.toHaveProperty('bothPaired');
    // Jacobson–Truax: 1.959963984540054 · 5.2 · √(2 · 0.19)
    expect(county.measures.kpcs?.reliableChange).toBe(1.959963984540054 * 5.2 * Math.sqrt(2 * (1 - 0.81)));
    // GBO goal means are decimals, read as written.
    expect(Number.isInteger(county.outcomes.gbo?.meanPre)).toBe(false);
    // The programme lists no measures: every measure the export has, in catalogue order, then the composite.
    expect(Object.keys(read('riverside-programme', 'FY2025-26', dir).outcomes)).toEqual([
      ...perinatal.inExport,
      'mood',
    ]);
  });
});
