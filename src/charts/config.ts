import type { ChartConfiguration, Plugin } from 'chart.js';
import { FONT_FAMILY } from '../paths.js';
import type { ChartData } from '../report/model.js';

const INK = '#1F2933';
const MUTED = '#9AA5B1';
const GRID = '#E4E7EB';

export interface Palette {
  primary: string;
  accent: string;
}

/** Writes each bar's value above or beside it, so the chart can be read without axes. */
export const valueLabels: Plugin = {
  id: 'valueLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    ctx.save();
    ctx.fillStyle = INK;
    ctx.font = `600 13px "${FONT_FAMILY}"`;
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.type !== 'bar' || (dataset as { labelValues?: boolean }).labelValues === false) return;
      meta.data.forEach((element, j) => {
        const raw = dataset.data[j];
        if (typeof raw !== 'number') return;
        const text = Number.isInteger(raw) ? String(raw) : raw.toFixed(1);
        const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number };
        if (horizontal) {
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText(text, x + 6, y);
        } else {
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          ctx.fillText(text, x, y - 4);
        }
      });
    });
    ctx.restore();
  },
};

const baseOptions = {
  animation: false as const,
  responsive: false,
  devicePixelRatio: 1,
  layout: { padding: { top: 24, right: 36, bottom: 4, left: 4 } },
};

/** The report's chart data → a Chart.js configuration. Pure. */
export function chartConfiguration(data: ChartData, palette: Palette): ChartConfiguration {
  const font = { family: FONT_FAMILY, size: 13 };
  const title = { display: false, text: data.title };
  switch (data.kind) {
    case 'before-after': {
      const datasets: ChartConfiguration<'bar'>['data']['datasets'] = [
        {
          label: 'Mean score',
          data: [data.meanPre, data.meanPost],
          backgroundColor: [MUTED, palette.primary],
          barPercentage: 0.6,
          grouped: false,
        },
      ];
      if (data.afterInterval) {
        datasets.push({
          label: '95% interval of the change',
          data: [null, data.afterInterval] as unknown as number[],
          backgroundColor: INK,
          barPercentage: 0.04,
          grouped: false,
          labelValues: false,
        } as ChartConfiguration<'bar'>['data']['datasets'][number]);
      }
      return {
        type: 'bar',
        data: { labels: ['Before', 'After'], datasets },
        options: {
          ...baseOptions,
          plugins: { legend: { display: false }, title },
          scales: {
            x: { grid: { display: false }, ticks: { color: INK, font: { ...font, size: 14 } } },
            y: {
              min: data.min,
              max: data.max,
              grid: { color: GRID },
              ticks: { color: INK, font },
              title: {
                display: true,
                text: data.higherIsBetter ? 'Score (higher is better)' : 'Score (lower is better)',
                color: INK,
                font,
              },
            },
          },
        },
        plugins: [valueLabels],
      } as ChartConfiguration;
    }
    case 'bars':
      return {
        type: 'bar',
        data: {
          labels: data.labels,
          datasets: [
            {
              label: data.valueLabel,
              data: data.values,
              backgroundColor: palette.primary,
              barPercentage: 0.7,
            },
          ],
        },
        options: {
          ...baseOptions,
          indexAxis: data.horizontal ? 'y' : 'x',
          plugins: { legend: { display: false }, title },
          scales: {
            x: { grid: { color: GRID }, ticks: { color: INK, font, precision: 0 }, beginAtZero: true },
            y: { grid: { display: false }, ticks: { color: INK, font } },
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
          backgroundColor: palette.accent,
          barPercentage: 0.6,
        });
      }
      datasets.push({
        type: 'line',
        label: 'Families served',
        data: data.families,
        borderColor: palette.primary,
        backgroundColor: palette.primary,
        borderWidth: 3,
        pointRadius: 4,
        spanGaps: false,
      });
      return {
        type: 'bar',
        data: { labels: data.labels, datasets },
        options: {
          ...baseOptions,
          plugins: { legend: { display: true, position: 'bottom', labels: { color: INK, font } }, title },
          scales: {
            x: { grid: { display: false }, ticks: { color: INK, font } },
            y: { beginAtZero: true, grid: { color: GRID }, ticks: { color: INK, font, precision: 0 } },
          },
        },
        plugins: [valueLabels],
      } as ChartConfiguration;
    }
  }
}
