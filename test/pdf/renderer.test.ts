import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, isHeadlessShell } from '../../src/pdf/browser.js';
import { chromiumArgs, PdfRenderer } from '../../src/pdf/renderer.js';
import { bareMetadata } from '../helpers/print.js';
import { argvOf, childrenOf } from '../helpers/processes.js';

// report.md, Rendering rules: a logo is embedded as an image, never as markup that can
// reference anything. Chromium loads nothing from an SVG shown through <img> (it is a static
// picture: no scripts, no sub-resources), and the renderer's page refuses every request but
// data: URLs besides. Both are checked here against a server of ours and a local file whose
// contents must not appear in the PDF; a control shows the same SVG as markup would fetch.
const dir = mkdtempSync(join(tmpdir(), 'impact-renderer-'));
const SECRET = 'SECRET-7f3a-local-file-contents';
const secretFile = join(dir, 'secret.svg');
writeFileSync(
  secretFile,
  `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="0" y="30" font-size="30">${SECRET}</text></svg>`,
);

const hostileSvg = (
  base: string,
) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="300">
  <style>@import url(${base}/import.css); rect { fill: url(${base}/fill.svg#p) }</style>
  <image href="${base}/image.png" width="10" height="10"/>
  <image xlink:href="file://${secretFile}" y="40" width="400" height="40"/>
  <use href="${base}/use.svg#x"/>
  <feImage href="${base}/feimage.png"/>
  <script>fetch('${base}/script')</script>
  <foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="${base}/iframe"></iframe></foreignObject>
  <rect width="10" height="10"/>
</svg>`;

const page = (body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
const asImage = (svg: string) =>
  `<img alt="logo" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`;

describe('a logo SVG in the page', () => {
  let server: Server;
  let base = '';
  const seen: string[] = [];
  let browser: Browser;

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.url ?? '');
      response.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await puppeteer.launch({
      executablePath: findBrowser(process.env, () => puppeteer.executablePath()).path,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Opens `html` as a file in an unguarded tab (JavaScript on, no interception) and waits a moment. */
  async function openUnguarded(html: string): Promise<void> {
    const file = join(dir, `page-${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(file, html);
    const tab = await browser.newPage();
    await tab.goto(`file://${file}`, { waitUntil: 'networkidle0', timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 300));
    await tab.close();
  }

  it('control: the same SVG as markup in an unguarded page does fetch (so the server would see it)', async () => {
    seen.length = 0;
    await openUnguarded(page(hostileSvg(base)));
    expect(seen.length).toBeGreaterThan(0);
  }, 30_000);

  it('through <img>, even in an unguarded page with JavaScript on, fetches nothing', async () => {
    seen.length = 0;
    await openUnguarded(page(asImage(hostileSvg(base))));
    expect(seen).toEqual([]);
  }, 30_000);

  it('printed by the renderer: no request reaches the server and no local file reaches the PDF', async () => {
    seen.length = 0;
    const renderer = await PdfRenderer.launch(process.env);
    try {
      const pdf = await renderer.print(
        {
          // The sealed page refuses even the markup form; the <img> form is the one reports use.
          html: page(`${asImage(hostileSvg(base))}<p>Report text</p>${hostileSvg(base)}`),
        },
        bareMetadata(),
      );
      const file = join(dir, 'sealed.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Report text');
      expect(text).not.toContain(SECRET);
      expect(Buffer.from(pdf).toString('latin1')).not.toContain(SECRET);
    } finally {
      await renderer.close();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);
  }, 60_000);
});

describe("the browser's flags", () => {
  const FRAMES = '--enable-begin-frame-control';

  it("the headless shell draws no frames unasked; a whole Chromium is not given that program's switch", () => {
    expect(chromiumArgs('/usr/lib/chromium/chromium-headless-shell')).toContain(FRAMES);
    expect(chromiumArgs('/usr/bin/chromium')).not.toContain(FRAMES);
    for (const path of ['/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell'])
      expect(chromiumArgs(path)).toContain('--no-sandbox');
  });

  it('the browser a run starts is given them, and still prints', async () => {
    const renderer = await PdfRenderer.launch(process.env);
    try {
      // The browser's own process: this process started it (its renderers are the browser's children).
      const started = childrenOf(process.pid)
        .map((child) => argvOf(child.pid))
        .filter((argv) => argv[0] === renderer.executablePath);
      expect(started.length).toBeGreaterThan(0);
      for (const argv of started)
        expect(argv.includes(FRAMES)).toBe(isHeadlessShell(renderer.executablePath));
      const pdf = await renderer.print({ html: page('<p>Printed</p>') }, bareMetadata());
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    } finally {
      await renderer.close();
    }
  }, 60_000);
});
