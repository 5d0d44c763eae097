import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Episode, GrantMatch, Measure, ReferralCount, Thresholds } from '../../src/domain.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { difference, referenceModel } from '../stats/reference.js';

// `--format json` through the built CLI for every fixture grant, checked field by field against the
// naive implementation of statistics.md in test/stats/reference.ts, run on the CSV files read here.

const CONFIG = join(ROOT, 'impact-report.yaml');
const OUTCOMES = join(ROOT, 'fixtures/outcomes.csv');
const REFERRALS = join(ROOT, 'fixtures/referrals.csv');
const out = mkdtempSync(join(tmpdir(), 'impact-json-model-'));

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const toolVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

/** The fixture CSVs, read with a plain split: they hold no quotes or embedded commas. */
function rows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const names = (header as string).split(',').map((h) => h.trim());
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? '').trim()]));
  });
}
const day = (iso: string) => (iso === '' ? null : Number(iso.replaceAll('-', '')));
const num = (text: string | undefined) => (text === undefined || text === '' ? null : Number(text));

function readEpisodes(file: string): Episode[] {
  return rows(file).map((r) => ({
    episodeId: r.episode_id as string,
    familyId: r.family_id as string,
    service: (r.service as string).toLowerCase() as Episode['service'],
    area: r.area as string,
    funding: (r.funding ?? '')
      .split(';')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
    referralDate: day(r.referral_date as string) as number,
    referralSource: r.referral_source || null,
    startDate: day(r.start_date ?? ''),
    endDate: day(r.end_date ?? ''),
    sessions: num(r.sessions),
    pirgasPre: num(r.pirgas_pre),
    pirgasPost: num(r.pirgas_post),
    phq9Pre: num(r.phq9_pre),
    phq9Post: num(r.phq9_post),
    gad7Pre: num(r.gad7_pre),
    gad7Post: num(r.gad7_post),
  }));
}
function readReferrals(file: string): ReferralCount[] {
  return rows(file).map((r) => ({
    month: Number(`${(r.month as string).replace('-', '')}01`),
    area: r.area as string,
    source: r.source as string,
    count: Number(r.count),
  }));
}

const episodes = readEpisodes(OUTCOMES);
const referrals = readReferrals(REFERRALS);

interface GrantFile {
  funder: string;
  title: string;
  period: string | number;
  match?: { funding?: string | string[]; area?: string | string[]; service?: string | string[] };
  measures?: Measure[];
}
const list = <T>(v: T | T[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
const configFile = parse(readFileSync(CONFIG, 'utf8')) as { grants: Record<string, GrantFile> };
const grants = Object.entries(configFile.grants).map(([id, g]) => ({
  id,
  funder: g.funder,
  title: g.title,
  period: String(g.period),
  measures: g.measures ?? (['pirgas', 'phq9', 'gad7'] as Measure[]),
  match: g.match
    ? ({
        funding: list(g.match.funding),
        area: list(g.match.area),
        service: list(g.match.service),
      } as GrantMatch)
    : undefined,
}));

const DEFAULTS: Thresholds = {
  pirgas: { reliableChange: 10, clinicalCutoff: 40 },
  phq9: { reliableChange: 6, clinicalCutoff: 10 },
  gad7: { reliableChange: 4, clinicalCutoff: 8 },
};

// The periods by hand (data.md §3), financial year from April.
const PERIODS: Record<string, [string, string]> = {
  '2022': ['2022-01-01', '2022-12-31'],
  '2023': ['2023-01-01', '2023-12-31'],
  '2024': ['2024-01-01', '2024-12-31'],
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
  thresholds: Thresholds;
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
function check(
  m: Json,
  grant: (typeof grants)[number],
  period: string,
  opts: { thresholds?: Thresholds; referrals?: ReferralCount[] | null } = {},
) {
  const [from, to] = PERIODS[period] as [string, string];
  expect(m.grant).toEqual({ id: grant.id, funder: grant.funder, title: grant.title });
  expect(m.period).toEqual({ label: labelOf(period), from, to });
  for (const o of [m.outcomes, ...Object.values(m.byService).map((s) => s.outcomes)] as Record<
    string,
    Record<string, number | null | number[]>
  >[]) {
    for (const measure of grant.measures) {
      const x = o[measure] as { improved: number; unchanged: number; deteriorated: number; paired: number };
      expect(Object.keys(x).sort()).toEqual([...MEASURE_FIELDS].sort());
      expect(x.improved + x.unchanged + x.deteriorated).toBe(x.paired);
    }
  }
  const expected = referenceModel({
    grant,
    period: { label: labelOf(period), from, to },
    episodes,
    referrals: opts.referrals === undefined ? referrals : opts.referrals,
    thresholds: opts.thresholds ?? DEFAULTS,
  });
  const { provenance: _p, thresholds, ...rest } = m;
  expect(thresholds).toEqual(opts.thresholds ?? DEFAULTS);
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
        '  pirgas: { reliableChange: 5 }',
        'grants:',
        '  mental: { funder: F, title: T, period: FY2024-25, measures: [phq9, gad7] }',
        '  pirgas: { funder: F, title: T, period: FY2024-25, match: { area: [Didcot] }, measures: [pirgas] }',
        '',
      ].join('\n'),
    );
    const result = runCli(
      ['report', '--config', config, '--all', '--format', 'json', '--out', dir, '--quiet'],
      {
        env: { SOURCE_DATE_EPOCH: '0' },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const thresholds: Thresholds = {
      pirgas: { reliableChange: 5, clinicalCutoff: 40 },
      phq9: { reliableChange: 3, clinicalCutoff: 12 },
      gad7: { reliableChange: 4, clinicalCutoff: 6 },
    };
    const mental = read('mental', 'FY2024-25', dir);
    check(
      mental,
      {
        id: 'mental',
        funder: 'F',
        title: 'T',
        period: 'FY2024-25',
        measures: ['phq9', 'gad7'],
        match: undefined,
      },
      'FY2024-25',
      {
        thresholds,
        referrals: null,
      },
    );
    expect(Object.keys(mental.outcomes).sort()).toEqual(['gad7', 'mentalHealth', 'phq9']);
    expect(mental.activity.referrals).toBeNull();
    expect(mental.activity.referralsBySource).toEqual({});
    expect(mental.trend.every((t) => t.referrals === null)).toBe(true);
    expect(mental.provenance.sha256).toEqual({
      configuration: sha256(config),
      outcomes: sha256(OUTCOMES),
      referrals: null,
    });
    expect(mental.provenance.generatedAt).toBe('1970-01-01T00:00:00.000Z');
    // The overrides change the figures: the model with defaults differs.
    const byDefault = referenceModel({
      grant: { id: 'mental', funder: 'F', title: 'T', measures: ['phq9', 'gad7'] },
      period: mental.period,
      episodes,
      referrals: null,
      thresholds: DEFAULTS,
    });
    expect(difference(mental.outcomes, byDefault.outcomes)).not.toBeNull();

    const pirgas = read('pirgas', 'FY2024-25', dir);
    check(
      pirgas,
      {
        id: 'pirgas',
        funder: 'F',
        title: 'T',
        period: 'FY2024-25',
        measures: ['pirgas'],
        match: { area: ['Didcot'] },
      },
      'FY2024-25',
      {
        thresholds,
        referrals: null,
      },
    );
    expect(Object.keys(pirgas.outcomes)).toEqual(['pirgas']);
    for (const s of Object.values(pirgas.byService)) expect(Object.keys(s.outcomes)).toEqual(['pirgas']);
  });
});
