import { readlinkSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { ExitCode, ReportError } from '../errors.js';
import type { HtmlDocument } from '../html/render.js';
import { type BrowserChoice, findBrowser, noBrowser } from './browser.js';
import { fontConfigFile } from './fonts.js';
import type { PdfMetadata } from './metadata.js';

/** pdf-lib takes a fifth of a second to load: not before the browser has been asked to start. */
let sealing: Promise<typeof import('./metadata.js')> | undefined;
const sealer = () => {
  sealing ??= import('./metadata.js');
  return sealing;
};

/** Flags measured to work here (ENVIRONMENT.md); --no-sandbox because CI and set-up run as root. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--font-render-hinting=none',
];

const MARGIN = { top: '20mm', bottom: '16mm', left: '14mm', right: '14mm' };

/** One browser for the whole run: created in main, passed in, closed in finally. */
export class PdfRenderer {
  private constructor(
    private browser: Browser,
    private readonly choice: BrowserChoice,
    private readonly launchBrowser: () => Promise<Browser>,
  ) {}

  /** `signal`: when aborted, the browser is killed, even while it is still starting. */
  static async launch(env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Promise<PdfRenderer> {
    const choice = findBrowser(env, () => puppeteer.executablePath());
    const fontsConf = fontConfigFile();
    const launchBrowser = async () => {
      try {
        const browser = await puppeteer.launch({
          executablePath: choice.path,
          headless: true,
          // Over a pipe, the browser ends when this process does, even one killed outright.
          pipe: true,
          args: CHROMIUM_ARGS,
          env: { ...env, FONTCONFIG_FILE: fontsConf },
          handleSIGINT: false,
          handleSIGTERM: false,
          handleSIGHUP: false,
          signal,
        });
        // A browser that ends while a message is on its way resets the pipe: an ordinary
        // disconnection (the run notices it), never an unhandled error that crashes the process.
        for (const stream of browser.process()?.stdio ?? []) stream?.on('error', () => undefined);
        return browser;
      } catch (error) {
        if (signal?.aborted) throw error;
        throw noBrowser(
          [
            ...choice.tried,
            `${choice.path} (found, but it would not start: ${(error as Error).message.split('\n')[0]})`,
          ],
          'The browser would not start.',
        );
      }
    };
    const browser = launchBrowser();
    void sealer().catch(() => undefined);
    const renderer = new PdfRenderer(await browser, choice, launchBrowser);
    // A tab made ready now, while the caller is still reading its data, saves the first report its wait.
    renderer.idle.push(await renderer.acquire(60_000));
    return renderer;
  }

  get executablePath(): string {
    return this.choice.path;
  }

  get connected(): boolean {
    return this.browser.connected;
  }

  /** Starts a new browser after the old one died (a batch retries the affected report once). */
  async relaunch(): Promise<void> {
    this.idle.length = 0;
    await this.browser.close().catch(() => undefined);
    this.browser = await this.launchBrowser();
  }

  /** Tabs ready for the next report: a batch reuses them rather than opening one a report. */
  private readonly idle: Page[] = [];

  private async acquire(timeoutMs: number): Promise<Page> {
    const reused = this.idle.pop();
    if (reused && !reused.isClosed()) return reused;
    const page = await this.browser.newPage();
    page.setDefaultTimeout(timeoutMs);
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank') void request.continue();
      else void request.abort('blockedbyclient');
    });
    return page;
  }

  /** Prints one document, sealed: JavaScript off, every request but data: URLs refused. */
  async print(doc: HtmlDocument, meta: PdfMetadata, timeoutMs = 60_000): Promise<Uint8Array> {
    const page = await this.acquire(timeoutMs);
    let healthy = false;
    try {
      await page.setContent(doc.html, { waitUntil: 'load', timeout: timeoutMs });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: doc.headerTemplate,
        footerTemplate: doc.footerTemplate,
        margin: MARGIN,
        outline: true,
        tagged: true,
        timeout: timeoutMs,
      });
      healthy = true;
      return await (await sealer()).sealMetadata(pdf, meta, doc.headings);
    } catch (error) {
      if (error instanceof ReportError) throw error;
      throw new ReportError(
        `The PDF could not be rendered: ${(error as Error).message.split('\n')[0]}`,
        ExitCode.reportFailed,
      );
    } finally {
      // A tab that printed is kept for the next report; one that failed is closed.
      if (healthy) this.idle.push(page);
      else await page.close().catch(() => undefined);
    }
  }

  /**
   * Ends the browser at once: its process group (puppeteer starts it as a group of its own) is
   * killed, and puppeteer removes its temporary profile as it exits. Asking it to close instead
   * spends a fifth of a second shutting down a profile nobody keeps (docs/benchmarks.md). A
   * browser that is killed leaves behind the folder of its single-instance socket, in the
   * temporary folder: that is removed here.
   */
  async close(): Promise<void> {
    const child = this.browser.process();
    const pid = child?.pid;
    if (!child || pid === undefined || process.platform === 'win32') {
      await this.browser.close().catch(() => undefined);
      return;
    }
    const socketFolder = singletonFolder(child.spawnargs);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await this.browser.close().catch(() => undefined);
    if (socketFolder) await removeSingletonFolder(socketFolder);
  }
}

/**
 * The folder Chromium keeps its single-instance socket in (`SingletonSocket` in the profile
 * links to it), or undefined when the profile has no such link.
 */
function singletonFolder(args: readonly string[]): string | undefined {
  const profile = args.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
  if (!profile) return undefined;
  try {
    return dirname(readlinkSync(join(profile, 'SingletonSocket')));
  } catch {
    return undefined;
  }
}

/** Removes the socket folder, but only while it holds nothing but Chromium's `Singleton…` entries. */
async function removeSingletonFolder(folder: string): Promise<void> {
  try {
    const entries = await readdir(folder);
    if (entries.every((e) => e.startsWith('Singleton'))) await rm(folder, { recursive: true, force: true });
  } catch {
    // Gone already, or not ours to judge.
  }
}
