import { loadConfig } from '../config/load.js';
import { ExitCode, ReportError } from '../errors.js';
import { loadInputs } from '../ingest/load.js';
import type { Io } from '../main.js';
import { reportError } from '../main.js';
import { inScope } from '../stats/scope.js';

/** `impact-report list`: grants, funders, default periods and how many episodes each matches. */
export async function runList(configPath: string, io: Io): Promise<number> {
  try {
    const { config } = await loadConfig(configPath);
    let matched: (g: (typeof config.grants)[number]) => string = () => '?';
    let problem: ReportError | undefined;
    try {
      const { episodes } = await loadInputs(config);
      matched = (g) => {
        let n = 0;
        for (const e of episodes) if (inScope(e, g.match)) n++;
        return String(n);
      };
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      problem = error;
    }
    const header = ['GRANT', 'FUNDER', 'DEFAULT PERIOD', 'EPISODES'];
    const rows = config.grants.map((g) => [
      g.id,
      g.funder,
      g.defaultPeriod ?? '(none: use --period)',
      matched(g),
    ]);
    const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
    for (const r of [header, ...rows]) {
      io.out(
        r
          .map((c, i) => (i === r.length - 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
          .join('  ')
          .trimEnd(),
      );
    }
    if (problem) {
      io.err('');
      io.err(
        'Episodes could not be counted because the input has problems; `impact-report validate` lists them.',
      );
      return problem.exitCode;
    }
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io);
  }
}
