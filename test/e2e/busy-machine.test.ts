import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from './corpus.js';

// A run that stops early (a bad configuration) while the report stages are still loading in the
// background must still end with its own exit status. On a busy machine their module files
// were still being read when the run ended, and the process ended itself as if the file system
// had stopped answering (SIGTERM, "a file-system call never returned"): a third of such runs, 16
// at a time on two cores.
describe('a busy machine', () => {
  it('a bad configuration exits 2, with its message, however many runs share the cores', async () => {
    const config = join('fixtures', 'bad', 'config-unknown-key', 'impact-report.yaml');
    const runs = await Promise.all(
      Array.from({ length: 16 }, () =>
        runCliAsync([
          'report',
          '--grant',
          'small-2024',
          '--config',
          config,
          '--out',
          mkdtempSync(join(tmpdir(), 'impact-busy-')),
          '--format',
          'pdf,html,json',
        ]),
      ),
    );
    for (const run of runs) {
      expect(run.stderr).not.toContain('file-system call never returned');
      expect(run.stderr).toContain('organisation.colors');
      expect(run.status).toBe(2);
    }
  }, 120_000);
});
