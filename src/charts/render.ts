import { join } from 'node:path';
import type { ChartConfiguration, Plugin } from 'chart.js';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import { FONT_FAMILY, FONT_FILES, FONTS_DIR } from '../paths.js';
import type { ChartData } from '../report/model.js';
import { chartConfiguration, chartSizeMm, type Palette, PX_PER_MM } from './config.js';

/** One canvas per size: chartjs-node-canvas fixes the size when it is made. */
const canvases = new Map<string, ChartJSNodeCanvas>();

function canvasFor(width: number, height: number): ChartJSNodeCanvas {
  const key = `${width}x${height}`;
  let canvas = canvases.get(key);
  if (!canvas) {
    // No backgroundColour: with one, the SVG becomes a single embedded bitmap.
    canvas = new ChartJSNodeCanvas({ type: 'svg', width, height });
    // TTF only: node-canvas silently ignores .woff and falls back to another family.
    for (const f of FONT_FILES)
      canvas.registerFont(join(FONTS_DIR, f.file), { family: FONT_FAMILY, weight: f.weight, style: f.style });
    canvases.set(key, canvas);
  }
  return canvas;
}

export interface DrawnChart {
  svg: string;
  widthMm: number;
  heightMm: number;
}

/**
 * Cairo numbers its SVG surfaces across the whole process ("surface26"), so the same chart drawn
 * after others would differ: number them from 1 within each chart, so a report's bytes do not
 * depend on what else the process drew before it (another report in a batch, say).
 */
export function renumberSurfaces(svg: string): string {
  const ids = new Map<string, number>();
  return svg.replace(/\bsurface(\d+)\b/g, (_, n: string) => {
    if (!ids.has(n)) ids.set(n, ids.size + 1);
    return `surface${ids.get(n)}`;
  });
}

/**
 * Text drawn as glyphs, not as paths: cairo's SVG then holds each letter's outline once (a
 * `<symbol>`) and places it where it is used (`<use>`), rather than writing the outline out
 * again for every letter drawn. The same outlines in the same places; the SVG is a third
 * smaller, and the browser prints a report in a quarter less time (docs/benchmarks.md).
 */
const GLYPHS: Plugin = {
  id: 'glyphs',
  // Before drawing, not at the start: sizing the canvas resets its context.
  beforeDraw(chart) {
    (chart.ctx as unknown as { textDrawingMode: 'path' | 'glyph' }).textDrawingMode = 'glyph';
  },
};

/** Draws a Chart.js configuration as SVG on a canvas of `width` × `height` pixels. */
export function renderConfigurationSvg(
  configuration: ChartConfiguration,
  width: number,
  height: number,
): string {
  const drawn = {
    ...configuration,
    plugins: [...(configuration.plugins ?? []), GLYPHS],
  } as ChartConfiguration;
  const svg = canvasFor(width, height).renderToBufferSync(drawn, 'image/svg+xml').toString('utf8');
  return renumberSurfaces(svg.replace(/^<\?xml[^>]*>\s*/, ''));
}

/** Draws a chart as vector SVG (text as outlines of glyphs, in the shipped font) at its printed size. */
export function renderChartSvg(data: ChartData, palette: Palette): DrawnChart {
  const size = chartSizeMm(data);
  const svg = renderConfigurationSvg(
    chartConfiguration(data, palette),
    Math.round(size.width * PX_PER_MM),
    Math.round(size.height * PX_PER_MM),
  );
  return { svg, widthMm: size.width, heightMm: size.height };
}
