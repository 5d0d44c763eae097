// The browser the benchmarks' minimal puppeteer scripts launch: the one the tool itself finds
// (src/pdf/browser.ts, built into dist/browser.js by bench/common.sh: Chromium's headless shell where it is
// installed), or BROWSER=<path>; started in the same mode as the tool starts it.
import puppeteer from 'puppeteer';
import { findBrowser, isHeadlessShell } from '../dist/browser.js';

export const browserPath = findBrowser({ PUPPETEER_EXECUTABLE_PATH: process.env.BROWSER }, () =>
  puppeteer.executablePath(),
).path;
/** What puppeteer.launch is given: the browser, its mode, and the one flag running as root needs. */
export const launchOptions = {
  executablePath: browserPath,
  headless: isHeadlessShell(browserPath) ? 'shell' : true,
  args: ['--no-sandbox'],
};
