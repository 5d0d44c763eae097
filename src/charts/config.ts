import type { ChartConfiguration, Chart as ChartJs, Plugin } from 'chart.js';
import { FONT_FAMILY } from '../paths.js';
import { graphicOutline } from '../report/contrast.js';
import type { ChartData } from '../report/model.js';

export const INK = '#1F2933';
export const MUTED_INK = '#52606D';
export const BEFORE = '#B8C2CC';
const GRID = '#E4E7EB';

/**
 * Canvas pixels per printed millimetre. Charts are drawn at their printed size times this, so a
 * 13 px label prints at 3.25 mm (about 9 pt) beside 10.5 pt body text.
 */
export const PX_PER_MM = 4;

/** Chart text sizes in canvas pixels (see PX_PER_MM): ticks ≈ 9 pt, category labels ≈ 10 pt. */
export const TEXT_PX = { tick: 13, label: 14, value: 14 } as const;

/** The most parts a trend chart may have and still be drawn beside its table. */
export const TREND_BESIDE_TABLE = 6;

/** A chart's printed size in millimetres, chosen from what it shows. */
export function chartSizeMm(data: ChartData): { width: number; height: number } {
  switch (data.kind) {
    case 'before-after':
      return { width: 62, height: 58 };
    case 'bars':
      return { width: 104, height: 6 + 7 * Math.max(1, data.labels.length) };
    case 'trend':
      // Up to six parts leave room for the table beside the chart; more need the page's width.
      return data.labels.length <= TREND_BESIDE_TABLE
        ? { width: 100, height: 58 }
        : { width: 182, height: 52 };
  }
}

/**
 * A bar's fill and, where the fill reaches less than 3:1 against the page (WCAG 1.4.11: the
 * "before" grey, a light brand accent), an outline that does. The fill stays the brand's.
 */
export function barStyle(fill: string): { backgroundColor: string; borderColor: string; borderWidth: number };
export function barStyle(fills: string[]): {
  backgroundColor: string[];
  borderColor: string[];
  borderWidth: number[];
};
export function barStyle(fills: string | string[]): {
  backgroundColor: string | string[];
  borderColor: string | string[];
  borderWidth: number | number[];
} {
  if (typeof fills === 'string') {
    const outline = graphicOutline(fills);
    return { backgroundColor: fills, borderColor: outline ?? fills, borderWidth: outline ? 2 : 0 };
  }
  const outlines = fills.map(graphicOutline);
  return {
    backgroundColor: fills,
    borderColor: fills.map((fill, i) => outlines[i] ?? fill),
    borderWidth: outlines.map((o) => (o ? 2 : 0)),
  };
}

export interface Palette {
  primary: string;
  accent: string;
}

/**
 * Chart.js writes fonts as CSS shorthand without quoting the family, and `14px Source Sans 3` is
 * not valid CSS (a family name cannot have a bare number in it): node-canvas then silently
 * draws in a system font. Quoted, the shipped font is used.
 */
export const CHART_FONT_FAMILY = `"${FONT_FAMILY}"`;

const font = (size: number, weight: number | 'normal' = 'normal') => ({
  family: CHART_FONT_FAMILY,
  size,
  weight,
});

/** Writes each bar's value beside its end (horizontal bars), from the text the report prints. */
export const valueLabels: Plugin<'bar'> = {
  id: 'valueLabels',
  afterDatasetsDraw(chart: ChartJs) {
    const texts = (chart.options.plugins as { valueLabels?: { texts: string[] } }).valueLabels?.texts;
    if (!texts) return;
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = INK;
    ctx.font = `600 ${TEXT_PX.value}px ${CHART_FONT_FAMILY}`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    chart.getDatasetMeta(0).data.forEach((element, j) => {
      const text = texts[j];
      if (text === undefined) return;
      const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number };
      ctx.fillText(text, x + 5, y);
    });
    ctx.restore();
  },
};

