import { readlinkSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { ExitCode, ReportError } from '../errors.js';
import type { HtmlDocument } from '../html/render.js';
import { type BrowserChoice, findBrowser, isHeadlessShell, noBrowser } from './browser.js';
import { fontConfigFile } from './fonts.js';
import type { PdfMetadata } from './metadata.js';

/** pdf-lib (a twentieth of a second to load): loaded while the first report prints. */
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

/**
 * The headless shell draws no frames of its own accord with this flag: it draws one only when
 * asked over the DevTools protocol, which the tool never does. Printing does not need frames,
 * so each report's window is no longer painted, rasterised and composited for a screen nobody
 * sees: a batch of five 0.08 s quicker, every PDF the same to the byte (docs/benchmarks.md).
 * Only the headless shell is given it: it is that program's switch.
 */
const HEADLESS_SHELL_ARGS = ['--enable-begin-frame-control'];

/** The flags the browser at `path` is started with. */
export const chromiumArgs = (path: string): string[] =>
  isHeadlessShell(path) ? [...CHROMIUM_ARGS, ...HEADLESS_SHELL_ARGS] : CHROMIUM_ARGS;

/** The page's side margins, in millimetres, and all four as puppeteer takes them. */
const SIDE_MM = 14;
const MARGIN = { top: '20mm', bottom: '16mm', left: `${SIDE_MM}mm`, right: `${SIDE_MM}mm` };

/**
 * The tab's window is laid out as the page will be printed: as wide as the A4 page within its
 * margins (210 - 2 × 14 mm = 182 mm, 688 CSS pixels) and with the print stylesheet. Printing
 * then finds the text already shaped for that width and style: Chromium lays a report out two
 * times fewer and spends a fifth less of its time on it (docs/benchmarks.md). What is printed
 * is the same; only the window nobody sees changes.
 */
const PRINT_WIDTH_PX = Math.round(((210 - 2 * SIDE_MM) / 25.4) * 96);

/** A started browser, and the profile folder made for it (removed when the browser ends). */
interface Started {
  browser: Browser;
  profile: string;
  /**
   * The blank tab the browser opens as it starts is still unused: the first report's. Taking it
   * saves opening another (a tenth of a second of a cold report) and that tab's renderer.
   */
  startTab: boolean;
}

/** One browser for the whole run: created in main, passed in, closed in finally. */
export class PdfRenderer {
  private constructor(
    private started: Started,
    private readonly choice: BrowserChoice,
    private readonly launchBrowser: () => Promise<Started>,
  ) {}

  /** The closing in progress: a second `close` (an interrupt, then the run's end) waits for the first. */
  private closing?: Promise<void>;

  /** `signal`: when aborted, the browser is killed, even while it is still starting. */
  static async launch(env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Promise<PdfRenderer> {
    const choice = findBrowser(env, () => puppeteer.executablePath());
    const fontsConf = fontConfigFile();
    const launchBrowser = async (): Promise<Started> => {
      // The profile is a folder of the run's own, not puppeteer's, so that the run removes it
      // however the browser ends, even one stopped while it was still starting.
      let profile: string | undefined;
      try {
        profile = await mkdtemp(join(tmpdir(), 'impact-report-browser-'));
        // Stopped while starting, the browser is killed at once (puppeteer listens to `signal`),
        // but the launch itself may then never settle.
        const browser = await unlessAborted(
          puppeteer.launch({
            executablePath: choice.path,
            headless: isHeadlessShell(choice.path) ? 'shell' : true,
            // Over a pipe, the browser ends when this process does, even one killed outright.
            pipe: true,
            args: chromiumArgs(choice.path),
            env: { ...env, FONTCONFIG_FILE: fontsConf },
            handleSIGINT: false,
            handleSIGTERM: false,
            handleSIGHUP: false,
            signal,
            userDataDir: profile,
          }),
          signal,
        );
        // A browser that ends while a message is on its way resets the pipe: an ordinary
        // disconnection (the run notices it), never an unhandled error that crashes the process.
        for (const stream of browser.process()?.stdio ?? []) stream?.on('error', () => undefined);
        return { browser, profile, startTab: true };
      } catch (error) {
        // puppeteer has killed a browser that failed or was stopped while starting.
        if (profile) await removeFolders(profile);
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
    const renderer = new PdfRenderer(await browser, choice, launchBrowser);
    // A tab made ready now, while the caller is still reading its data, saves the first report its wait.
    try {
      // A browser killed while its tab is made (the run stopped) may never answer.
      renderer.idle.push(await unlessAborted(renderer.acquire(60_000), signal));
    } catch (error) {
      await renderer.close();
      throw error;
    }
    return renderer;
  }

  get executablePath(): string {
    return this.choice.path;
  }

  get connected(): boolean {
    return this.started.browser.connected;
  }

  /** The browser ended without being closed (it crashed or was killed): not a browser this run closed. */
  get died(): boolean {
    return this.closing === undefined && !this.started.browser.connected;
  }

  /** Starts a new browser after the old one died (a batch retries the affected report once). */
  async relaunch(): Promise<void> {
    this.idle.length = 0;
    await end(this.started);
    this.closing = undefined;
    this.started = await this.launchBrowser();
  }

  /** Tabs ready for the next report: a batch reuses them rather than opening one a report. */
  private readonly idle: Page[] = [];

  private async acquire(timeoutMs: number): Promise<Page> {
    const reused = this.idle.pop();
    if (reused && !reused.isClosed()) return reused;
    const page = (await this.startTab()) ?? (await this.started.browser.newPage());
    page.setDefaultTimeout(timeoutMs);
    await page.setJavaScriptEnabled(false);
    await page.setViewport({ width: PRINT_WIDTH_PX, height: 1123 });
    await page.emulateMediaType('print');
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank') void request.continue();
      else void request.abort('blockedbyclient');
    });
    return page;
  }

  /** How many tabs the browser has open: one for each report printing at once, no more. */
  async tabCount(): Promise<number> {
    return (await this.started.browser.pages()).length;
  }

  /** The browser's own blank tab, the first time it is asked for (`Started.startTab`). */
  private async startTab(): Promise<Page | undefined> {
    if (!this.started.startTab) return undefined;
    this.started.startTab = false;
    const [page] = await this.started.browser.pages();
    return page && !page.isClosed() ? page : undefined;
  }

  /**
   * Prints one document, sealed: JavaScript off, every request but data: URLs refused.
   * `printed` is called as soon as the browser has handed the PDF over, before it is sealed:
   * after the run's last report, the browser can be closed while its PDF is sealed.
   */
  async print(
    doc: HtmlDocument,
    meta: PdfMetadata,
    { timeoutMs = 60_000, printed = () => undefined }: { timeoutMs?: number; printed?: () => void } = {},
  ): Promise<Uint8Array> {
    const page = await this.acquire(timeoutMs);
    // Read and compiled while the browser prints, when this thread has nothing else to do.
    const sealing = sealer();
    sealing.catch(() => undefined);
    let healthy = false;
    try {
      await page.setContent(doc.html, { waitUntil: 'load', timeout: timeoutMs });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        // The running header and footer are the document's own @page margin boxes: printing
        // them needs no document of their own a page (displayHeaderFooter): about 0.03
        // CPU-seconds less a report (docs/benchmarks.md).
        margin: MARGIN,
        outline: true,
        tagged: true,
        timeout: timeoutMs,
      });
      healthy = true;
      this.idle.push(page);
      printed();
      return await (await sealing).sealMetadata(pdf, meta, doc.headings);
    } catch (error) {
      if (error instanceof ReportError) throw error;
      throw new ReportError(
        `The PDF could not be rendered: ${(error as Error).message.split('\n')[0]}`,
        ExitCode.reportFailed,
      );
    } finally {
      // A tab that printed is kept for the next report (above); one that failed is closed.
      if (!healthy) await page.close().catch(() => undefined);
    }
  }

  /** Ends the browser and removes what it leaves behind (`end`); safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= end(this.started);
    return this.closing;
  }
}

/** `promise`, or a rejection as soon as `signal` is aborted. */
function unlessAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('The browser was stopped while it was starting.'));
    // Handled here whatever comes first: a later rejection is not left unhandled.
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Ends a browser at once: its process group (puppeteer starts it as a group of its own) is
 * killed. Asking it to close instead spends a fifth of a second shutting down a profile nobody
 * keeps (docs/benchmarks.md). Then its profile folder is removed, and the folder of its
 * single-instance socket, which a browser that is killed leaves in the temporary folder.
 */
