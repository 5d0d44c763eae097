import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfRenderer } from '../../src/pdf/renderer.js';

// Closing kills the browser's whole process group rather than asking it to shut down
// (docs/benchmarks.md): nothing of it may outlive the close, neither a process nor the
// temporary profile folder puppeteer made for it, nor the folder of Chromium's single-instance
// socket (which a browser that shuts down itself removes, and a killed one leaves).
const dir = mkdtempSync(join(tmpdir(), 'impact-close-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Processes whose command line names `dir` (the browser's, through its profile folder). */
const processesIn = (folder: string): string[] => {
  try {
    return execFileSync('pgrep', ['-f', folder], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};

describe('closing the renderer', () => {
  it('leaves no browser process and no profile folder behind', async () => {
    const before = process.env.TMPDIR;
    process.env.TMPDIR = dir; // puppeteer makes its profile folder in os.tmpdir()
    let renderer: PdfRenderer;
    try {
      renderer = await PdfRenderer.launch(process.env);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(readdirSync(dir).filter((f) => f.startsWith('puppeteer_dev_chrome_profile-'))).toHaveLength(1);
    expect(processesIn(dir).length).toBeGreaterThan(0);
    await renderer.close();
    expect(renderer.connected).toBe(false);
    expect(processesIn(dir)).toEqual([]);
    // The fonts' configuration (src/pdf/fonts.ts) is kept on purpose, for the next run.
    expect(readdirSync(dir).filter((f) => !f.startsWith('impact-report-fonts-'))).toEqual([]);
  }, 60_000);
});
