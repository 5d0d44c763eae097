import { join } from 'node:path';
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

/** Draws a chart as vector SVG (text as outlines, in the shipped font) at its printed size. */
export function renderChartSvg(data: ChartData, palette: Palette): DrawnChart {
  const size = chartSizeMm(data);
  const svg = canvasFor(Math.round(size.width * PX_PER_MM), Math.round(size.height * PX_PER_MM))
    .renderToBufferSync(chartConfiguration(data, palette), 'image/svg+xml')
    .toString('utf8');
  return { svg: svg.replace(/^<\?xml[^>]*>\s*/, ''), widthMm: size.width, heightMm: size.height };
}
