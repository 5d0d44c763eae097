import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PDFDict, type PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { CLI, type CliResult, pdfText, ROOT } from '../helpers/cli.js';

/**
 * Runs the built CLI without blocking this process, so a server started by the test can
 * see (or not see) the requests the browser makes meanwhile.
 */
export function runCliAsync(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  if (!existsSync(CLI))
    throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first).');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.cwd ?? ROOT,
        env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600', ...options.env },
        encoding: 'utf8',
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/** The PDF's text on one line: pdftotext's layout spaces and line breaks become single spaces. */
export const flatText = (path: string) => pdfText(path).replace(/\s+/g, ' ');

/**
 * The PDF's text in the order it was written (`pdftotext -raw`), on one line: each paragraph as
 * it reads, whole. A chart's labels are text in the PDF, and laid out beside a paragraph they
 * share its lines, so the layout reading (`flatText`) puts a tick label between the lines of a
 * sentence; written in order, they come after it.
 */
export const readingText = (path: string) =>
  execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

export const pageCount = (info: string) => Number(/Pages:\s+(\d+)/.exec(info)?.[1]);

/** Bitmaps in the PDF (poppler's pdfimages -list), one line each after the two header lines. */
export function pdfImages(path: string): string[] {
  return execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean);
}

/** Share of a page's pixels within `tolerance` of a colour, from a small rendering of it. */
export function colourShare(path: string, page: number, hex: string, tolerance = 40): number {
  const ppm = execFileSync('pdftoppm', ['-r', '20', '-f', String(page), '-l', String(page), path]);
  // Binary PPM (P6): "P6\n<w> <h>\n255\n" then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not give a binary PPM');
  const pixels = ppm.subarray(header[0].length);
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
  let near = 0;
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    const d =
      Math.abs((pixels[i] ?? 0) - r) +
      Math.abs((pixels[i + 1] ?? 0) - g) +
      Math.abs((pixels[i + 2] ?? 0) - b);
    if (d <= tolerance) near++;
  }
  return near / (pixels.length / 3);
}

/** The PDF outline's titles in order, indented two spaces a level. */
export function outlineTitles(doc: PDFDocument): string[] {
  const titles: string[] = [];
  const visit = (item: PDFDict | undefined, depth: number): void => {
    for (let entry = item; entry; entry = entry.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = entry.lookup(PDFName.of('Title'));
      const text = title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '?';
      titles.push(`${'  '.repeat(depth)}${text}`);
      visit(entry.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
    }
  };
  visit(
    doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict),
    0,
  );
  return titles;
}
