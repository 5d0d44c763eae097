// The floor for the batch benchmark (issue 14): the least a user could write to print several of
// the tool's HTML files (its `--format html` output) with puppeteer in one browser: launch the
// same browser (bench/browser.mjs, with the one flag running as root needs), then for each file go
// to it and print A4, then close.
//   node bench/minimal-puppeteer-batch.mjs <folder of .html files> <folder for the PDFs>
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import { launchOptions } from './browser.mjs';

const [from, to] = process.argv.slice(2);
const browser = await puppeteer.launch(launchOptions);
const page = await browser.newPage();
for (const file of readdirSync(from).filter((name) => name.endsWith('.html'))) {
  await page.goto(pathToFileURL(resolve(from, file)).href);
  await page.pdf({ path: join(to, file.replace(/\.html$/, '.pdf')), format: 'A4' });
}
await browser.close();
