// The baseline for the cold-report benchmark: the least a script can do to print the same
// HTML to PDF with puppeteer (same browser, same flags as root needs, same page format).
//   node bench/minimal-puppeteer.mjs out/powerhouse-2024_2024.html /tmp/minimal.pdf
import { readFileSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer';

const [html, out] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--disable-background-networking',
  ],
});
const page = await browser.newPage();
await page.setContent(readFileSync(html, 'utf8'), { waitUntil: 'load' });
writeFileSync(out, await page.pdf({ format: 'A4', printBackground: true }));
await browser.close();
