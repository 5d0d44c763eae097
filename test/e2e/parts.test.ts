import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inBatches, readCases, runCliAsync } from './corpus.js';

// A large export is read in two parts at once (src/ingest/parts.ts). Here every export of the
// bad-input and tolerated-input corpora is read in parts however small it is
// (IMPACT_REPORT_PARTS_FROM_BYTES=1) and whole (never in parts), through the CLI: what the
// user sees, the problems and their lines included, must not differ by a character.
const IN_PARTS = { IMPACT_REPORT_PARTS_FROM_BYTES: '1' };
const WHOLE = { IMPACT_REPORT_PARTS_FROM_BYTES: 'never' };

describe('an export read in two parts', () => {
  const cases = [...readCases('bad'), ...readCases('tolerated')];

  it('gives validate the same output and exit as the export read whole, in every corpus case', async () => {
    const runs = await inBatches(
      cases.flatMap(({ dir, expect: e }) => {
        const args = ['validate', ...(e.validate?.args ?? ['--config', join(dir, 'impact-report.yaml')])];
        return [() => runCliAsync(args, IN_PARTS), () => runCliAsync(args, WHOLE)];
      }),
    );
    expect(cases.length).toBeGreaterThan(50);
    cases.forEach(({ name }, i) => {
      expect(runs[2 * i], name).toEqual(runs[2 * i + 1]);
    });
  }, 600_000);

  it('gives every fixture grant the same JSON report as the export read whole', async () => {
    const outputs = await Promise.all(
      [IN_PARTS, WHOLE].map(async (env) => {
        const out = mkdtempSync(join(tmpdir(), 'impact-parts-'));
        const run = await runCliAsync(['--all', '--format', 'json', '--out', out, '--quiet'], env);
        expect(run.status).toBe(0);
        return Object.fromEntries(
          readdirSync(out)
            .sort()
            .map((f) => [f, readFileSync(join(out, f), 'utf8').replace(/"generatedAt": "[^"]*"/, '')]),
        );
      }),
    );
    expect(Object.keys(outputs[0] ?? {}).length).toBeGreaterThan(3);
    expect(outputs[0]).toEqual(outputs[1]);
  }, 120_000);
});
