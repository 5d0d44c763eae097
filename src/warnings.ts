import { scoreColumns } from './config/schema.js';
import type { Config, Grant } from './domain.js';
import type { Inputs } from './ingest/load.js';
import { type Reported, reportedBy } from './measures/in-force.js';

/** What a grant reports, given what the export holds (data.md §6). */
export const reportedFor = (grant: Grant, config: Config, inputs: Pick<Inputs, 'measures'>): Reported =>
  reportedBy(grant.measures, config.measures, config.composites, new Set(inputs.measures));

/** The headers a measure's columns are looked for under: `input.columns`' mapping, or `<id>_pre`/`<id>_post`. */
export const expectedHeaders = (config: Config, id: string) =>
  scoreColumns(id).map((column) => config.input.columns[column] ?? column);

/**
 * Things that are not errors but would make a report mislead if nobody noticed, for `validate`
 * and the report's stderr: a grant that lists a measure the export has no column for (data.md §6).
 */
export function inputWarnings(
  config: Config,
  inputs: Pick<Inputs, 'measures'>,
  grants = config.grants,
): string[] {
  const warnings: string[] = [];
  const inExport = new Set(inputs.measures);
  for (const grant of grants) {
    for (const m of reportedFor(grant, config, inputs).measures) {
      if (inExport.has(m.id)) continue;
      const [pre, post] = expectedHeaders(config, m.id);
      warnings.push(
        `The grant "${grant.id}" reports the ${m.name}, but the outcomes export has no "${pre}" or "${post}" column, so no ${m.name} scores can be shown. Add the columns to the export, map them with input.columns, or remove ${m.id} from the grant's measures.`,
      );
    }
  }
  return warnings;
}
