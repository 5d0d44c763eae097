import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfRenderer } from '../../src/pdf/renderer.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { bareDocument, bareMetadata } from '../helpers/print.js';

// The browser is killed at the end rather than asked to shut down (docs/benchmarks.md), and its
// profile is a folder of the run's own: nothing of it may outlive the run, however the run ends,
// neither a process, nor the profile, nor the folder of Chromium's single-instance socket (which
// a browser that shuts down itself removes, and a killed one leaves).
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const freshTmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'impact-close-'));
  made.push(dir);
  return dir;
};

/** Processes whose command line names `folder` (the browser's, through its profile folder). */
const processesIn = (folder: string): string[] => {
  try {
    return execFileSync('pgrep', ['-f', folder], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};

/**
 * The browser's processes still alive after `ms`: a process killed with SIGKILL may take a moment
 * to be gone from the process table, one that was never killed stays.
 */
async function survivorsIn(folder: string, ms = 3000): Promise<string[]> {
  const until = Date.now() + ms;
  let left = processesIn(folder);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    left = processesIn(folder);
  }
  return left;
}

/** What a run left in its temporary folder, but the fonts' configuration (src/pdf/fonts.ts), kept on purpose for the next run. */
const leftIn = (dir: string) => readdirSync(dir).filter((f) => !f.startsWith('impact-report-fonts-'));

/** Launches the renderer with puppeteer's and Chromium's temporary folder at `dir`. */
async function launchIn(dir: string, signal?: AbortSignal): Promise<PdfRenderer> {
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir; // os.tmpdir(), and the browser's own environment
  try {
    return await PdfRenderer.launch(process.env, signal);
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

describe('closing the renderer', () => {
  it('leaves no browser process and no folder behind, and may be called twice', async () => {
    const dir = freshTmp();
    const renderer = await launchIn(dir);
    expect(leftIn(dir).filter((f) => f.startsWith('impact-report-browser-'))).toHaveLength(1);
    expect(processesIn(dir).length).toBeGreaterThan(0);
    await Promise.all([renderer.close(), renderer.close()]);
    expect(renderer.connected).toBe(false);
    expect(await survivorsIn(dir)).toEqual([]);
    expect(leftIn(dir)).toEqual([]);
  }, 60_000);

  it('closed as soon as the PDF is handed over (the last report of a run), still gives the sealed PDF and leaves nothing', async () => {
    const dir = freshTmp();
    const renderer = await launchIn(dir);
    const order: string[] = [];
    const pdf = await renderer.print(
      bareDocument('<h1>Last report</h1><ul><li>one</li></ul>'),
      bareMetadata('Last'),
      {
        printed: () => {
          order.push('printed');
          void renderer.close().then(() => order.push('closed'));
        },
      },
    );
    order.push('sealed');
    // The seal needs no browser: it went on while the browser was being closed.
    expect(order[0]).toBe('printed');
    expect(order).toContain('sealed');
    const text = Buffer.from(pdf).toString('latin1');
    expect(text).toContain('pdfuaid:part>1<');
    expect(text).toContain('/LBody');
    await renderer.close();
    // Closed by the run, not died: a batch would not take it for a crash and retry.
    expect(renderer.died).toBe(false);
    expect(renderer.connected).toBe(false);
    expect(await survivorsIn(dir)).toEqual([]);
    expect(leftIn(dir)).toEqual([]);
  }, 60_000);

  it('prints the first report in the tab the browser opened as it started, opening no other', async () => {
    const dir = freshTmp();
    const renderer = await launchIn(dir);
    try {
      // launch() makes the first report's tab ready: the browser's own blank one.
      expect(await renderer.tabCount()).toBe(1);
      await renderer.print(bareDocument('<p>First</p>'), bareMetadata('First'));
      expect(await renderer.tabCount()).toBe(1);
    } finally {
      await renderer.close();
    }
  }, 60_000);

  it('a browser stopped while it is still starting leaves nothing behind either', async () => {
    const dir = freshTmp();
    const stop = new AbortController();
    const launching = launchIn(dir, stop.signal);
    // Once its profile is being written, the browser has started.
    for (let i = 0; i < 200 && processesIn(dir).length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(processesIn(dir).length).toBeGreaterThan(0);
    stop.abort();
    await expect(launching).rejects.toThrow();
    expect(await survivorsIn(dir)).toEqual([]);
    expect(leftIn(dir)).toEqual([]);
  }, 60_000);

  it('a report run ended by SIGTERM once its browser has started leaves nothing in the temporary folder', async () => {
    const dir = freshTmp();
    const out = freshTmp();
    const child = spawn(process.execPath, [CLI, '--grant', 'powerhouse-2024', '--out', out, '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: dir },
      stdio: 'ignore',
    });
    // Ended once the browser is up (its profile written), whatever the run is doing then.
    for (let i = 0; i < 500 && processesIn(dir).length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(status).toBe(130);
    expect(await survivorsIn(dir)).toEqual([]);
    expect(leftIn(dir)).toEqual([]);
  }, 60_000);
});
