// What Chromium alone takes to print each report of a batch, however the printing is arranged:
// the floor under the batch target (issue 14: <= 0.2 s per report beyond the first). One browser
// and one tab print the tool's `--format html` files in a folder three ways, round after round:
//   separate        each file in a print of its own (goto, page.pdf A4): bench/minimal-puppeteer-batch.mjs
//   one-print       every file's body in one document, printed once (what printing several reports
//                   at once and cutting the PDF apart could at best save)
//   one-print-tags  the same, tagged and with an outline, as PDF/UA needs (the tool prints so)
//   two-browsers-tags  two browsers at once, each a tagged print per report of its half
// For each: the wall time and the whole machine's busy CPU time (from /proc/stat) per report,
// counted from after the browser's launch and a first print that warms it up. On a machine of
// N cores the CPU time per report over N is the least wall time any arrangement could reach.
//   node bench/print-floor.mjs <folder of .html files> [rounds]   (prints JSON, and a line a way)
// The merged document keeps the first file's stylesheet (themes are not scoped to a report), so
// every report takes that look: the same words, tables and charts, as much to lay out and paint.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer';
import { launchOptions } from './browser.mjs';

const [from, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const files = readdirSync(from)
  .filter((name) => name.endsWith('.html'))
  .sort()
  .map((name) => readFileSync(join(from, name), 'utf8'));

/** Every file's body, each in a block of its own page(s) with its body's classes, in the first file's page. */
function merged(htmls) {
  const first = htmls[0];
  const bodies = htmls.map((html, i) => {
    const open = html.indexOf('<body');
    const end = html.indexOf('>', open);
    const classes = /class="([^"]*)"/.exec(html.slice(open, end))?.[1] ?? '';
    const inner = html.slice(end + 1, html.lastIndexOf('</body>'));
    return `<div class="${classes}"${i > 0 ? ' style="break-before: page"' : ''}>${inner}</div>`;
  });
  return `${first.slice(0, first.indexOf('<body'))}<body>${bodies.join('\n')}</body></html>`;
}

/** Seconds the machine's cores have been busy since boot. */
function busy() {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq) / 100;
}

const launched = busy();
const launchStarted = performance.now();
const browsers = await Promise.all([puppeteer.launch(launchOptions), puppeteer.launch(launchOptions)]);
const launch = { wall: (performance.now() - launchStarted) / 1000, cpu: busy() - launched };
const pages = await Promise.all(browsers.map((b) => b.newPage()));
const print = async (html, options, page = pages[0]) => {
  await page.setContent(html, { waitUntil: 'load' });
  await page.pdf({ format: 'A4', ...options });
};
const ways = {
  separate: async () => {
    for (const html of files) await print(html, {});
  },
  'one-print': () => print(merged(files), {}),
  'one-print-tags': () => print(merged(files), { tagged: true, outline: true }),
  // Two browsers (two processes, so two cores can print at once), each a print per report of its
  // half, tagged; their launch is not counted here (printed below: it is paid once a run).
  'two-browsers-tags': () =>
    Promise.all(
      pages.map(async (page, k) => {
        for (let i = k; i < files.length; i += 2)
          await print(files[i], { tagged: true, outline: true }, page);
      }),
    ),
};
await Promise.all(pages.map((page) => print(files[0], {}, page)));
const results = Object.fromEntries(Object.keys(ways).map((name) => [name, { wall: [], cpu: [] }]));
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(ways)) {
    const cpu = busy();
    const started = performance.now();
    await run();
    results[name].wall.push((performance.now() - started) / 1000 / files.length);
    results[name].cpu.push((busy() - cpu) / files.length);
  }
}
await Promise.all(browsers.map((b) => b.close()));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = Object.fromEntries(
  Object.entries(results).map(([name, { wall, cpu }]) => [name, { wall: median(wall), cpu: median(cpu) }]),
);
console.log(JSON.stringify({ ...summary, launch }));
for (const [name, { wall, cpu }] of Object.entries(summary))
  console.error(
    `${name}, ${files.length} reports: ${wall.toFixed(3)} s and ${cpu.toFixed(3)} CPU-seconds a report (median of ${rounds})`,
  );
console.error(
  `launching two browsers at once: ${launch.wall.toFixed(2)} s and ${launch.cpu.toFixed(2)} CPU-seconds (for two-browsers-tags, once a run)`,
);
