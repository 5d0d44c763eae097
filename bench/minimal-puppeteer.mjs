// The baseline for the cold-report benchmark: the least a script can do to print the same
// HTML (the `--format html` output) to the same kind of PDF with puppeteer: same browser, the
// flags running as root needs, A4 with a page-number footer, outline and tags.
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
const pdf = await page.pdf({
  format: 'A4',
  printBackground: true,
  displayHeaderFooter: true,
  headerTemplate: '<div></div>',
  footerTemplate:
    '<div style="font-size:8pt;margin:0 14mm">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
  margin: { top: '20mm', bottom: '16mm', left: '14mm', right: '14mm' },
  outline: true,
  tagged: true,
});
writeFileSync(out, pdf);
await browser.close();
