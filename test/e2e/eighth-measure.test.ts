import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { readingText } from './pdf-support.js';

// Issue: adding an eighth built-in measure must touch one folder (src/measures/<id>.ts and the
// catalogue) and the generated JSON Schema. Proof: a copy of the project gains a made-up measure
// that way and nothing else, is built, and the measure reaches schema, ingest, statistics, report
// and PDF.

const copy = mkdtempSync(join(tmpdir(), 'impact-eighth-measure-'));
const MEASURE = `import type { MeasureDefinition } from './definition.js';

export const bondx: MeasureDefinition = {
  id: 'bondx',
  name: 'BOND-X',
  longName: 'Bonding Index X (a measure made up for this test)',
  min: 10,
  max: 50,
  better: 'higher',
  decimals: false,
  reliableChange: 5,
  clinicalCutoff: 22,
  improved: 'felt a closer bond with their baby',
  topic: 'bonding',
  source: 'Nobody et al. 2099, The Journal of Made-up Measures',
  licence: 'Made up for a test.',
  builtIn: true,
};
`;

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  execFileSync(command, args, {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600', ...env },
    timeout: 240_000,
  });

beforeAll(() => {
  for (const item of ['src', 'templates', 'scripts', 'schema', 'package.json', 'tsconfig.json'])
    cpSync(join(ROOT, item), join(copy, item), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  // The one folder: a file for the measure, and its entry in the catalogue.
  writeFileSync(join(copy, 'src/measures/bondx.ts'), MEASURE);
  const catalogue = join(copy, 'src/measures/catalogue.ts');
  const text = readFileSync(catalogue, 'utf8');
  const added = `import { bondx } from './bondx.js';\n${text.replace(
    /BUILT_IN_MEASURES: readonly MeasureDefinition\[\] = \[([^\]]*?),?\s*\]/,
    'BUILT_IN_MEASURES: readonly MeasureDefinition[] = [$1, bondx]',
  )}`;
  expect(added).toContain(', bondx]');
  writeFileSync(catalogue, added);
  // The type check, then the build (npm run typecheck, npm run build).
  run(process.execPath, [join(copy, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
  run(process.execPath, ['scripts/build.mjs']);
  run(process.execPath, [join(copy, 'node_modules/tsx/dist/cli.mjs'), 'scripts/write-config-schema.ts']);

  const data = join(copy, 'charity');
  writeFileSync(
    join(copy, 'charity.yaml'),
    [
      'organisation: { name: Bonding Trust, charityNumber: "1000001" }',
      'input: { outcomes: charity/outcomes.csv }',
      'grants:',
      '  bonding-2025: { funder: The Bond Fund, title: Closer together, period: 2025 }',
      '',
    ].join('\n'),
  );
  const rows = [
    'episode_id,family_id,service,area,referral_date,start_date,end_date,sessions,bondx_pre,bondx_post',
  ];
  for (let i = 0; i < 24; i++)
    rows.push(
      `EP-${i},FAM-${i},individual,Leeds,2025-01-06,2025-01-20,2025-06-30,8,${15 + (i % 10)},${20 + ((i * 7) % 25)}`,
    );
  execFileSync('mkdir', ['-p', data]);
  writeFileSync(join(data, 'outcomes.csv'), `${rows.join('\n')}\n`);
}, 300_000);

describe('an eighth built-in measure, added in src/measures alone', () => {
  it('appears in the generated JSON Schema: its thresholds and its columns', () => {
    const schema = readFileSync(join(copy, 'schema/impact-report.schema.json'), 'utf8');
    const original = readFileSync(join(ROOT, 'schema/impact-report.schema.json'), 'utf8');
    expect(original).not.toContain('bondx');
    expect(schema).toContain('"bondx_pre"');
    expect(schema).toContain('"BOND-X (10-50, higher is better)."');
  });

  it('is read from the export, computed, and reported in JSON and in the PDF', () => {
    const out = join(copy, 'out');
    run(process.execPath, [
      'dist/cli.js',
      '--config',
      'charity.yaml',
      '--grant',
      'bonding-2025',
      '--format',
      'json,pdf',
      '--out',
      out,
      '--quiet',
    ]);
    expect(readdirSync(out).sort()).toEqual(['bonding-2025_2025.json', 'bonding-2025_2025.pdf']);
    const model = JSON.parse(readFileSync(join(out, 'bonding-2025_2025.json'), 'utf8'));
    expect(Object.keys(model.outcomes)).toEqual(['bondx']);
    expect(model.measures.bondx).toEqual({
      name: 'BOND-X',
      longName: 'Bonding Index X (a measure made up for this test)',
      min: 10,
      max: 50,
      better: 'higher',
      decimals: false,
      reliableChange: 5,
      clinicalCutoff: 22,
    });
    expect(model.outcomes.bondx).toMatchObject({ ended: 24, paired: 24 });
    const text = readingText(join(out, 'bonding-2025_2025.pdf'));
    expect(text).toContain('Before-and-after BOND-X scores were recorded for all 24 parents');
    expect(text).toContain('felt a closer bond with their baby');
    expect(text).toContain('a BOND-X score of 22 or below');
    expect(text).toContain('Nobody et al. 2099');
  });
});
