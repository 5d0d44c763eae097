import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfFonts, pdfInfo, pdfText, runCli } from '../helpers/cli.js';

// Real Chromium, real PDF, text read back. In CI a missing browser fails here: nothing is skipped.
describe('the powerhouse-2024 PDF', () => {
  const out = mkdtempSync(join(tmpdir(), 'impact-pdf-'));
  const file = join(out, 'powerhouse-2024_2024.pdf');
  let text = '';

  beforeAll(() => {
    const result = runCli(['--grant', 'powerhouse-2024', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    text = pdfText(file).replace(/\s+/g, ' ');
  });

  it('says what the funder quotes: 23 families, 85% and 83%', () => {
    expect(text).toContain('the grant supported 23 local families');
    expect(text).toContain('85% showed an improved relationship with their baby');
    expect(text).toContain('83% of parents showed improved mental health on the PHQ-9 and/or GAD-7');
  });

  it('numbers every page "Page X of Y" and is a tagged A4 PDF with a title', () => {
    const info = pdfInfo(file);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(3);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Didcot Powerhouse Fund: Parent-infant psychotherapy/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
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

  it('is byte-identical when made again from the same inputs and SOURCE_DATE_EPOCH', () => {
    const again = mkdtempSync(join(tmpdir(), 'impact-pdf-'));
    expect(runCli(['--grant', 'powerhouse-2024', '--out', again]).status).toBe(0);
    expect(existsSync(join(again, 'powerhouse-2024_2024.pdf'))).toBe(true);
    expect(readFileSync(join(again, 'powerhouse-2024_2024.pdf')).equals(readFileSync(file))).toBe(true);
  });
});
