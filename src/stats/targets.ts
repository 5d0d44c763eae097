import type { Target } from '../domain.js';

/** statistics.md `targets`: one promised figure and what was delivered. */
export interface TargetResult {
  field: string;
  label: string | null;
  direction: 'atLeast' | 'atMost';
  target: number;
  actual: number | null;
  /** actual ≥ target (atLeast) or ≤ target (atMost); null when actual is null. */
  met: boolean | null;
}

/**
 * Parts of the model that are not results, so never a target: who and when, the measures'
 * definitions (their ranges are numbers, but nobody promises a scale's maximum), the
 * provenance, and the two sections made from the others.
 */
const NOT_RESULTS = new Set(['grant', 'period', 'measures', 'provenance', 'previous', 'targets']);

/** Interval fields (`pctImprovedCi95`, `meanChangeCi95`) are `[low, high]` or null: not one number. */
const isInterval = (key: string) => key.endsWith('Ci95');

/**
 * Every numeric field of a model as its dotted path, with its value: found by walking the model
 * itself, so any section the model gains (access, engagement, profile, …) is covered without a
 * list here. A field that is null (a percentage of nobody) is still a numeric field.
 */
export function numericFields(model: object): Map<string, number | null> {
  const fields = new Map<string, number | null>();
  const walk = (node: object, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (!prefix && NOT_RESULTS.has(key)) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof value === 'number') fields.set(path, value);
      else if (value === null) {
        if (!isInterval(key)) fields.set(path, null);
      } else if (typeof value === 'object' && !Array.isArray(value)) walk(value, path);
    }
  };
  walk(model, '');
  return fields;
}

/** statistics.md `targets`: each configured target against the model's value at its path. */
export function targetResults(targets: readonly Target[], model: object): TargetResult[] {
  const fields = numericFields(model);
  return targets.map((t) => {
    const actual = fields.get(t.field) ?? null;
    const met = actual === null ? null : t.direction === 'atLeast' ? actual >= t.target : actual <= t.target;
    return { field: t.field, label: t.label, direction: t.direction, target: t.target, actual, met };
  });
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_-]/g, '');

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The valid path nearest a misspelt one, segment by segment (`outcomes.pirgass.pctImprovd` →
 * `outcomes.pirgas.pctImproved`): the sum of each segment's edit distance, a missing or extra
 * segment costing its length. Ties go to the first in the model's order.
 */
export function nearestField(path: string, valid: Iterable<string>): string | undefined {
  const wanted = path.split('.').map(squash);
  let best: string | undefined;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const candidate of valid) {
    const parts = candidate.split('.').map(squash);
    let cost = 0;
    for (let i = 0; i < Math.max(parts.length, wanted.length); i++) {
      const [a, b] = [wanted[i], parts[i]];
      cost += a === undefined ? (b ?? '').length : b === undefined ? a.length : editDistance(a, b);
      if (cost >= bestCost) break;
    }
    if (cost < bestCost) {
      best = candidate;
      bestCost = cost;
    }
  }
  return best;
}

/** Targets whose path names no numeric field of the model, each with the nearest valid path. */
export function unknownTargets(
  targets: readonly Target[],
  model: object,
): { target: Target; nearest: string | undefined }[] {
  const fields = numericFields(model);
  return targets
    .filter((t) => !fields.has(t.field))
    .map((target) => ({ target, nearest: nearestField(target.field, fields.keys()) }));
}
