import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, type CliResult, ROOT } from '../helpers/cli.js';

/** Runs the built CLI without blocking, so several cases can run at once. */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  if (!existsSync(CLI))
    throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first).');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600', IMPACT_REPORT_DEBUG: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Runs `jobs` with at most `limit` at a time (two cores are shared). */
export async function inBatches<T>(jobs: (() => Promise<T>)[], limit = 2): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await (jobs[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/**
 * The environment that has the CLI read every export in two parts at once however small it is
 * (src/ingest/parts.ts), and the one that never does: the corpora run `validate` both ways and
 * must get the same output, to the character.
 */
export const IN_PARTS = { IMPACT_REPORT_PARTS_FROM_BYTES: '1' };
export const WHOLE = { IMPACT_REPORT_PARTS_FROM_BYTES: 'never' };

/** A line of a stack trace, as Node prints it: a user must never see one. */
export const STACK_LINE = /^\s+at .+[(:]/m;

/** An output folder holding earlier reports, to prove a failed run leaves them as they were. */
export function outputWithEarlierReports(): { dir: string; snapshot: () => Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'impact-out-'));
  writeFileSync(join(dir, 'small-2024_2024.pdf'), '%PDF-1.7 an earlier report that must survive\n');
  writeFileSync(join(dir, 'small-2024_2024.json'), '{"earlier": true}\n');
  const snapshot = () =>
    Object.fromEntries(
      readdirSync(dir)
        .sort()
        .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
    );
  return { dir, snapshot };
}

export interface CaseExpectation {
  why: string;
  exit: number;
  /** Words the message must contain (file, line, column, value, what was expected). */
  stderr: string[];
  notInStderr?: string[];
  /** Arguments of `report`, in place of `--grant small-2024`. */
  args?: string[];
  /** `validate` on the same configuration: its exit (default: the same) and words. */
  validate?: { exit: number; stderr?: string[]; args?: string[] };
}

export function readCases(folder: string): { name: string; dir: string; expect: CaseExpectation }[] {
  const base = join(ROOT, 'fixtures', folder);
  return readdirSync(base)
    .sort()
    .map((name) => ({
      name,
      dir: join('fixtures', folder, name),
      expect: JSON.parse(readFileSync(join(base, name, 'expect.json'), 'utf8')) as CaseExpectation,
    }));
}
