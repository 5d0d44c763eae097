// The browser the benchmarks' minimal puppeteer scripts launch: the one the tool itself would use
// here (Chromium's headless shell where installed, as src/pdf/browser.ts prefers it, else
// Chromium), or BROWSER=<path>. The shell is started in puppeteer's "shell" mode, as the tool does.
import { existsSync } from 'node:fs';

const SHELL = '/usr/lib/chromium/chromium-headless-shell';
export const browserPath = process.env.BROWSER ?? (existsSync(SHELL) ? SHELL : '/usr/bin/chromium');
/** What puppeteer.launch is given: the browser, its mode, and the one flag running as root needs. */
export const launchOptions = {
  executablePath: browserPath,
  headless: /headless[-_]shell[^/]*$/.test(browserPath) ? 'shell' : true,
  args: ['--no-sandbox'],
};
