import type { Chart, ReportModel } from '../report/model.js';
import { renderChartSvg } from './render.js';

/** Draws every chart of the report as SVG, attaching each as a data: URL. */
export function drawCharts(model: ReportModel): ReportModel {
  const palette = { primary: model.colours.primary, accent: model.colours.accent };
  const draw = (chart: Chart | undefined): Chart | undefined =>
    chart && {
      ...chart,
      svg: `data:image/svg+xml;base64,${Buffer.from(renderChartSvg(chart.data, palette)).toString('base64')}`,
    };
  return {
    ...model,
    measures: model.measures.map((m) => ({ ...m, chart: draw(m.chart) })),
    reach: {
      ...model.reach,
      sourcesChart: draw(model.reach.sourcesChart),
      trendChart: draw(model.reach.trendChart),
    },
  };
}
