import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEFORE, barStyle, INK, MUTED_INK } from '../../src/charts/config.js';
import { TEMPLATES_DIR } from '../../src/paths.js';
import {
  checkGraphicColour,
  checkTextColour,
  colourNoteText,
  contrastRatio,
  darkenToContrast,
  formatRatio,
  graphicOutline,
  MIN_GRAPHIC,
  MIN_LARGE_TEXT,
  MIN_TEXT,
  relativeLuminance,
  TEXT_BACKGROUNDS,
  textColour,
  WHITE,
} from '../../src/report/contrast.js';

const hex = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0').toUpperCase()).join('')}`);

describe('WCAG 2.2 relative luminance and contrast ratio', () => {
  it('gives the textbook values', () => {
    expect(relativeLuminance('#FFFFFF')).toBe(1);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#FF0000')).toBeCloseTo(0.2126, 4);
    expect(relativeLuminance('#00FF00')).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 4);
    expect(contrastRatio('#000000', '#FFFFFF')).toBe(21);
    expect(contrastRatio('#FFFFFF', '#FFFFFF')).toBe(1);
    // The grey that just passes 4.5:1 on white, and the one that just fails.
    expect(contrastRatio('#767676', WHITE)).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', WHITE)).toBeCloseTo(4.48, 2);
  });

  it('matches the audit of issue 12: the colours that were under 3:1', () => {
    expect(contrastRatio('#B8C2CC', WHITE)).toBeCloseTo(1.81, 2);
    expect(contrastRatio('#FFB81C', WHITE)).toBeCloseTo(1.73, 2);
    expect(contrastRatio('#F2A900', WHITE)).toBeCloseTo(2.0, 1);
    expect(contrastRatio('#8CC63F', WHITE)).toBeCloseTo(2.05, 1);
  });

  it('is symmetric, between 1 and 21', () => {
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const r = contrastRatio(a, b);
        expect(r).toBeGreaterThanOrEqual(1);
        expect(r).toBeLessThanOrEqual(21);
        expect(contrastRatio(b, a)).toBe(r);
      }),
    );
  });

  it('cuts ratios when printing them, so a failing ratio never reads as the threshold', () => {
    expect(formatRatio(4.4999)).toBe('4.49:1');
    expect(formatRatio(3)).toBe('3.00:1');
  });
});

describe('darkening and outlining', () => {
  it('darkens any colour just enough to reach the ratio, keeping one that already does', () => {
    fc.assert(
      fc.property(hex, (colour) => {
        const dark = darkenToContrast(colour, MIN_TEXT, TEXT_BACKGROUNDS);
        for (const background of TEXT_BACKGROUNDS)
          expect(contrastRatio(dark, background)).toBeGreaterThanOrEqual(MIN_TEXT);
        if (TEXT_BACKGROUNDS.every((b) => contrastRatio(colour, b) >= MIN_TEXT)) expect(dark).toBe(colour);
        // Same hue: each channel scaled by one factor (to rounding).
        const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
        const [r2, g2, b2] = [1, 3, 5].map((i) => Number.parseInt(dark.slice(i, i + 2), 16));
        const max = Math.max(r ?? 0, g ?? 0, b ?? 0);
        if (max > 40) {
          const k = Math.max(r2 ?? 0, g2 ?? 0, b2 ?? 0) / max;
          for (const [c, c2] of [
            [r, r2],
            [g, g2],
            [b, b2],
          ] as [number, number][])
            expect(Math.abs(c * k - c2)).toBeLessThanOrEqual(1.5);
        }
      }),
    );
  });

  it('is no darker than it needs to be', () => {
    const dark = darkenToContrast('#FFB81C', MIN_TEXT, [WHITE]);
    expect(contrastRatio(dark, WHITE)).toBeLessThan(MIN_TEXT + 0.1);
  });

  it('outlines a light fill with a colour that reaches 3:1, and leaves a dark one alone', () => {
    expect(graphicOutline('#00754A')).toBeUndefined();
    const outline = graphicOutline('#FFB81C') as string;
    expect(contrastRatio(outline, WHITE)).toBeGreaterThanOrEqual(MIN_GRAPHIC);
    expect(barStyle('#FFB81C')).toEqual({ backgroundColor: '#FFB81C', borderColor: outline, borderWidth: 2 });
    expect(barStyle('#00754A').borderWidth).toBe(0);
  });

  it('notes name the setting, the colour, the ratio it reached and what was done', () => {
    const text = checkTextColour('grants.g.brand.colours.primary', '#FFB81C');
    expect(text.colour).not.toBe('#FFB81C');
    expect(colourNoteText(text.note as never)).toMatch(
      /^grants\.g\.brand\.colours\.primary #FFB81C has a contrast of 1\.\d\d:1 against .*, under the 4\.5:1 text needs: text and headings in it are printed in #[0-9A-F]{6} \([45]\.\d\d:1 against white\)/,
    );
    expect(checkTextColour('organisation.colours.primary', '#5B2C83')).toEqual({ colour: '#5B2C83' });
    const graphic = checkGraphicColour('organisation.colours.accent', '#F2A900');
    expect(colourNoteText(graphic as never)).toMatch(
      /^organisation\.colours\.accent #F2A900 has a contrast of 2\.00:1 against white, under the 3:1 chart bars need: bars in it are outlined in #[0-9A-F]{6} \(3\.\d\d:1\)\.$/,
    );
    expect(checkGraphicColour('x', '#00754A')).toBeUndefined();
  });
});

