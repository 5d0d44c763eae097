import { dateInWords, type Period } from './config/period.js';
import { scoreColumns } from './config/schema.js';
import { closestKey } from './config/validate.js';
import { type Config, fromDay, type Grant, toDay } from './domain.js';
import type { Inputs } from './ingest/load.js';
import { type Reported, reportedBy } from './measures/in-force.js';

/** What a grant reports, given what the export holds (data.md §6). */
export const reportedFor = (grant: Grant, config: Config, inputs: Pick<Inputs, 'measures'>): Reported =>
  reportedBy(grant.measures, config.measures, config.composites, new Set(inputs.measures));

/** The headers a measure's columns are looked for under: `input.columns`' mapping, or `<id>_pre`/`<id>_post`. */
export const expectedHeaders = (config: Config, id: string) =>
  scoreColumns(id).map((column) => config.input.columns[column] ?? column);

/** Placeholder text a starter or a template leaves in a narrative. */
const PLACEHOLDERS = [
  /write a few sentences here/i,
  /lorem ipsum/i,
  /\bTODO\b/,
  /\[insert[^\]]*\]/i,
  /\bXXX\b/,
];

const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/** A `match` value that occurs in no row of the export, with the nearest values that do occur. */
function unmatched(grant: Grant, inputs: Pick<Inputs, 'summary'>): string[] {
  const match = grant.match;
  if (!match) return [];
  const seen = { funding: new Set<string>(), area: new Set<string>(), service: new Set<string>() };
  for (const e of inputs.summary.mix) {
    for (const code of e.funding) seen.funding.add(code);
    seen.area.add(e.area);
    seen.service.add(e.service);
  }
  const warnings: string[] = [];
  for (const key of ['funding', 'area', 'service'] as const) {
    const known = [...seen[key]].sort();
    for (const value of match[key] ?? []) {
      if (seen[key].has(value)) continue;
      const guess = closestKey(value, known);
      const some = known.slice(0, 8);
      warnings.push(
        `The grant "${grant.id}" matches ${key} "${value}", which no episode in the outcomes export has${guess ? ` (did you mean "${guess}"?)` : ''}, so it counts nobody under that condition. ${known.length === 0 ? 'The export has no episodes.' : `The values in the export are ${quoted(some)}${known.length > some.length ? ` and ${known.length - some.length} more` : ''}.`} Check the spelling under match: (values are matched exactly).`,
      );
    }
  }
  return warnings;
}

/**
 * Things that are not errors but would make a report mislead if nobody noticed, for `validate`
 * and the report's stderr: a listed measure the export has no column for (data.md §6), a
 * `match` value no episode has, a period that starts after the export's latest date, and
 * placeholder text left in a narrative.
 */
export function inputWarnings(
  config: Config,
  inputs: Pick<Inputs, 'measures' | 'summary'>,
  jobs: readonly { grant: Grant; period?: Period }[] = config.grants.map((grant) => ({ grant })),
): string[] {
  const warnings: string[] = [];
  const inExport = new Set(inputs.measures);
  const latest = inputs.summary.latest;
  const grants = [...new Set(jobs.map((j) => j.grant))];
  for (const grant of grants) {
    for (const m of reportedFor(grant, config, inputs).measures) {
      if (inExport.has(m.id)) continue;
      const [pre, post] = expectedHeaders(config, m.id);
      warnings.push(
        `The grant "${grant.id}" reports the ${m.name}, but the outcomes export has no "${pre}" or "${post}" column, so no ${m.name} scores can be shown. Add the columns to the export, map them with input.columns, or remove ${m.id} from the grant's measures.`,
      );
    }
    warnings.push(...unmatched(grant, inputs));
    if (grant.narrative && PLACEHOLDERS.some((p) => p.test(grant.narrative ?? '')))
      warnings.push(
        `The narrative of the grant "${grant.id}" still holds placeholder text; replace it with your own words before sending the report.`,
      );
  }
  for (const { grant, period } of jobs) {
    if (!period || latest === null || toDay(period.from) <= latest) continue;
    warnings.push(
      `The period ${period.label} for "${grant.id}" starts on ${dateInWords(period.from)}, after the latest date in the outcomes export (${dateInWords(fromDay(latest))}): nothing in it is known yet, although episodes still open then are counted as active. Export newer data, or choose an earlier period.`,
    );
  }
  return warnings;
}