/**
 * The 95% interval on the "after" bar: a vertical whisker with caps, drawn in ink with a white
 * halo so it reads over the bar and over the background alike.
 */
export const intervalWhisker: Plugin<'bar'> = {
  id: 'intervalWhisker',
  afterDatasetsDraw(chart: ChartJs) {
    const options = (
      chart.options.plugins as { intervalWhisker?: { index: number; range: [number, number] } }
    ).intervalWhisker;
    if (!options) return;
    const bar = chart.getDatasetMeta(0).data[options.index];
    const y = chart.scales.y;
    if (!bar || !y) return;
    const { x, width } = bar.getProps(['x', 'width'], true) as { x: number; width: number };
    const top = y.getPixelForValue(options.range[1]);
    const bottom = y.getPixelForValue(options.range[0]);
    const cap = Math.min(14, width * 0.3);
    const { ctx } = chart;
    ctx.save();
    for (const [colour, lineWidth] of [
      ['#FFFFFF', 5],
      [INK, 2],
    ] as const) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = lineWidth;
      ctx.lineCap = 'butt';
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.moveTo(x - cap / 2, top);
      ctx.lineTo(x + cap / 2, top);
      ctx.moveTo(x - cap / 2, bottom);
      ctx.lineTo(x + cap / 2, bottom);
      ctx.stroke();
    }
    ctx.restore();
  },
};

/** The clinical cut-off as a dashed line across the plot, explained in the caption. */
export const cutoffLine: Plugin<'bar'> = {
  id: 'cutoffLine',
  afterDatasetsDraw(chart: ChartJs) {
    const value = (chart.options.plugins as { cutoffLine?: { value: number } }).cutoffLine?.value;
    const y = chart.scales.y;
    if (value === undefined || !y) return;
    const { left, right } = chart.chartArea;
    const py = Math.round(y.getPixelForValue(value)) + 0.5;
    const { ctx } = chart;
    ctx.save();
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(left, py);
    ctx.lineTo(right, py);
    ctx.stroke();
    ctx.restore();
  },
};

/** A round tick step giving at most six intervals over the range (0–27 → 5, 0–100 → 20). */
export function tickStep(min: number, max: number): number {
  const steps = [1, 2, 5, 10, 20, 25, 50, 100];
  return steps.find((step) => (max - min) / step <= 6) ?? Math.ceil((max - min) / 6);
}

const base = {
  animation: false as const,
  responsive: false,
  devicePixelRatio: 1,
};

