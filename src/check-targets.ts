import { targetProblems } from './config/validate.js';
import type { Config, Grant } from './domain.js';
import { displayPath, ExitCode, ReportError } from './errors.js';
import type { StatsModel } from './stats/model.js';
import { unknownTargets } from './stats/targets.js';

/**
 * Every grant's targets against the figures its model really has (statistics.md `targets`),
 * before any report is written: an unknown path is a configuration error (exit 2) at its line.
 */
export function checkTargets(
  config: Config,
  configText: string,
  models: readonly { grant: Grant; stats: StatsModel }[],
): void {
  const seen = new Set<string>();
  const problems = models.flatMap(({ grant, stats }) => {
    const unknown = unknownTargets(grant.targets ?? [], stats)
      .map(({ target, nearest }) => ({ field: target.field, nearest }))
      // A batch reports a grant for several periods: each wrong target once.
      .filter((u) => !seen.has(`${grant.id}\n${u.field}`));
    for (const u of unknown) seen.add(`${grant.id}\n${u.field}`);
    return targetProblems(configText, config.path, grant.id, unknown);
  });
  if (problems.length > 0)
    throw new ReportError(
      `The configuration file ${displayPath(config.path)} has ${problems.length === 1 ? 'a target' : `${problems.length} targets`} naming no figure of the report.`,
      ExitCode.usage,
      'Fix the target paths under the grant’s targets: and run again. Nothing was written.',
      problems,
    );
}
