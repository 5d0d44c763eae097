import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { alive, childrenOf, treeOf } from '../helpers/processes.js';

// issue 15: a scheduled job must never hang. Every run ends within its limits whatever the
// browser or the file system does, and Ctrl-C / SIGTERM always work. The hangs here are real:
// a "browser" that never starts, a browser frozen with SIGSTOP, a folder under /proc (where
// Node 20's recursive mkdir spins for ever), a configuration that is a named pipe.

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

interface Ended {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Seconds from the start to the end. */
  seconds: number;
  /** Seconds from the mark (`mark()`, or the first output matching `markOn`) to the end. */
  afterMark: number;
}

/**
 * Starts the built CLI; `done` resolves when it has ended (or is killed after 200 s). Time is
 * measured from a mark (a signal sent, a message printed) rather than from the start, so that
 * a machine slowed by other work does not make the checks fail: what they catch is a process
 * that waits for ever, or for puppeteer's 30 s launch timeout, after it has given up.
 */
function start(args: string[], env: NodeJS.ProcessEnv = {}, markOn?: RegExp) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true', SOURCE_DATE_EPOCH: '1735689600', ...env },
  });
  let stdout = '';
  let stderr = '';
  const began = performance.now();
  let marked: number | undefined;
  const mark = () => {
    marked ??= performance.now();
  };
  child.stdout?.on('data', (d) => {
    stdout += d;
    if (markOn?.test(stdout)) mark();
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
    if (markOn?.test(stderr)) mark();
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), 200_000);
  const done = new Promise<Ended>((resolve) =>
    child.on('close', (status, signal) => {
      clearTimeout(guard);
      const now = performance.now();
      resolve({
        status,
        signal,
        stdout,
        stderr,
        seconds: (now - began) / 1000,
        afterMark: marked === undefined ? Number.NaN : (now - marked) / 1000,
      });
    }),
  );
  return { child, done, output: () => stdout + stderr, mark };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(condition: () => boolean, what: string, ms = 30_000) {
  for (const end = Date.now() + ms; !condition(); await sleep(50))
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

/** Ended with 130: by exit(130), or by re-raising SIGINT (which shells report as 130). */
const interrupted = (r: Ended) => r.status === 130 || (r.status === null && r.signal === 'SIGINT');

/** A "browser" that never starts: puppeteer waits for a DevTools address that never comes. */
function silentBrowser(): string {
  const path = join(temp('impact-silent-browser-'), 'chrome');
  writeFileSync(path, '#!/bin/sh\nexec sleep 600\n');
  chmodSync(path, 0o755);
  return path;
}
const silentChildren = (cli: ChildProcess) =>
  childrenOf(cli.pid as number)
    .filter((p) => p.comm === 'sleep')
    .map((p) => p.pid);

/** A named pipe nobody writes to: reading it waits for ever, in one of Node's file-system threads. */
function namedPipe(): string {
  const path = join(temp('impact-pipe-'), 'pipe');
  execFileSync('mkfifo', [path]);
  return path;
}

describe('time limits', () => {
  it('--timeout also bounds reading the inputs: a read that never returns ends the run', async () => {
    const run = start(
      ['--grant', 'powerhouse-2024', '--format', 'json', '--out', temp('impact-t-'), '--timeout', '5'],
      { IMPACT_REPORT_TEST_STALL: namedPipe() },
      /took longer than/,
    );
    const result = await run.done;
    expect(result.stderr).toContain('Reading the configuration and the input files took longer than 5 s');
    // Node cannot exit while one of its file-system threads is stuck: the process ends itself.
    expect([result.status, result.signal]).toEqual([null, 'SIGTERM']);
    expect(result.seconds).toBeGreaterThan(5);
    expect(result.afterMark).toBeLessThan(8);
  }, 120_000);

  it('--timeout ends the process when the browser never starts: exit 1, the browser killed', async () => {
    const run = start(
      ['--grant', 'powerhouse-2024', '--out', temp('impact-t-'), '--timeout', '10'],
      { PUPPETEER_EXECUTABLE_PATH: silentBrowser() },
      /FAILED/,
    );
    const browser: number[] = [];
    await until(
      () => {
        browser.push(...silentChildren(run.child));
        return browser.length > 0;
      },
      'the browser to be started',
      60_000,
    );
    const result = await run.done;
    expect(result.status).toBe(1);
    // The report's limit, or (on a machine so slow that reading took 10 s) the reading's.
    expect(result.stderr).toMatch(/took longer than 10 s and was stopped/);
    expect(result.seconds).toBeGreaterThan(10);
    // Not puppeteer's 30 s launch timeout: the browser that never started is killed at once.
    expect(result.afterMark).toBeLessThan(8);
    await sleep(300);
    expect(browser.filter(alive)).toEqual([]);
  }, 120_000);

  it('--out under /proc (recursive mkdir never returns) still ends the run within its limit', async () => {
    const run = start(
      [
        '--grant',
        'powerhouse-2024',
        '--format',
        'json',
        '--out',
        '/proc/impact-report/out',
        '--timeout',
        '5',
      ],
      {},
      /took longer than/,
    );
    const result = await run.done;
    // Refused at once, or given up at its time limit: either way it ends, and not as a success.
    expect(result.status).not.toBe(0);
    expect(result.status === null ? result.signal : 'exited').toMatch(/exited|SIGTERM/);
    if (!Number.isNaN(result.afterMark)) expect(result.afterMark).toBeLessThan(8);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('a configuration that is a named pipe is refused at once rather than waited on', () => {
    const dir = temp('impact-fifo-');
    execFileSync('mkfifo', [join(dir, 'impact-report.yaml')]);
    for (const args of [['validate'], ['--grant', 'x', '--format', 'json']]) {
      const result = runCli(['--config', join(dir, 'impact-report.yaml'), ...args]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('is not a regular file');
    }
  });

  it('a logo that is a named pipe is refused at once instead of blocking the process', () => {
    const dir = temp('impact-fifo-logo-');
    cpSync(join(ROOT, 'fixtures', 'tolerated', 'clean'), dir, { recursive: true });
    execFileSync('mkfifo', [join(dir, 'pipe.svg')]);
    const config = join(dir, 'impact-report.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(/^organisation:\n/m, 'organisation:\n  logo: pipe.svg\n'),
    );
    const result = runCli(['--all', '--config', config, '--out', join(dir, 'out'), '--format', 'html']);
    // Logos are checked before any work (exit 2), without opening a pipe that would never answer.
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the logo is not a regular file (it is a device, a pipe or a socket)');
  });
});

describe('Ctrl-C and SIGTERM always work', () => {
  it('SIGTERM while the browser is still starting: exit 130 at once, the browser killed', async () => {
    const run = start(['--grant', 'powerhouse-2024', '--out', temp('impact-t-')], {
      PUPPETEER_EXECUTABLE_PATH: silentBrowser(),
    });
    const browser: number[] = [];
    await until(
      () => {
        browser.push(...silentChildren(run.child));
        return browser.length > 0;
      },
      'the browser to be started',
      60_000,
    );
    await sleep(500);
    run.mark();
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(interrupted(result)).toBe(true);
    expect(result.afterMark).toBeLessThan(8);
    await sleep(300);
    expect(browser.filter(alive)).toEqual([]);
  }, 120_000);

  it('a browser frozen mid-batch (SIGSTOP): SIGTERM ends the run at once and kills the browser', async () => {
    const out = temp('impact-frozen-');
    const run = start(['--all', '--period', 'FY2025-26-Q1', '--out', out, '--concurrency', '1']);
    await until(() => run.output().includes('wrote '), 'the first report', 150_000);
    const chrome = childrenOf(run.child.pid as number).find((p) => /chrom/i.test(p.comm));
    expect(chrome, 'no browser child of the CLI').toBeDefined();
    const tree = treeOf(chrome?.pid as number);
    for (const pid of tree) {
      try {
        process.kill(pid, 'SIGSTOP');
      } catch {
        // gone already (a helper process that ended): nothing to freeze
      }
    }
    // The next report is now waiting on a browser that cannot answer.
    await sleep(1000);
    run.mark();
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(interrupted(result)).toBe(true);
    expect(result.afterMark).toBeLessThan(8);
    expect(result.stderr).toContain('Stopped: interrupted');
    await sleep(300);
    expect(tree.filter(alive)).toEqual([]);
  }, 240_000);

  it('a run stuck in the file system: SIGTERM ends it with 130, and so do two signals', async () => {
    for (const second of [false, true]) {
      const run = start(['--grant', 'powerhouse-2024', '--format', 'json', '--out', temp('impact-t-')], {
        IMPACT_REPORT_TEST_STALL: namedPipe(),
      });
      await sleep(1500);
      run.mark();
      run.child.kill('SIGTERM');
      if (second) run.child.kill('SIGINT');
      const result = await run.done;
      expect(interrupted(result), `${second ? 'two signals' : 'one signal'}: ${JSON.stringify(result)}`).toBe(
        true,
      );
      expect(result.afterMark).toBeLessThan(8);
    }
  }, 120_000);
});
