import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IN_PARTS, runCliAsync, WHOLE } from './corpus.js';

// A large export is read in two parts at once (src/ingest/parts.ts). Here the fixture export is
// read in parts however small it is (IMPACT_REPORT_PARTS_FROM_BYTES=1) and whole (never in
// parts), through the CLI: every grant's report must not differ by a character.

describe('an export read in two parts', () => {
  // The corpora (bad-input.test.ts, tolerated-input.test.ts) run validate both ways; here the
  // reports themselves.
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
