import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfFonts, pdfInfo, runCli } from '../helpers/cli.js';
import { colourShare, flatText, outlineTitles, pageCount, pdfImages, readingText } from './pdf-support.js';

// Real Chromium, real PDF, text read back. In CI a missing browser fails here: nothing is skipped.
describe('the powerhouse-2024 PDF', () => {
  const out = mkdtempSync(join(tmpdir(), 'impact-pdf-'));
  const file = join(out, 'powerhouse-2024_2024.pdf');
  let text = '';
  let reading = '';
  let info = '';

  beforeAll(() => {
    const result = runCli(['--grant', 'powerhouse-2024', '--out', out, '--format', 'pdf,html,json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    text = flatText(file);
    reading = readingText(file);
    info = pdfInfo(file);
  });

  it('says what the funder quotes, each figure with its denominator', () => {
    expect(reading).toContain('In this period the grant supported 23 local families (26 parents).');
    expect(reading).toContain(
      'Of the 20 parents with before-and-after PIRGAS scores, 85% showed an improved relationship with their baby, and the average score rose by 10.5 points.',
    );
    expect(reading).toContain(
      'Of the 18 parents with before-and-after PHQ-9 or GAD-7 scores, 83% showed improved mental health as measured by the PHQ-9 and/or GAD-7.',
    );
    expect(reading).toContain(
      'Before-and-after PIRGAS scores were recorded for 20 of the 22 parents whose work with us ended in this period.',
    );
  });

  it("writes its charts' labels as text a reader can find, every letter of them", () => {
    // The PIRGAS chart: the two bars' labels and means, as they are drawn.
    expect(reading).toContain('Before 39.9 After 50.4');
    expect(reading).not.toMatch(/\bA er\b/);
  });

  it('has every section, in order', () => {
    const order = [
      'At a glance',
      'Outcomes',
      'Reach',
      'Who we reached',
      'In their words',
      'Method and data quality',
    ].map((h) => text.toLowerCase().indexOf(h.toLowerCase()));
    for (const at of order) expect(at).toBeGreaterThan(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Thanks to the Powerhouse Fund, families in Didcot');
    expect(text).toMatch(/Configuration \(SHA-256\) [0-9a-f]{64}/);
  });

  it('numbers every page "Page X of Y", with the organisation and charity number', () => {
    const pages = pageCount(info);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThanOrEqual(9);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
    expect(text.split('Thameside Parent Infant Partnership · Registered charity 1199999').length - 1).toBe(
      pages,
    );
  });

  it('is a tagged A4 PDF with title, author, subject and keywords', () => {
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(
      /Title:\s+Didcot Powerhouse Fund: Parent-infant psychotherapy in Didcot and surrounding villages — impact report, 1 January – 31 December 2024/,
    );
    expect(info).toMatch(/Author:\s+Thameside Parent Infant Partnership/);
    expect(info).toMatch(/Subject:\s+Outcomes of Parent-infant psychotherapy/);
    expect(info).toMatch(/Keywords:\s+impact report Didcot Powerhouse Fund .*PIRGAS PHQ-9 GAD-7/);
    expect(info).toMatch(/CreationDate:\s+Wed Jan\s+1 00:00:00 2025 UTC/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it('has an outline made from its headings, each named once and as written, and a language', async () => {
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(outlineTitles(doc)).toEqual([
      'Parent-infant psychotherapy in Didcot and surrounding villages',
      '  At a glance',
      '  Outcomes',
      '    PIRGAS Parent-Infant Relationship Global Assessment Scale',
      '    PHQ-9 and/or GAD-7 Mental health: depression or anxiety',
      '    PHQ-9 Patient Health Questionnaire (depression)',
      '    GAD-7 Generalised Anxiety Disorder scale (anxiety)',
      '  Reach',
      '    Waiting times and endings',
      '  Who we reached',
      '  In their words',
      '    What parents told us',
      '  Method and data quality',
      '    How the figures are defined',
      '    Missing scores',
      '    Protecting privacy',
      '    Provenance',
    ]);
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe('(en-GB)');
  });

  it('embeds only the shipped font family', () => {
    const fonts = pdfFonts(file)
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => line.split(/\s+/)[0] as string);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+SourceSans3-/);
  });

  it('draws charts and logos as vectors: not one bitmap in the file', () => {
    expect(pdfImages(file)).toEqual([]);
  });

  it('writes the same document as self-contained HTML: no outside address, no script', () => {
    const html = readFileSync(join(out, 'powerhouse-2024_2024.html'), 'utf8');
    expect(html).not.toMatch(/\b(?:https?|file|ftp):\/\//i);
    expect(html).not.toMatch(/<script|<link\b|<iframe|<object/i);
    expect(html).toContain('85% showed an improved relationship with their baby');
    expect(html).toMatch(/src: url\(data:font\/ttf;base64,/);
  });

  it('is byte-identical when made again, alone or in a batch, from the same inputs and SOURCE_DATE_EPOCH', () => {
    const again = mkdtempSync(join(tmpdir(), 'impact-pdf-'));
    // In a batch, after another report: the browser has drawn other pages before this one.
    const result = runCli(['--grant', 'programme', 'powerhouse-2024', '--out', again, '--concurrency', '1']);
    expect(result.status).toBe(0);
    expect(readFileSync(join(again, 'powerhouse-2024_2024.pdf')).equals(readFileSync(file))).toBe(true);
  });
});

describe('funders’ themes', () => {
  const out = mkdtempSync(join(tmpdir(), 'impact-themes-'));
  beforeAll(() => {
    const result = runCli(['--grant', 'powerhouse-2024', 'national-lottery-2025', '--out', out]);
    expect(result.status).toBe(0);
  });

  it('look visibly different: a green block on one cover, a mostly white cover on the other', () => {
    const powerhouse = join(out, 'powerhouse-2024_2024.pdf');
    const lottery = join(out, 'national-lottery-2025_FY2025-26.pdf');
    expect(colourShare(powerhouse, 1, '#00754A')).toBeGreaterThan(0.15);
    expect(colourShare(lottery, 1, '#00754A')).toBe(0);
    expect(colourShare(lottery, 1, '#B0006E')).toBeGreaterThan(0.01);
    expect(colourShare(lottery, 1, '#B0006E')).toBeLessThan(0.1);
    expect(colourShare(lottery, 1, '#FFFFFF', 10)).toBeGreaterThan(0.7);
    expect(flatText(lottery)).toContain('Funded by National Lottery Community Fund');
  });
});
