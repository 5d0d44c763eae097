import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { flatText, readingText } from './pdf-support.js';

// The second fixture charity (fixtures/perinatal): its report reads well for measures that are not
// the reference service's own — every sentence, table and definition from the measure's definition.

const CONFIG = join(ROOT, 'fixtures/perinatal/impact-report.yaml');
const out = mkdtempSync(join(tmpdir(), 'impact-pdf-any-measure-'));
let county = '';
let countyReading = '';
let groupsReading = '';

beforeAll(() => {
  const result = runCli([
    '--config',
    CONFIG,
    '--grant',
    'county-2025',
    'wellbeing-groups-2025',
    '--out',
    out,
    '--quiet',
  ]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  county = flatText(join(out, 'county-2025_FY2025-26.pdf'));
  countyReading = readingText(join(out, 'county-2025_FY2025-26.pdf'));
  groupsReading = readingText(join(out, 'wellbeing-groups-2025_2025.pdf'));
}, 180_000);

describe('a perinatal service’s report, measure by measure', () => {
  it('says what improvement means on each measure, in its own words', () => {
    expect(countyReading).toContain('showed fewer symptoms of perinatal depression');
    expect(countyReading).toContain('showed fewer symptoms of anxiety');
    expect(countyReading).toContain('showed less psychological distress');
    expect(countyReading).toContain('felt more confident as a parent'); // the configured measure's own phrase
    expect(countyReading).toContain('moved closer to their goals');
    expect(countyReading).toContain('showed improvement as measured by the EPDS and/or GAD-7');
    for (const text of [countyReading, groupsReading])
      expect(text).not.toMatch(/relationship with their baby|PIRGAS/);
  });

  it('recovery on the composite says both measures are needed', () => {
    expect(county).toMatch(
      /parents with both EPDS and GAD-7 recorded who began in the clinical range on either, \d+% recovered/,
    );
  });

  it('a measure without a cut-off says so, instead of printing zeros', () => {
    expect(countyReading).toContain(
      'The GBO has no clinical cut-off, so this report gives no recovery figure for it.',
    );
    expect(groupsReading).toContain('The WEMWBS has no clinical cut-off');
    expect(groupsReading).toMatch(/GBO \(goals\) \d+ of \d+ .* no clinical cut-off/);
  });

  it('defines every measure in the method section: range, direction, thresholds and their source', () => {
    expect(county).toMatch(/EPDS 0–30 lower 4 13 or above/);
    expect(county).toMatch(/KPCS 0–45 higher 6\.28 39 or below/);
    expect(county).toMatch(/GBO 0–10, decimals higher 2\.45 no clinical cut-off/);
    expect(county).toContain('Matthey 2004');
    expect(county).toContain('Jacobson–Truax reliable change from sd 5.2 and reliability 0.81');
  });
});

describe('a grant that lists a measure the export has no column for', () => {
  const dir = mkdtempSync(join(tmpdir(), 'impact-missing-measure-'));
  const config = join(dir, 'impact-report.yaml');
  writeFileSync(
    config,
    [
      'organisation: { name: Test }',
      `input: { outcomes: ${JSON.stringify(join(ROOT, 'fixtures/outcomes.csv'))} }`,
      'grants:',
      '  g: { funder: F, title: T, period: 2024, measures: [pirgas, epds] }',
      '',
    ].join('\n'),
  );

  it('validate passes with a warning naming the headers it expected', () => {
    const result = runCli(['validate', '--config', config]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'Warning: The grant "g" reports the EPDS, but the outcomes export has no "epds_pre" or "epds_post" column',
    );
  });

  it('the report is made, says nothing was paired, and warns on stderr', () => {
    const result = runCli([
      '--config',
      config,
      '--grant',
      'g',
      '--format',
      'json',
      '--out',
      join(dir, 'out'),
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('no "epds_pre" or "epds_post" column');
    expect(readdirSync(join(dir, 'out'))).toEqual(['g_2024.json']);
  });
});
