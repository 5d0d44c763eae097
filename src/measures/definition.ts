/**
 * What the tool knows about an outcome measure (data.md §6): a questionnaire or rating scored
 * once at the start and once at the end of an episode. Built-in measures are defined one a file
 * beside this one; a charity defines its own under `measures:` in impact-report.yaml.
 */
export interface MeasureDefinition {
  /** Column prefix (`<id>_pre`, `<id>_post`) and JSON key: a-z, then a-z, 0-9 or _. */
  id: string;
  /** Short name, as printed: "PHQ-9". */
  name: string;
  longName: string;
  min: number;
  max: number;
  better: 'higher' | 'lower';
  /** Scores may have decimals (written with a point); otherwise whole numbers only. */
  decimals: boolean;
  /** R: points of change, in the better direction, that count as reliable. */
  reliableChange: number;
  /** The clinical range is ≥ cut-off where lower is better, ≤ where higher is better; null: none. */
  clinicalCutoff: number | null;
  /** How the report says a parent improved: "showed fewer symptoms of depression". */
  improved: string;
  /** What the measure is about in a word or two, beside its name in tables: "depression". */
  topic?: string;
  /** Where the reliable-change threshold and cut-off come from, for the method section. */
  source: string;
  /** Copyright and licence, for the documentation: the tool never prints a measure's items. */
  licence?: string;
  /** The catalogue's own measures; configured ones are false. */
  builtIn: boolean;
}

/** Measures read together (data.md §6), as NHS Talking Therapies reads PHQ-9 and GAD-7. */
export interface CompositeDefinition {
  id: string;
  name: string;
  longName: string;
  /** Two or more distinct measure ids. */
  measures: string[];
  /** How the report says a parent improved on the composite. */
  improved: string;
  /** What a parent recovers from, in words ("depression or anxiety"); absent: said generically. */
  recoveredFrom?: string;
  /** statistics.md keeps mentalHealth's v1 field `bothPaired` beside `allPaired`. */
  bothPaired?: boolean;
  builtIn: boolean;
}

/** Direction d of statistics.md: +1 where higher is better, −1 where lower is better. */
export const direction = (m: Pick<MeasureDefinition, 'better'>): 1 | -1 => (m.better === 'higher' ? 1 : -1);

/** The clinical range (data.md §6): ≥ cut-off where lower is better, ≤ where higher is better. */
export function inClinicalRange(
  m: Pick<MeasureDefinition, 'better' | 'clinicalCutoff'>,
  score: number,
): boolean {
  if (m.clinicalCutoff === null) return false;
  return m.better === 'higher' ? score <= m.clinicalCutoff : score >= m.clinicalCutoff;
}

/** z for a two-sided 95% interval, as statistics.md writes it. */
export const Z95 = 1.959963984540054;

/** Jacobson–Truax reliable change: R = 1.96 · sd · √(2 · (1 − r)) (data.md §6). */
export const jacobsonTruax = (sd: number, r: number) => Z95 * sd * Math.sqrt(2 * (1 - r));

/** The pattern a configured measure or composite id must match (data.md §6). */
export const MEASURE_ID = /^[a-z][a-z0-9_]*$/;