/** The colours a stylesheet declares: text colours and background colours, brand variables aside. */
function palette(css: string): { text: string[]; backgrounds: string[] } {
  // The screen-only grey desk around the page carries no text.
  const print = css.replace(/@media screen\s*{[\s\S]*?\n}/g, '');
  const full = (h: string) =>
    h.length === 4 ? `#${[...h.slice(1)].map((c) => c + c).join('')}`.toUpperCase() : h.toUpperCase();
  const values = (property: RegExp) => [...print.matchAll(property)].map((m) => full(m[1] as string));
  return {
    text: values(/(?:^|[\s;{])color:\s*(#[0-9a-fA-F]{3,6})\b/g),
    backgrounds: values(/background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})\b/g),
  };
}

const themes = readdirSync(join(TEMPLATES_DIR, 'themes'));
const baseCss = readFileSync(join(TEMPLATES_DIR, 'base.css'), 'utf8');
const templateText = (theme: string) => {
  const read = (file: string) => {
    try {
      return readFileSync(join(TEMPLATES_DIR, 'themes', theme, file), 'utf8');
    } catch {
      return readFileSync(join(TEMPLATES_DIR, file), 'utf8');
    }
  };
  return `${baseCss}\n${read('theme.css')}\n${read('header.hbs')}\n${read('footer.hbs')}`;
};
/** Brand colours from the fixtures and from the edges: pale, saturated, mid-grey, near-black. */
const BRANDS = [
  '#5B2C83',
  '#00754A',
  '#B0006E',
  '#FFB81C',
  '#F2A900',
  '#8CC63F',
  '#FFFF00',
  '#00FFFF',
  '#777777',
  '#FFFFFF',
  '#111111',
];

describe.each(themes)('the %s theme’s palette', (theme) => {
  const { text, backgrounds } = palette(templateText(theme));
  const light = [WHITE, ...backgrounds.filter((b) => relativeLuminance(b) >= 0.5)];
  const dark = backgrounds.filter((b) => relativeLuminance(b) < 0.5);

  it('paints text only on backgrounds the brand check knows', () => {
    const floor = Math.min(...TEXT_BACKGROUNDS.map(relativeLuminance));
    for (const b of light) expect(relativeLuminance(b), b).toBeGreaterThanOrEqual(floor);
    // A dark background is only ever the brand colour, given through var(--primary).
    expect(dark).toEqual([]);
  });

  it('prints every fixed text colour at 4.5:1 or more on every light background', () => {
    expect(text.length).toBeGreaterThan(0);
    for (const colour of text.filter((c) => relativeLuminance(c) < 0.5))
      for (const b of light)
        expect(contrastRatio(colour, b), `${colour} on ${b}`).toBeGreaterThanOrEqual(MIN_TEXT);
  });

  it('prints any brand colour, once checked, at 4.5:1 as text and behind white text', () => {
    for (const brand of BRANDS) {
      const printed = textColour(brand);
      for (const b of light)
        expect(contrastRatio(printed, b), `${printed} on ${b}`).toBeGreaterThanOrEqual(MIN_TEXT);
      expect(contrastRatio(WHITE, printed)).toBeGreaterThanOrEqual(MIN_TEXT);
    }
  });
});

describe('the chart palette', () => {
  it('draws text in ink at 4.5:1 and every bar, outline included, at 3:1 against the page', () => {
    expect(contrastRatio(INK, WHITE)).toBeGreaterThanOrEqual(MIN_TEXT);
    expect(contrastRatio(MUTED_INK, WHITE)).toBeGreaterThanOrEqual(MIN_TEXT);
    for (const fill of [BEFORE, ...BRANDS]) {
      const style = barStyle(fill);
      const edge = style.borderWidth > 0 ? style.borderColor : style.backgroundColor;
      expect(contrastRatio(edge, WHITE), fill).toBeGreaterThanOrEqual(MIN_GRAPHIC);
    }
    // The trend line and the bars of one colour use the primary, which is checked as text.
    for (const brand of BRANDS)
      expect(contrastRatio(textColour(brand), WHITE)).toBeGreaterThan(MIN_LARGE_TEXT);
  });
});
