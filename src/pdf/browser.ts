import { existsSync } from 'node:fs';
import { ExitCode, ReportError } from '../errors.js';

/**
 * Where a system Chrome or Chromium usually lives (report.md: tried after puppeteer's own).
 * Chromium's headless shell first: the same engine without a browser's windows and services,
 * it prints a report in two thirds of the time (docs/benchmarks.md). Debian's program itself,
 * before the script that runs it: the script stays between the tool and the browser (it does
 * not hand over its process), so a signal to it would not reach the browser.
 */
const SYSTEM_BROWSERS = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export const INSTALL_HINT = [
  'To make PDFs impact-report needs Chrome or Chromium. Any one of these will do:',
  '  - on Debian: sudo apt-get install -y chromium-headless-shell (or chromium)',
  '  - on Ubuntu: sudo apt-get install -y chromium',
  '  - or let puppeteer download its own: npx puppeteer browsers install chrome',
  '  - or point PUPPETEER_EXECUTABLE_PATH at an installed Chrome or Chromium.',
  'JSON and HTML output need no browser: --format json,html.',
].join('\n');

/**
 * Whether `path` is Chromium's headless shell (Debian's chromium-headless-shell, or the
 * chrome-headless-shell puppeteer can download): puppeteer starts it in its "shell" mode.
 */
export const isHeadlessShell = (path: string): boolean => /headless[-_]shell[^/\\]*$/i.test(path);

export interface BrowserChoice {
  path: string;
  tried: string[];
}

/**
 * report.md's order: PUPPETEER_EXECUTABLE_PATH, puppeteer's own downloaded browser, then a
 * system Chrome or Chromium. A path set in the environment is honoured or fails: never skipped.
 */
export function findBrowser(env: NodeJS.ProcessEnv, puppeteerOwn: () => string | undefined): BrowserChoice {
  const tried: string[] = [];
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, tried };
    tried.push(`PUPPETEER_EXECUTABLE_PATH=${fromEnv} (no such file)`);
    throw noBrowser(tried);
  }
  let own: string | undefined;
  try {
    own = puppeteerOwn();
  } catch {
    own = undefined;
  }
  if (own && existsSync(own)) return { path: own, tried };
  tried.push(own ? `puppeteer's own browser at ${own} (not downloaded)` : "puppeteer's own browser (none)");
  for (const path of SYSTEM_BROWSERS) {
    if (existsSync(path)) return { path, tried };
    tried.push(path);
  }
  throw noBrowser(tried);
}

export function noBrowser(tried: string[], why = 'No usable Chrome or Chromium was found.'): ReportError {
  return new ReportError(
    `${why}\nTried, in order:\n${tried.map((t) => `  - ${t}`).join('\n')}`,
    ExitCode.noBrowser,
    INSTALL_HINT,
  );
}
