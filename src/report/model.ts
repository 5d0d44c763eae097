/** A table as the templates print it: headers and rows of text, already formatted and suppressed. */
export interface Table {
  caption: string;
  headers: string[];
  rows: string[][];
  /** Right-align every column after the first, headers included. */
  numeric?: boolean;
  /** Short notes printed under the table (what a dash means, where a count comes from). */
  notes?: string[];
  /** Each row's first cell names a measure (for the CSV's `measure` column). */
  measureRows?: boolean;
  /** The denominator of each cell as printed, where it has one (rows × columns, for the CSV). */
  denominators?: (string | undefined)[][];
  /** A class per row, for the look of a row (e.g. a target met or not): never its only sign. */
  rowClasses?: string[];
}

export interface Tile {
  value: string;
  label: string;
  note?: string;
  /** The measure the tile is about, if any (for the CSV). */
  measure?: string;
  /** The denominator of a share, as printed ("20"); absent when the value says it ("6 of 8"). */
  denominator?: string;
  /** The period before, where it served anyone: "up from 18 in 2023". */
  previous?: Comparison;
}

/** A tile's figure beside the period before's. */
export interface Comparison {
  /** As printed on the tile: "up from 18 in 2023", "too few parents in 2023 to compare". */
  text: string;
  /** The period before's figure as printed ("18", "78%"), when it is shown. */
  value?: string;
  denominator?: string;
  /** The period before in a few words: "2023", "Oct–Dec 2023", "2024–25". */
  period: string;
}

/**
 * A figure a sentence states that no tile or table shows, so the CSV can list it
 * ("parents referred in the period", "median sessions"): as printed, after disclosure control.
 */
export interface Figure {
  figure: string;
  value: string;
  measure?: string;
  denominator?: string;
  note?: string;
}

/** A parent's words (data.md §8), as paragraphs, with the attribution if any. */
export interface StoryText {
  paragraphs: string[];
  who?: string;
}

/** Data for a chart, in the report's words; charts/ turns it into a Chart.js configuration. */
export type ChartData =
  | {
      kind: 'before-after';
      /** The measure's id. */
      measure: string;
      title: string;
      /** Axis range of the measure's scale. */
      min: number;
      max: number;
      meanPre: number;
      meanPost: number;
      /** The means as printed in the text ("39.9"), shown under each bar. */
      preText: string;
      postText: string;
      /** 95% interval of the mean change, drawn on the "after" bar as meanPre + [low, high]. */
      afterInterval: [number, number] | null;
      /** The clinical cut-off, drawn as a dashed line; null: the measure has none. */
      cutoff: number | null;
      higherIsBetter: boolean;
    }
  | {
      kind: 'bars';
      title: string;
      labels: string[];
      values: number[];
      /** The values as printed in the text ("1,234"). */
      valueTexts: string[];
      valueLabel: string;
    }
  | {
      kind: 'trend';
      title: string;
      labels: string[];
      /** Counts below minCell are null: not drawn. */
      referrals: (number | null)[] | null;
      families: (number | null)[];
    };

export interface Chart {
  data: ChartData;
  /** The text alternative: what the chart shows, in a sentence or two. */
  description: string;
  /** A short visible caption under the chart, when it needs one. */
  caption?: string;
  /** The drawn chart as a data: URL of vector SVG, added by charts/. */
  svg?: string;
  /** Its printed size in millimetres, set by charts/ so chart text matches the body text. */
  widthMm?: number;
  heightMm?: number;
}

export interface MeasureSection {
  /** The measure's or composite's id. */
  id: string;
  name: string;
  /** Absent when it would only repeat the name. */
  longName?: string;
  /** Sentences funders quote, generated from the model, each with its denominator. */
  sentences: string[];
  chart?: Chart;
  /** Shown instead of a chart when there is nothing to draw. */
  empty?: string;
  /** Figures only its sentences state (mean before and after), for the CSV. */
  figures?: Figure[];
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
  /** No episode was active or ended in the period: a short report, without empty tables or charts. */
  empty: boolean;
  headline: string[];
  /** What the report covers: whose work, where, when; and whom the outcomes are about. */
  scope: string;
  /** Families served and referrals. */
  reachTiles: Tile[];
  /** Outcome headlines; none when no episode ended. */
  outcomeTiles: Tile[];
  /** "Promised and delivered": the grant's targets and results; absent without targets. */
  targets?: Table;
  outcomes: {
    /** Said once instead of a section per measure when no episode ended in the period. */
    empty?: string;
    /** One row per measure: n, improved, mean change and interval, reliable improvement, recovery. */
    summary?: Table;
    /** The grant's measures in order, each composite just before the first of its measures. */
    sections: MeasureSection[];
  };
  reach: {
    sentences: string[];
    /** Waiting from referral to first session (statistics.md `access`). */
    access: string[];
    /** How work ended: courses finished, planned endings (statistics.md `engagement`). */
    engagement: string[];
    sourcesChart?: Chart;
    sourcesTable?: Table;
    trendChart?: Chart;
    trendTable?: Table;
    servicesTable?: Table;
    /** Figures only the sentences state, for the CSV. */
    figures?: Figure[];
  };
  /** "Who we reached", when profile columns are declared (report.md). */
  who?: {
    sentences: string[];
    /** What the yes/no sentences state, for the CSV. */
    figures: Figure[];
    /** A category column drawn as a chart, beside its table (deprivation deciles). */
    figure?: { chart: Chart; table: Table };
    /** The other category columns' tables. */
    tables: Table[];
  };
  narrative?: string[];
  /** Quotes from parents, printed with the narrative in "In their words". */
  stories?: StoryText[];
  method: {
    definitions: string[];
    thresholds: Table;
    /** Per measure: its scale, direction and where its thresholds come from. */
    measures: string[];
    dataQuality: string[];
    disclosure: string[];
    provenance: Table;
  };
  smallNumbersNote: boolean;
}
