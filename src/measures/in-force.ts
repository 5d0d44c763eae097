import { BUILT_IN_COMPOSITES, BUILT_IN_MEASURES } from './catalogue.js';
import { type CompositeDefinition, jacobsonTruax, type MeasureDefinition } from './definition.js';

/** A measure as impact-report.yaml defines it under `measures:` (data.md §6). */
export interface ConfiguredMeasure {
  name: string;
  longName?: string;
  min: number;
  max: number;
  better: 'higher' | 'lower';
  decimals: boolean;
  reliableChange?: number;
  reliability?: { sd: number; r: number };
  clinicalCutoff?: number | null;
  improved?: string;
}

/** `thresholds.<id>`: an override of R and/or the cut-off; `clinicalCutoff: null` removes it. */
export interface ThresholdOverride {
  reliableChange?: number;
  clinicalCutoff?: number | null;
}

/** "R 6, cut-off 10": a definition's thresholds in a few words, for the method section's sources. */
const thresholdsInWords = (m: MeasureDefinition) =>
  `reliable change ${m.reliableChange}, ${m.clinicalCutoff === null ? 'no cut-off' : `cut-off ${m.clinicalCutoff}`}`;

function configured(id: string, m: ConfiguredMeasure): MeasureDefinition {
  const fromReliability = m.reliability
    ? `Jacobson–Truax reliable change from sd ${m.reliability.sd} and reliability ${m.reliability.r}`
    : undefined;
  return {
    id,
    name: m.name,
    longName: m.longName ?? m.name,
    min: m.min,
    max: m.max,
    better: m.better,
    decimals: m.decimals,
    reliableChange:
      m.reliableChange ?? (m.reliability ? jacobsonTruax(m.reliability.sd, m.reliability.r) : Number.NaN),
    clinicalCutoff: m.clinicalCutoff ?? null,
    improved: m.improved ?? `showed an improvement on the ${m.name}`,
    source: [fromReliability, 'defined in this organisation’s configuration'].filter(Boolean).join('; '),
    builtIn: false,
  };
}

/**
 * Every measure in force (data.md §6): the built-in catalogue, then the configured measures in
 * configuration order, each with its `thresholds:` override applied.
 */
export function measuresInForce(
  measures: Readonly<Record<string, ConfiguredMeasure>>,
  thresholds: Readonly<Record<string, ThresholdOverride | undefined>>,
): MeasureDefinition[] {
  const all = [...BUILT_IN_MEASURES, ...Object.entries(measures).map(([id, m]) => configured(id, m))];
  return all.map((m) => {
    const override = thresholds[m.id];
    if (!override || (override.reliableChange === undefined && override.clinicalCutoff === undefined))
      return m;
    const next: MeasureDefinition = {
      ...m,
      reliableChange: override.reliableChange ?? m.reliableChange,
      clinicalCutoff: override.clinicalCutoff === undefined ? m.clinicalCutoff : override.clinicalCutoff,
    };
    return {
      ...next,
      source: `set in this organisation’s configuration (${thresholdsInWords(next)}); the default (${thresholdsInWords(m)}) comes from ${m.source}`,
    };
  });
}

/** Every composite in force: the built-in ones, then the configured ones in configuration order. */
export function compositesInForce(
  composites: Readonly<Record<string, { name: string; longName?: string; measures: string[] }>>,
): CompositeDefinition[] {
  return [
    ...BUILT_IN_COMPOSITES,
    ...Object.entries(composites).map(([id, c]) => ({
      id,
      name: c.name,
      longName: c.longName ?? c.name,
      measures: [...new Set(c.measures)],
      improved: `showed improvement as measured by the ${c.name}`,
      builtIn: false,
    })),
  ];
}

/** What a grant reports: its measures in order, then its composites (statistics.md's key order). */
export interface Reported {
  measures: MeasureDefinition[];
  composites: CompositeDefinition[];
}

/**
 * data.md §6: the measures a grant reports are those it lists (ids of composites aside), or by
 * default every measure whose `_pre` or `_post` column the export has, in catalogue order; it
 * reports a composite when it reports every one of the composite's measures. Ids are checked
 * against the catalogue when the configuration is read.
 */
export function reportedBy(
  listed: readonly string[] | null,
  measures: readonly MeasureDefinition[],
  composites: readonly CompositeDefinition[],
  inExport: ReadonlySet<string>,
): Reported {
  const byId = new Map(measures.map((m) => [m.id, m]));
  const chosen =
    listed === null
      ? measures.filter((m) => inExport.has(m.id))
      : [...new Set(listed)].flatMap((id) => byId.get(id) ?? []);
  const ids = new Set(chosen.map((m) => m.id));
  return { measures: chosen, composites: composites.filter((c) => c.measures.every((id) => ids.has(id))) };
}
