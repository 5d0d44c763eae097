import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/browser.js';
import { ROOT, runCli } from '../helpers/cli.js';

/** WCAG 2.2 A and AA, as axe-core tags its rules. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Brand colours that fail contrast as given: the report must darken them. */
const UNUSUAL = `
organisation:
  name: Pale Charity
  colours: { primary: "#FFFF00", accent: "#FFFFFF" }
input:
  outcomes: ${join(ROOT, 'fixtures/outcomes.csv')}
  referrals: ${join(ROOT, 'fixtures/referrals.csv')}
grants:
  yellow-lottery:
    funder: A Funder
    title: Yellow on white
    period: FY2024-25
    brand: { colours: { primary: "#FFFF00", accent: "#FFFF99" }, theme: lottery }
  cyan-powerhouse:
    funder: Another Funder
    title: Cyan
    period: 2024
    brand: { colours: { primary: "#00FFFF" }, theme: powerhouse }
  grey-default:
    funder: Third Funder
    title: Grey
    period: 2024
    brand: { colours: { primary: "#8A8A8A", accent: "#DDDDDD" } }
`;

interface AxeResult {
  violations: { id: string; nodes: { target: string[]; failureSummary: string }[] }[];
  passes: unknown[];
}

let browser: Browser;
const documents = new Map<string, string>();

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'impact-axe-'));
  expect(runCli(['--all', '--out', out, '--format', 'html', '--quiet']).status).toBe(0);
  const dir = mkdtempSync(join(tmpdir(), 'impact-axe-brand-'));
  writeFileSync(join(dir, 'impact-report.yaml'), UNUSUAL);
  expect(runCli(['--all', '--out', out, '--format', 'html', '--quiet'], { cwd: dir }).status).toBe(0);
  // One report per theme from the fixtures (the powerhouse years share a theme), and the unusual ones.
  for (const file of readdirSync(out).filter((f) => !/^powerhouse-202[23]/.test(f)))
    documents.set(file, readFileSync(join(out, file), 'utf8'));
  expect(documents.size).toBe(6);
  const choice = findBrowser(process.env, () => puppeteer.executablePath());
  browser = await puppeteer.launch({
    executablePath: choice.path,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('the HTML report in Chromium, checked by axe-core against WCAG 2.2 A and AA', () => {
  it('has no violations, in the fixtures’ brands and in colours that had to be darkened', async () => {
    const page = await browser.newPage();
    // The report's own policy forbids scripts; axe is let in for the check only.
    await page.setBypassCSP(true);
    try {
      const check = async (html: string) => {
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate(AXE);
        const result = (await page.evaluate((tags) => {
          const scope = globalThis as unknown as {
            document: unknown;
            axe: { run: (context: unknown, options: unknown) => Promise<unknown> };
          };
          return scope.axe.run(scope.document, {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],
          });
        }, TAGS)) as AxeResult;
        return {
          violations: result.violations.map(
            (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary})`).join('; ')}`,
          ),
          passes: result.passes.length,
        };
      };
      for (const [name, html] of documents) {
        const { violations, passes } = await check(html);
        expect(violations, name).toEqual([]);
        expect(passes, name).toBeGreaterThan(10);
      }
      // The check can fail: the same page with one pale line of text is caught.
      const pale = (documents.get('programme_FY2024-25.html') as string).replace(
        '<main>',
        '<main><p style="color: #FFFF00">A pale line</p>',
      );
      expect((await check(pale)).violations.join('\n')).toMatch(/^color-contrast: /);
    } finally {
      await page.close();
    }
  }, 180_000);
});
