// Vitest's global set-up: every temporary file of the run (the tests' own, those of the CLI runs
// they start and of the browsers those start) goes into one folder made for the run, removed when
// the run ends. The suite makes thousands of them (a 35 MB export among them), and a suite run
// many times a day must not fill the machine's temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const folder = mkdtempSync(join(tmpdir(), 'impact-report-tests-'));
  // Read by os.tmpdir() in the test workers (started after this) and in every process they start.
  process.env.TMPDIR = folder;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
}
