import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../src/html/render.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { checkPdfUa, elementsOf, type PdfUaReport } from '../helpers/pdf-structure.js';

/**
 * Every PDF the fixtures make, and PDFs in brand colours nobody should choose (pale yellow,
 * white, cyan, mid-grey), read back as a PDF/UA-1 checker reads them.
 */
const UNUSUAL = `
organisation:
  name: "Pale & Bright <Test> Charity"
  charityNumber: "1234567"
  logo: ${join(ROOT, 'fixtures/brand/tpip.svg')}
  colours: { primary: "#FFFF00", accent: "#FFFFFF" }
input:
  outcomes: ${join(ROOT, 'fixtures/outcomes.csv')}
  referrals: ${join(ROOT, 'fixtures/referrals.csv')}
grants:
  yellow-lottery:
    funder: A Funder
    title: A title long enough that it wraps onto a second line on the cover of the report
    period: FY2024-25
    brand: { logo: ${join(ROOT, 'fixtures/brand/lottery.svg')}, colours: { primary: "#FFFF00", accent: "#FFFFFF" }, theme: lottery }
  cyan-powerhouse:
    funder: Another Funder
    title: Cyan and grey
    period: 2024
    match: { area: [Didcot] }
    brand: { colours: { primary: "#00FFFF", accent: "#777777" }, theme: powerhouse }
  inherited:
    funder: Third Funder
    title: The organisation's own colours
    period: 2024
`;

const reports = new Map<string, { pdf: PdfUaReport; html: string }>();

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'impact-pdfua-'));
  const fixtures = runCli(['--all', '--out', out, '--format', 'pdf,html', '--quiet']);
  expect(fixtures.stderr).toBe('');
  expect(fixtures.status).toBe(0);
  const dir = mkdtempSync(join(tmpdir(), 'impact-pdfua-brand-'));
  writeFileSync(join(dir, 'impact-report.yaml'), UNUSUAL);
  const unusual = runCli(['--all', '--out', out, '--format', 'pdf,html'], { cwd: dir });
  expect(unusual.status).toBe(0);
  // The darkened colours are named, once each, with the ratio they reached.
  expect(unusual.stderr).toMatch(/note: organisation\.colours\.primary #FFFF00 has a contrast of 1\.07:1/);
  expect(unusual.stderr).toMatch(/note: grants\.yellow-lottery\.brand\.colours\.primary #FFFF00/);
  expect(unusual.stderr).toMatch(/note: grants\.cyan-powerhouse\.brand\.colours\.primary #00FFFF/);
  for (const file of readdirSync(out).filter((f) => f.endsWith('.pdf'))) {
    const name = file.slice(0, -4);
    reports.set(name, {
      pdf: await checkPdfUa(readFileSync(join(out, file))),
      html: readFileSync(join(out, `${name}.html`), 'utf8'),
    });
  }
  expect(reports.size).toBe(8);
}, 240_000);

/** The text of each element of one kind in the HTML, in order, as a screen reader reads it. */
const htmlTexts = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => textOf(m[1] ?? ''));
const pdfTexts = (report: PdfUaReport, type: string) =>
  elementsOf(report.tree, type).map((e) => e.text.replace(/\s+/g, ' ').trim());

describe('PDF/UA-1, as a checker reads it', () => {
  it('every report passes: metadata, language, title shown, structure, every mark tagged or an artifact', () => {
    for (const [name, { pdf }] of reports) {
      expect(pdf.failures, name).toEqual([]);
      expect(pdf.metadata, name).toContain('<pdfuaid:part>1</pdfuaid:part>');
      // The running header and footer are on every page, and are artifacts.
      for (const page of pdf.pages) expect(page.artifacts, name).toBeGreaterThan(20);
    }
  });

  it('each chart and logo is one /Figure with its text alternative, and nothing else is a figure', () => {
    for (const [name, { pdf, html }] of reports) {
      const alts = [...html.matchAll(/<img\b[^>]*\balt="([^"]*)"/g)].map((m) => textOf(m[1] ?? ''));
      expect(
        elementsOf(pdf.tree, 'Figure').map((f) => f.alt),
        name,
      ).toEqual(alts);
    }
  });

  it('lists hold list items that hold a body; tables hold rows that hold cells', () => {
    for (const [name, { pdf }] of reports) {
      const items = elementsOf(pdf.tree, 'LI');
      expect(items.length, name).toBeGreaterThan(0);
      for (const li of items) expect(li.kids.map((k) => k.type)).toEqual(['LBody']);
      for (const table of elementsOf(pdf.tree, 'Table'))
        expect(table.kids.every((k) => ['Caption', 'TR', 'THead', 'TBody'].includes(k.type))).toBe(true);
    }
  });

  it('the tagged text keeps the spaces where lines wrap: table cells and headings read as written', () => {
    for (const [name, { pdf, html }] of reports) {
      expect(pdfTexts(pdf, 'TH'), name).toEqual(htmlTexts(html, 'th'));
      expect(pdfTexts(pdf, 'TD'), name).toEqual(htmlTexts(html, 'td'));
      // Paragraphs in any case: a theme may set one in capitals with CSS, and the PDF keeps them.
      const paragraphs = new Set(pdfTexts(pdf, 'P').map((p) => p.toLowerCase()));
      for (const p of htmlTexts(html, 'p'))
        expect(paragraphs.has(p.toLowerCase()), `${name}: ${p}`).toBe(true);
    }
    const outcomes = reports.get('powerhouse-2024_2024')?.pdf as PdfUaReport;
    expect(pdfTexts(outcomes, 'TH')).toContain('Mean change');
    expect(pdfTexts(outcomes, 'TH')).toContain('95% interval');
  });
});
