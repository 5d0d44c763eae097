import { describe, expect, it } from 'vitest';
import {
  CHART_FONT_FAMILY,
  chartConfiguration,
  chartSizeMm,
  PX_PER_MM,
  TEXT_PX,
  tickStep,
} from '../../src/charts/config.js';
import type { ChartData } from '../../src/report/model.js';

const palette = { primary: '#00754A', accent: '#8CC63F' };
const beforeAfter: ChartData = {
  kind: 'before-after',
  measure: 'phq9',
  title: 'PHQ-9',
  min: 0,
  max: 27,
  meanPre: 11.25,
  meanPost: 7.05,
  preText: '11.3',
  postText: '7.1',
  afterInterval: [4.75, 9.15],
  cutoff: 10,
  higherIsBetter: false,
};

/** The parts of Chart.js options these tests read. */
interface Options {
  animation?: unknown;
  indexAxis?: string;
  plugins: Record<string, unknown>;
  scales: { y: { min?: number; max?: number; ticks: Record<string, unknown>; title: { text: string } } };
}
const optionsOf = (config: { options?: unknown }) => config.options as Options;

/** Every `font` object anywhere in a configuration. */
function fonts(value: unknown): { family?: string; size?: number }[] {
  if (!value || typeof value !== 'object') return [];
  const own = 'font' in value && typeof value.font === 'object' ? [value.font as { family?: string }] : [];
  return [...own, ...Object.values(value).flatMap(fonts)];
}

describe('chart configurations', () => {
  it('before and after: the printed means under the bars, the interval and cut-off as plugins', () => {
    const config = chartConfiguration(beforeAfter, palette);
    expect(config.type).toBe('bar');
    expect(config.data.labels).toEqual([
      ['Before', '11.3'],
      ['After', '7.1'],
    ]);
    expect(config.data.datasets[0]?.data).toEqual([11.25, 7.05]);
    const options = optionsOf(config);
    expect(options.plugins.intervalWhisker).toEqual({ index: 1, range: [4.75, 9.15] });
    expect(options.plugins.cutoffLine).toEqual({ value: 10 });
    expect(options.scales.y).toMatchObject({ min: 0, max: 27 });
    expect(options.scales.y.ticks).toMatchObject({ stepSize: 5, includeBounds: false });
    expect(options.scales.y.title.text).toBe('Mean score (lower is better)');
    expect(options.animation).toBe(false);
  });

  it('no whisker without an interval', () => {
    const config = chartConfiguration({ ...beforeAfter, afterInterval: null }, palette);
    expect(optionsOf(config).plugins.intervalWhisker).toBeUndefined();
  });

  it('bars: horizontal, brand-coloured, labelled with the printed values', () => {
    const config = chartConfiguration(
      {
        kind: 'bars',
        title: 'Referrals by source',
        labels: ['Health visitor', 'Other'],
        values: [1234, 5],
        valueTexts: ['1,234', '5'],
        valueLabel: 'Referrals',
      },
      palette,
    );
    const options = optionsOf(config);
    expect(options.indexAxis).toBe('y');
    expect(options.plugins.valueLabels).toEqual({ texts: ['1,234', '5'] });
    expect(config.data.datasets[0]?.backgroundColor).toBe('#00754A');
  });

  it('trend: referrals as bars in the accent, families as a line, suppressed counts left as gaps', () => {
    const config = chartConfiguration(
      { kind: 'trend', title: 't', labels: ['Q1', 'Q2'], referrals: [26, null], families: [6, null] },
      palette,
    );
    expect(config.data.datasets.map((d) => [d.type, d.label, d.data])).toEqual([
      ['bar', 'Referrals', [26, null]],
      ['line', 'Families served', [6, null]],
    ]);
    const withoutReferrals = chartConfiguration(
      { kind: 'trend', title: 't', labels: ['Q1'], referrals: null, families: [6] },
      palette,
    );
    expect(withoutReferrals.data.datasets.map((d) => d.label)).toEqual(['Families served']);
  });

  it('every font is the shipped family, quoted so node-canvas accepts it', () => {
    expect(CHART_FONT_FAMILY).toBe('"Source Sans 3"');
    const all = ['before-after', 'bars', 'trend'].flatMap((kind) =>
      fonts(
        chartConfiguration(
          kind === 'before-after'
            ? beforeAfter
            : kind === 'bars'
              ? { kind: 'bars', title: '', labels: ['a'], values: [5], valueTexts: ['5'], valueLabel: '' }
              : { kind: 'trend', title: '', labels: ['a'], referrals: [5], families: [5] },
          palette,
        ).options,
      ),
    );
    expect(all.length).toBeGreaterThan(5);
    for (const font of all) expect(font.family).toBe(CHART_FONT_FAMILY);
  });
});

describe('chart sizes', () => {
  it('are in millimetres and grow with the number of bars', () => {
    expect(chartSizeMm(beforeAfter)).toEqual({ width: 62, height: 58 });
    const bars = (n: number) =>
      chartSizeMm({
        kind: 'bars',
        title: '',
        labels: Array(n).fill('x'),
        values: [],
        valueTexts: [],
        valueLabel: '',
      });
    expect(bars(8).height).toBeGreaterThan(bars(3).height);
  });

  it('make chart text about the size of body text (9–10 pt beside 10.5 pt)', () => {
    const pt = (px: number) => (px / PX_PER_MM / 25.4) * 72;
    expect(pt(TEXT_PX.tick)).toBeGreaterThanOrEqual(8.5);
    expect(pt(TEXT_PX.label)).toBeLessThanOrEqual(10.5);
  });

  it('tick steps are round', () => {
    expect(tickStep(0, 27)).toBe(5);
    expect(tickStep(0, 21)).toBe(5);
    expect(tickStep(0, 100)).toBe(20);
  });
});
