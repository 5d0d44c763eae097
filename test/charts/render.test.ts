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
});

describe('renumberSurfaces', () => {
  it('numbers cairo surfaces from 1 within each SVG, in order of appearance', () => {
    expect(
      renumberSurfaces('<g id="surface26"><use xlink:href="#surface31"/><use href="#surface26"/></g>'),
    ).toBe('<g id="surface1"><use xlink:href="#surface2"/><use href="#surface1"/></g>');
  });
});
