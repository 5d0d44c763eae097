// The floor for the cold-report benchmark (issue 14): the least a user could write in ten lines
// to print the tool's own HTML (the `--format html` output) with puppeteer: launch the same
// browser (bench/browser.mjs, with the one flag running as root needs), go to the file, print A4,
// close.
//   node bench/minimal-puppeteer.mjs out/powerhouse-2024_2024.html /tmp/minimal.pdf
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import { launchOptions } from './browser.mjs';

const [html, out] = process.argv.slice(2);
const browser = await puppeteer.launch(launchOptions);
const page = await browser.newPage();
await page.goto(pathToFileURL(resolve(html)).href);
await page.pdf({ path: out, format: 'A4' });
await browser.close();
