import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

// Jacobson–Truax reliable change and recovery on real trial data (fixtures/external), through
// measures configured as a charity would: reliability: { sd, r }, decimal half-point scores and
// non-integer cut-offs. The expected figures are worked out here from the textbook definitions.

const Z = 1.959963984540054;

function columns(file: string): Record<string, (number | null)[]> {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = (header as string).split(',');
  const result: Record<string, (number | null)[]> = {};
  for (const name of names) result[name] = [];
  for (const line of lines)
    for (const [i, cell] of line.split(',').entries())
      result[names[i] as string]?.push(cell === '' || Number.isNaN(Number(cell)) ? null : Number(cell));
  return result;
}
const sd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Case {
  id: string;
  file: string;
  min: number;
  max: number;
  better: 'higher' | 'lower';
  decimals: boolean;
  r: number;
  functional: { m: number; sd: number };
}

/** The classic JT analysis: R from the pre SD and r; cut-off c between the clinical and functional means. */
function expected(c: Case) {
  const data = columns(join(ROOT, 'fixtures/external', c.file));
  const pre = data[`${c.id}_pre`] as (number | null)[];
  const post = data[`${c.id}_post`] as (number | null)[];
  const pres = pre.filter((v): v is number => v !== null);
  const sdPre = sd(pres);
  const R = Z * sdPre * Math.sqrt(2 * (1 - c.r));
  const cutoff = (sdPre * c.functional.m + c.functional.sd * mean(pres)) / (sdPre + c.functional.sd);
  const d = c.better === 'higher' ? 1 : -1;
  const clinical = (x: number) => (c.better === 'higher' ? x <= cutoff : x >= cutoff);
  let paired = 0;
  let reliable = 0;
  let worse = 0;
  let caseness = 0;
  let recovered = 0;
  let reliableRecovery = 0;
  pre.forEach((a, i) => {
    const b = post[i];
    if (a === null || b === null || b === undefined) return;
    paired++;
    const change = d * (b - a);
    if (change >= R) reliable++;
    if (-change >= R) worse++;
    if (!clinical(a)) return;
    caseness++;
    if (clinical(b)) return;
    recovered++;
    if (change >= R) reliableRecovery++;
  });
  return {
    sdPre,
    cutoff,
    R,
    figures: {
      paired,
      reliableImprovement: reliable,
      reliableDeterioration: worse,
      atCaseness: caseness,
      recovered,
      reliableRecovery,
    },
  };
}

const CASES: Case[] = [
  {
    id: 'bdi',
    file: 'claus2020/raw.csv',
    min: 0,
    max: 63,
    better: 'lower',
    decimals: false,
    r: 0.801,
    functional: { m: 7.69, sd: 7.52 },
  },
  {
    id: 'hamd',
    file: 'claus2020/raw.csv',
    min: 0,
    max: 52,
    better: 'lower',
    decimals: false,
    r: 0.82,
    functional: { m: 3.2, sd: 3.6 },
  },
  {
    id: 'who5',
    file: 'claus2020/raw.csv',
    min: 0,
    max: 25,
    better: 'higher',
    decimals: false,
    r: 0.84,
    functional: { m: 17.5, sd: 4.2 },
  },
  {
    id: 'gds',
    file: 'jacobson1989/raw.csv',
    min: 0,
    max: 100,
    better: 'lower',
    decimals: true,
    r: 0.9,
    functional: { m: 50.5, sd: 8.4 },
  },
];

describe('Jacobson–Truax on real trial data, through configured measures', () => {
  it.each(CASES.map((c) => [c.id, c] as const))(
    '%s: reliable change and recovery as the textbook computes them',
    (_id, c) => {
      const { sdPre, cutoff, R, figures } = expected(c);
      const dir = mkdtempSync(join(tmpdir(), `impact-external-${c.id}-`));
      const config = join(dir, 'impact-report.yaml');
      writeFileSync(
        config,
        [
          'organisation: { name: Trial }',
          `input: { outcomes: ${JSON.stringify(join(ROOT, 'fixtures/external', c.file))} }`,
          'measures:',
          `  ${c.id}: { name: ${c.id.toUpperCase()}, min: ${c.min}, max: ${c.max}, better: ${c.better}, decimals: ${c.decimals}, reliability: { sd: ${sdPre}, r: ${c.r} }, clinicalCutoff: ${cutoff} }`,
          'grants:',
          `  trial: { funder: F, title: T, period: 1950-01-01..2030-12-31, measures: [${c.id}] }`,
          '',
        ].join('\n'),
      );
      const result = runCli([
        '--config',
        config,
        '--grant',
        'trial',
        '--format',
        'json',
        '--out',
        dir,
        '--quiet',
      ]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const model = JSON.parse(readFileSync(join(dir, 'trial_1950-01-01_2030-12-31.json'), 'utf8'));
      expect(model.measures[c.id].reliableChange).toBe(R);
      expect(model.measures[c.id].clinicalCutoff).toBe(cutoff);
      expect(model.outcomes[c.id]).toMatchObject(figures);
      expect(figures.paired).toBeGreaterThan(20);
    },
  );
});
