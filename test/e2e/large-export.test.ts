import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

// Ingest streams (the point 7): an export larger than the whole JavaScript heap the
// process is allowed is still read to the end. Every row repeats one episode_id, so the
// episodes kept stay few and the memory measured is the reading itself.
const HEAP_MB = 32;

describe('a large export', () => {
  it(`is read row by row in a ${HEAP_MB} MB heap`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-large-'));
    writeFileSync(
      join(dir, 'impact-report.yaml'),
      'organisation: { name: Example }\ninput: { outcomes: outcomes.csv, ignoreColumns: [notes] }\ngrants:\n  g: { funder: F, title: T, period: 2024 }\n',
    );
    const out = createWriteStream(join(dir, 'outcomes.csv'));
    out.write(
      'episode_id,family_id,service,area,funding,referral_date,referral_source,start_date,end_date,sessions,pirgas_pre,pirgas_post,phq9_pre,phq9_post,gad7_pre,gad7_post,notes\n',
    );
    const row = `EP-0001,FAM-0001,individual,Didcot,powerhouse,2024-01-10,health_visitor,2024-02-01,2024-07-15,12,35,52,14,8,11,6,${'n'.repeat(100)}\n`;
    const rows = 170_000;
    for (let i = 0; i < rows; i++) if (!out.write(row)) await once(out, 'drain');
    out.end();
    await once(out, 'close');
    expect(statSync(join(dir, 'outcomes.csv')).size).toBeGreaterThan(HEAP_MB * 1024 * 1024);

    const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'validate'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stderr).toContain(`outcomes.csv has ${(rows - 1).toLocaleString('en-GB')} problems`);
    expect(result.stderr).toContain('already used on line 2');
    expect(result.status).toBe(3);
  }, 150_000);
});
