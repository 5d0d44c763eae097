import { describe, expect, it } from 'vitest';
import { chartConfiguration } from '../../src/charts/config.js';
import { renderChartSvg, renderConfigurationSvg, renumberSurfaces } from '../../src/charts/render.js';
import type { ChartData } from '../../src/report/model.js';

const palette = { primary: '#00754A', accent: '#8CC63F' };
const bars: ChartData = {
  kind: 'bars',
  title: 'Referrals by source',
  labels: ['Health visitor', 'Perinatal mental health team'],
  values: [29, 16],
  valueTexts: ['29', '16'],
  valueLabel: 'Referrals',
};

/** Replaces every font family in a configuration. */
function withFamily(value: unknown, family: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withFamily(v, family));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'family' ? family : withFamily(v, family)]),
  );
}

describe('rendered charts', () => {
  it('are vector SVG, with no embedded bitmap', () => {
    const { svg, widthMm, heightMm } = renderChartSvg(bars, palette);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/<image/);
    expect(svg).toContain('<path');
    expect(widthMm).toBeGreaterThan(0);
    expect(heightMm).toBeGreaterThan(0);
  });

  it('are drawn in the shipped font, not a system fallback', () => {
    // Same chart, the family swapped for one that does not exist: if the two came out the same,
    // the shipped font was not being used either.
    const config = chartConfiguration(bars, palette);
    const shipped = renderConfigurationSvg(config, 400, 200);
    const fallback = renderConfigurationSvg(
      { ...config, options: withFamily(config.options, '"No Such Font"') } as typeof config,
      400,
      200,
    );
    expect(shipped).not.toBe(fallback);
  });

  it('are the same every time', () => {
    expect(renderChartSvg(bars, palette).svg).toBe(renderChartSvg(bars, palette).svg);
  });

  it('are the same whatever was drawn before them in the process', () => {
    const first = renderChartSvg(bars, palette).svg;
    renderChartSvg(
      { ...bars, labels: ['Self-referral', 'GP', 'Midwife'], values: [3, 2, 1], valueTexts: ['3', '2', '1'] },
      palette,
    );
    expect(renderChartSvg(bars, palette).svg).toBe(first);
  });

  it("hold each letter's outline once, placed wherever the letter is drawn", () => {
    // "Referrals by source" and the labels repeat letters: each glyph is one <symbol>, and
    // there are more <use>s of them than symbols. Text drawn as paths has neither.
    const { svg } = renderChartSvg(bars, palette);
    const symbols = svg.match(/<symbol\b[^>]*\bid="glyph[^"]*"/g) ?? [];
    const uses = svg.match(/<use\b[^>]*href="#glyph[^"]*"/g) ?? [];
    expect(symbols.length).toBeGreaterThan(5);
    expect(uses.length).toBeGreaterThan(symbols.length);
    expect(new Set(symbols).size).toBe(symbols.length);
  });
});

/** XML text as it reads: the four entities src/xml.ts writes, decoded. */
const decodeXml = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name] as string,
  );

describe('charts for the PDF, their text as text', () => {
  /** Each <text> of an SVG: where it stands, how it is anchored, and what it says (decoded). */
  const textsOf = (svg: string) =>
    [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map(([, attributes, body]) => ({
      x: Number(/\bx="([^"]+)"/.exec(attributes as string)?.[1]),
      y: Number(/\by="([^"]+)"/.exec(attributes as string)?.[1]),
      anchor: /text-anchor="(\w+)"/.exec(attributes as string)?.[1],
      rotated: (attributes as string).includes('transform='),
      font: /style="font: ([^;]*);/.exec(decodeXml(attributes as string))?.[1],
      text: decodeXml(body as string),
    }));

  it('hold every label as text, in the shipped font, and no outline of a letter', () => {
    const { svg } = renderChartSvg(bars, palette, 'text');
    expect(svg).not.toMatch(/<symbol|<use/);
    const texts = textsOf(svg);
    expect(texts.map((t) => t.text)).toEqual(
      expect.arrayContaining(['Health visitor', 'Perinatal mental health team', '29', '16']),
    );
    for (const t of texts) expect(t.font).toMatch(/"Source Sans 3"$/);
  });

  it('stand where the glyphs stood: each text starts on a glyph drawn at the same place', () => {
    // The same chart drawn both ways: cairo places each glyph at its origin, on the baseline.
    const glyphs = renderChartSvg(bars, palette, 'glyphs').svg;
    const origins = new Set(
      [...glyphs.matchAll(/<use\b[^>]*\bx="([^"]+)" y="([^"]+)"/g)].map(
        ([, x, y]) => `${Number(x).toFixed(1)},${Number(y).toFixed(1)}`,
      ),
    );
    const texts = textsOf(renderChartSvg(bars, palette, 'text').svg).filter(
      (t) => t.anchor === 'start' && !t.rotated,
    );
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect(origins, t.text).toContain(`${t.x.toFixed(1)},${t.y.toFixed(1)}`);
    // Right-aligned labels (the sources) end where their last glyph's line is: the same baseline.
    const baselines = new Set([...origins].map((o) => o.split(',')[1]));
    for (const t of textsOf(renderChartSvg(bars, palette, 'text').svg).filter((t) => !t.rotated))
      expect(baselines, t.text).toContain(t.y.toFixed(1));
  });

  it('write any label as text, never as markup', () => {
    const hostile = '<script>alert(1)</script> & "quotes"';
    const { svg } = renderChartSvg({ ...bars, labels: [hostile, 'GP'] }, palette, 'text');
    expect(svg).not.toContain('<script');
    expect(textsOf(svg).map((t) => t.text)).toContain(hostile);
  });

  it('are the same every time, and different from the glyphs', () => {
    const text = renderChartSvg(bars, palette, 'text').svg;
    expect(renderChartSvg(bars, palette, 'text').svg).toBe(text);
    expect(renderChartSvg(bars, palette, 'glyphs').svg).not.toBe(text);
  });
});

describe('renumberSurfaces', () => {
  it('numbers cairo surfaces from 1 within each SVG, in order of appearance', () => {
    expect(
      renumberSurfaces('<g id="surface26"><use xlink:href="#surface31"/><use href="#surface26"/></g>'),
    ).toBe('<g id="surface1"><use xlink:href="#surface2"/><use href="#surface1"/></g>');
  });
});