async function end({ browser, profile }: Started): Promise<void> {
  const pid = browser.process()?.pid;
  if (pid !== undefined && process.platform !== 'win32') {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await browser.close().catch(() => undefined);
  await removeFolders(profile);
}

/** Removes a browser's profile folder and the folder of its single-instance socket, once it has ended. */
async function removeFolders(profile: string): Promise<void> {
  const socketFolder = singletonFolder(profile);
  if (socketFolder) await removeSingletonFolder(socketFolder);
  await removeFolder(profile);
}

/**
 * The folder Chromium keeps its single-instance socket in (`SingletonSocket` in the profile
 * links to it), or undefined when the profile has no such link.
 */
function singletonFolder(profile: string): string | undefined {
  try {
    return dirname(readlinkSync(join(profile, 'SingletonSocket')));
  } catch {
    return undefined;
  }
}

/** Removes a folder the browser wrote, retrying while its last files are still being closed. */
async function removeFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }).catch(() => undefined);
}

/** Removes the socket folder, but only while it holds nothing but Chromium's `Singleton…` entries. */
async function removeSingletonFolder(folder: string): Promise<void> {
  try {
    const entries = await readdir(folder);
    if (entries.every((e) => e.startsWith('Singleton'))) await removeFolder(folder);
  } catch {
    // Gone already, or not ours to judge.
  }
}
