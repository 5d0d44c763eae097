import type { Chart, ReportModel } from '../report/model.js';
import { renderChartSvg } from './render.js';

/** Draws every chart of the report as SVG, attaching each as a data: URL with its printed size. */
export function drawCharts(model: ReportModel): ReportModel {
  const palette = { primary: model.colours.primary, accent: model.colours.accent };
  const draw = (chart: Chart | undefined): Chart | undefined => {
    if (!chart) return undefined;
    const drawn = renderChartSvg(chart.data, palette);
    return {
      ...chart,
      svg: `data:image/svg+xml;base64,${Buffer.from(drawn.svg).toString('base64')}`,
      widthMm: drawn.widthMm,
      heightMm: drawn.heightMm,
    };
  };
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
