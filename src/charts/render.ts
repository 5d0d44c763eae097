import { join } from 'node:path';
import type { CanvasRenderingContext2D } from 'canvas';
import type { ChartConfiguration, Plugin } from 'chart.js';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import { FONT_FAMILY, FONT_FILES, FONTS_DIR } from '../paths.js';
import type { ChartData } from '../report/model.js';
import { xmlText } from '../xml.js';
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
 * How a chart's text is drawn. `glyphs`: as the outlines of its letters, in the shipped font,
 * so the SVG looks the same in any browser (the HTML report). `text`: as SVG text in the
 * shipped font, which the browser that prints the PDF has installed (src/pdf/fonts.ts): the
 * browser then neither reads nor paints an outline a letter, and prints a report's charts in a
 * fraction of the time (docs/benchmarks.md).
 */
export type ChartText = 'glyphs' | 'text';

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

/** One `fillText` of a chart, as SVG text: what it said, where, and how. */
interface WrittenText {
  text: string;
  /** The canvas's transform when it was drawn, and the point of its alphabetic baseline. */
  matrix: { a: number; b: number; c: number; d: number; e: number; f: number };
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  font: string;
  fill: string;
  opacity: number;
}

/** The text of the chart being drawn in `text` mode (drawing is synchronous: one chart at a time). */
let written: WrittenText[] = [];

const ANCHOR: Record<string, WrittenText['anchor']> = {
  left: 'start',
  start: 'start',
  center: 'middle',
  right: 'end',
  end: 'end',
};

/**
 * Text kept as text: each `fillText` is noted rather than drawn on the canvas, and written into
 * the SVG afterwards (`withText`). Where it is placed is the canvas's own measure: its
 * alphabetic baseline, worked out from the canvas's baseline by the canvas itself, so the text
 * stands where cairo would have drawn it. Chart.js measures text on the canvas as before.
 * Ligatures are off: the browser would print "ft" in "After" as one glyph that a PDF reader
 * cannot turn back into its letters ("A er").
 */
const TEXT: Plugin = {
  id: 'text',
  beforeDraw(chart) {
    const ctx = chart.ctx as unknown as CanvasRenderingContext2D;
    ctx.fillText = function fillText(this: CanvasRenderingContext2D, text: string, x: number, y: number) {
      const { a, b, c, d, e, f } = this.getTransform();
      written.push({
        text: String(text),
        matrix: { a, b, c, d, e, f },
        x,
        y: y - this.measureText(String(text)).alphabeticBaseline,
        anchor: ANCHOR[this.textAlign] ?? 'start',
        font: this.font,
        fill: String(this.fillStyle),
        opacity: this.globalAlpha,
      });
    };
  },
};

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** `svg` with `texts` written into it, above everything drawn, in the order they were drawn. */
function withText(svg: string, texts: readonly WrittenText[]): string {
  if (texts.length === 0) return svg;
  const elements = texts.map(({ text, matrix: m, x, y, anchor, font, fill, opacity }) => {
    const plain = m.a === 1 && m.b === 0 && m.c === 0 && m.d === 1;
    const place = plain
      ? `x="${num(x + m.e)}" y="${num(y + m.f)}"`
      : `transform="matrix(${[m.a, m.b, m.c, m.d, m.e, m.f].map(num).join(' ')})" x="${num(x)}" y="${num(y)}"`;
    const faded = opacity < 1 ? ` fill-opacity="${num(opacity)}"` : '';
    return `<text ${place} text-anchor="${anchor}" fill="${xmlText(fill)}"${faded} style="font: ${xmlText(font)}; font-variant-ligatures: none; white-space: pre">${xmlText(text)}</text>`;
  });
  const end = svg.lastIndexOf('</svg>');
  return `${svg.slice(0, end)}<g>\n${elements.join('\n')}\n</g>\n${svg.slice(end)}`;
}

/** Draws a Chart.js configuration as SVG on a canvas of `width` × `height` pixels. */
export function renderConfigurationSvg(
  configuration: ChartConfiguration,
  width: number,
  height: number,
  text: ChartText = 'glyphs',
): string {
  const drawn = {
    ...configuration,
    plugins: [...(configuration.plugins ?? []), text === 'text' ? TEXT : GLYPHS],
  } as ChartConfiguration;
  written = [];
  try {
    const svg = canvasFor(width, height).renderToBufferSync(drawn, 'image/svg+xml').toString('utf8');
    return withText(renumberSurfaces(svg.replace(/^<\?xml[^>]*>\s*/, '')), written);
  } finally {
    written = [];
  }
}

/** Draws a chart as vector SVG (its text as `text` says, in the shipped font) at its printed size. */
export function renderChartSvg(data: ChartData, palette: Palette, text: ChartText = 'glyphs'): DrawnChart {
  const size = chartSizeMm(data);
  const svg = renderConfigurationSvg(
    chartConfiguration(data, palette),
    Math.round(size.width * PX_PER_MM),
    Math.round(size.height * PX_PER_MM),
    text,
  );
  return { svg, widthMm: size.width, heightMm: size.height };
}
