import type { Measure } from '../domain.js';

/** A table as the templates print it: headers and rows of text, already formatted and suppressed. */
export interface Table {
  caption: string;
  headers: string[];
  rows: string[][];
  /** Right-align every column after the first. */
  numeric?: boolean;
}

export interface Tile {
  value: string;
  label: string;
  note?: string;
}

/** Data for a chart, in the report's words; charts/ turns it into a Chart.js configuration. */
export type ChartData =
  | {
      kind: 'before-after';
      measure: Measure;
      title: string;
      /** Axis range of the measure's scale. */
      min: number;
      max: number;
      meanPre: number;
      meanPost: number;
      /** 95% interval of the mean change, drawn on the "after" bar as meanPre + [low, high]. */
      afterInterval: [number, number] | null;
      higherIsBetter: boolean;
    }
  | {
      kind: 'bars';
      title: string;
      labels: string[];
      values: number[];
      horizontal: boolean;
      valueLabel: string;
    }
  | {
      kind: 'trend';
      title: string;
      labels: string[];
      referrals: (number | null)[] | null;
      families: (number | null)[];
    };

export interface Chart {
  data: ChartData;
  /** The text alternative: what the chart shows, in a sentence or two. */
  description: string;
  /** The drawn chart as a data: URL of vector SVG, added by charts/. */
  svg?: string;
}

export interface MeasureSection {
  id: Measure;
  name: string;
  longName: string;
  /** Sentences funders quote, generated from the model. */
  sentences: string[];
  chart?: Chart;
  table?: Table;
  /** Shown instead of a chart and table when there is nothing to show. */
  empty?: string;
}

/** Everything the HTML needs, formatted and with disclosure control applied. No HTML here. */
export interface ReportModel {
  lang: 'en-GB';
  documentTitle: string;
  subject: string;
  keywords: string[];
  organisation: { name: string; shortName?: string; charityNumber?: string; logo?: string };
  funder: string;
  grantTitle: string;
  grantId: string;
  periodLabel: string;
  periodWords: string;
  theme: string;
  colours: { primary: string; accent: string; organisation: string };
  funderLogo?: string;
  headline: string[];
  tiles: Tile[];
  measures: MeasureSection[];
  mentalHealth?: { sentences: string[]; table?: Table; empty?: string };
  reach: {
    sentences: string[];
    sourcesChart?: Chart;
    sourcesTable?: Table;
    trendChart?: Chart;
    trendTable: Table;
    servicesTable?: Table;
  };
  narrative?: string[];
  method: {
    definitions: string[];
    thresholds: Table;
    dataQuality: string[];
    disclosure: string[];
    provenance: Table;
  };
  smallNumbersNote: boolean;
}
