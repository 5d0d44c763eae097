import { loadConfig } from '../config/load.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../main.js';
import { reportError } from '../main.js';

/** `impact-report list`: grants, their funders and default periods. */
export async function runList(configPath: string, io: Io): Promise<number> {
  try {
    const { config } = await loadConfig(configPath);
    const rows = config.grants.map((g) => [g.id, g.funder, g.defaultPeriod ?? '(none: pass --period)']);
    const widths = [0, 1, 2].map((i) =>
      Math.max(...[['GRANT', 'FUNDER', 'DEFAULT PERIOD'], ...rows].map((r) => (r[i] ?? '').length)),
    );
    for (const r of [['GRANT', 'FUNDER', 'DEFAULT PERIOD'], ...rows])
      io.out(
        r
          .map((c, i) => (c ?? '').padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      );
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io);
  }
}
