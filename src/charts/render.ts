import { join } from 'node:path';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import { FONT_FAMILY, FONT_FILES, FONTS_DIR } from '../paths.js';
import type { ChartData } from '../report/model.js';
import { chartConfiguration, type Palette } from './config.js';

const SIZES: Record<ChartData['kind'], { width: number; height: number }> = {
  'before-after': { width: 420, height: 300 },
  bars: { width: 680, height: 280 },
  trend: { width: 680, height: 300 },
};

const canvases = new Map<string, ChartJSNodeCanvas>();

function canvasFor(kind: ChartData['kind']): ChartJSNodeCanvas {
  let canvas = canvases.get(kind);
  if (!canvas) {
    // No backgroundColour: with one, the SVG becomes a single embedded bitmap.
    canvas = new ChartJSNodeCanvas({ type: 'svg', ...SIZES[kind] });
    // TTF only: node-canvas silently ignores .woff and falls back to another family.
    for (const f of FONT_FILES)
      canvas.registerFont(join(FONTS_DIR, f.file), { family: FONT_FAMILY, weight: f.weight, style: f.style });
    canvases.set(kind, canvas);
  }
  return canvas;
}

/** Draws a chart as vector SVG (text as outlines, in the shipped font). */
export function renderChartSvg(data: ChartData, palette: Palette): string {
  const svg = canvasFor(data.kind)
    .renderToBufferSync(chartConfiguration(data, palette), 'image/svg+xml')
    .toString('utf8');
  return svg.replace(/^<\?xml[^>]*>\s*/, '');
}
