import type { Chart, ReportModel } from '../report/model.js';
import { type ChartText, renderChartSvg } from './render.js';

/** The report with each chart replaced by what `draw` makes of it. */
function withCharts(model: ReportModel, draw: (chart: Chart | undefined) => Chart | undefined): ReportModel {
  return {
    ...model,
    outcomes: {
      ...model.outcomes,
      sections: model.outcomes.sections.map((s) => ({ ...s, chart: draw(s.chart) })),
    },
    who: model.who && {
      ...model.who,
      figure: model.who.figure && { ...model.who.figure, chart: draw(model.who.figure.chart) as Chart },
    },
    reach: {
      ...model.reach,
      sourcesChart: draw(model.reach.sourcesChart),
      trendChart: draw(model.reach.trendChart),
    },
  };
}

/** One chart drawn as SVG, attached as a data: URL with its printed size. */
function drawChart(chart: Chart, palette: { primary: string; accent: string }, text: ChartText): Chart {
  const drawn = renderChartSvg(chart.data, palette, text);
  return {
    ...chart,
    svg: `data:image/svg+xml;base64,${Buffer.from(drawn.svg).toString('base64')}`,
    widthMm: drawn.widthMm,
    heightMm: drawn.heightMm,
  };
}

const paletteOf = (model: ReportModel) => ({ primary: model.colours.primary, accent: model.colours.accent });

/**
 * Draws every chart of the report as SVG, attaching each as a data: URL with its printed size;
 * `text`: its text as outlines of glyphs (the HTML report) or as text (the PDF: ChartText).
 */
export function drawCharts(model: ReportModel, text: ChartText = 'glyphs'): ReportModel {
  const palette = paletteOf(model);
  return withCharts(model, (chart) => chart && drawChart(chart, palette, text));
}

/**
 * `drawCharts`, giving way to the event loop after each chart: a report's charts take a
 * quarter of a second, and the browser, starting meanwhile, is answered between them rather
 * than after them all (each step of opening its tab waits for this thread).
 */
export async function drawChartsGivingWay(
  model: ReportModel,
  text: ChartText = 'glyphs',
): Promise<ReportModel> {
  const palette = paletteOf(model);
  const charts: Chart[] = [];
  withCharts(model, (chart) => {
    if (chart) charts.push(chart);
    return chart;
  });
  const drawn = new Map<Chart, Chart>();
  for (const chart of charts) {
    drawn.set(chart, drawChart(chart, palette, text));
    await new Promise((done) => setImmediate(done));
  }
  return withCharts(model, (chart) => chart && drawn.get(chart));
}