/** The report's chart data → a Chart.js configuration. Pure. */
export function chartConfiguration(data: ChartData, palette: Palette): ChartConfiguration {
  const tick = font(TEXT_PX.tick);
  switch (data.kind) {
    case 'before-after':
      // The values go under the bars, not on them: nothing can collide with the whisker.
      return {
        type: 'bar',
        data: {
          labels: [
            ['Before', data.preText],
            ['After', data.postText],
          ],
          datasets: [
            {
              label: 'Mean score',
              data: [data.meanPre, data.meanPost],
              ...barStyle([BEFORE, palette.primary]),
              barPercentage: 0.72,
              categoryPercentage: 0.9,
            },
          ],
        },
        options: {
          ...base,
          layout: { padding: { top: 6, right: 6, bottom: 0, left: 0 } },
          plugins: {
            legend: { display: false },
            title: { display: false },
            tooltip: { enabled: false },
            intervalWhisker: data.afterInterval ? { index: 1, range: data.afterInterval } : undefined,
            cutoffLine: data.cutoff === null ? undefined : { value: data.cutoff },
          },
          scales: {
            x: {
              grid: { display: false },
              border: { color: INK },
              ticks: { color: INK, font: font(TEXT_PX.label, 600) },
            },
            y: {
              min: data.min,
              max: data.max,
              grid: { color: GRID },
              border: { display: false },
              // Round steps only: the scale's own end (27 on the PHQ-9) is not labelled.
              ticks: {
                color: MUTED_INK,
                font: tick,
                stepSize: tickStep(data.min, data.max),
                includeBounds: false,
              },
              title: {
                display: true,
                text: data.higherIsBetter ? 'Mean score (higher is better)' : 'Mean score (lower is better)',
                color: MUTED_INK,
                font: tick,
                padding: 2,
              },
            },
          },
        },
        plugins: [intervalWhisker, cutoffLine],
      } as ChartConfiguration;
    case 'bars':
      return {
        type: 'bar',
        data: {
          labels: data.labels,
          datasets: [
            {
              label: data.valueLabel,
              data: data.values,
              ...barStyle(palette.primary),
              barPercentage: 0.78,
              categoryPercentage: 0.9,
            },
          ],
        },
        options: {
          ...base,
          indexAxis: 'y',
          // Room on the right for the longest value label.
          layout: {
            padding: {
              top: 0,
              right: 12 + 8 * Math.max(...data.valueTexts.map((t) => t.length)),
              bottom: 0,
              left: 0,
            },
          },
          plugins: {
            legend: { display: false },
            title: { display: false },
            tooltip: { enabled: false },
            valueLabels: { texts: data.valueTexts },
          },
          scales: {
            x: {
              display: false,
              beginAtZero: true,
              grid: { display: false },
            },
            y: {
              grid: { display: false },
              border: { color: INK },
              ticks: { color: INK, font: font(TEXT_PX.label) },
            },
          },
        },
        plugins: [valueLabels],
      } as ChartConfiguration;
    case 'trend': {
      const datasets: ChartConfiguration['data']['datasets'] = [];
      if (data.referrals) {
        datasets.push({
          type: 'bar',
          label: 'Referrals',
          data: data.referrals,
          ...barStyle(palette.accent),
          barPercentage: 0.7,
          categoryPercentage: 0.8,
          order: 2,
        });
      }
      datasets.push({
        type: 'line',
        label: 'Families served',
        data: data.families,
        borderColor: palette.primary,
        backgroundColor: palette.primary,
        borderWidth: data.labels.length > 16 ? 2 : 3,
        pointRadius: data.labels.length > 16 ? 0 : 5,
        pointBorderColor: '#FFFFFF',
        pointBorderWidth: 1.5,
        spanGaps: false,
        order: 1,
      });
      return {
        type: 'bar',
        // Drawn narrow beside its table, each label takes two lines ("Jan–Mar" over "2024") so all fit.
        data: {
          labels:
            data.labels.length <= TREND_BESIDE_TABLE
              ? data.labels.map((l) => {
                  const at = l.lastIndexOf(' ');
                  return at > 0 ? [l.slice(0, at), l.slice(at + 1)] : l;
                })
              : data.labels,
          datasets,
        },
        options: {
          ...base,
          layout: { padding: { top: 4, right: 4, bottom: 0, left: 0 } },
          plugins: {
            legend: {
              display: true,
              position: 'top',
              align: 'end',
              labels: {
                color: INK,
                font: font(TEXT_PX.label),
                boxWidth: 14,
                boxHeight: 14,
                padding: 12,
                // Dataset order puts the line over the bars; the legend keeps the reading order.
                sort: (a: { datasetIndex?: number }, b: { datasetIndex?: number }) =>
                  (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
              },
            },
            title: { display: false },
            tooltip: { enabled: false },
          },
          scales: {
            x: {
              grid: { display: false },
              border: { color: INK },
              // A long period has more labels than fit: Chart.js then labels every nth.
              ticks: {
                color: INK,
                font: font(TEXT_PX.label),
                autoSkip: true,
                autoSkipPadding: 12,
                maxRotation: 0,
              },
            },
            y: {
              beginAtZero: true,
              grid: { color: GRID },
              border: { display: false },
              ticks: { color: MUTED_INK, font: tick, precision: 0, maxTicksLimit: 6 },
            },
          },
        },
      } as ChartConfiguration;
    }
  }
}
