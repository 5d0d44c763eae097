import { loadConfig } from '../config/load.js';
import type { Grant } from '../domain.js';
import { ExitCode, ReportError } from '../errors.js';
import { loadInputs } from '../ingest/load.js';
import type { Io } from '../main.js';
import { reportError } from '../main.js';
import { episodesMatched } from '../stats/scope.js';

/** Each grant's targets under its id: path, promise and label, in configuration order. */
export function targetLines(grants: readonly Grant[]): string[] {
  const withTargets = grants.filter((g) => (g.targets ?? []).length > 0);
  if (withTargets.length === 0) return [];
  const lines = ['', 'TARGETS (what each grant agreement promised; `validate` checks them against the data)'];
  for (const g of withTargets) {
    const targets = g.targets ?? [];
    const rows = targets.map((t) => [
      t.field,
      `${t.direction === 'atLeast' ? 'at least' : 'at most'} ${t.target}`,
      t.label ?? '',
    ]);
    const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    lines.push(`  ${g.id}`);
    for (const r of rows)
      lines.push(
        `    ${(r[0] ?? '').padEnd(widths[0] ?? 0)}  ${(r[1] ?? '').padEnd(widths[1] ?? 0)}  ${r[2]}`.trimEnd(),
      );
  }
  return lines;
}

/** `impact-report list`: grants, funders, default periods and how many episodes each matches. */
export async function runList(configPath: string, io: Io): Promise<number> {
  try {
    const { config } = await loadConfig(configPath);
    let matched: (g: (typeof config.grants)[number]) => string = () => '?';
    let problem: ReportError | undefined;
    try {
      const { summary } = await loadInputs(config, 'none', { hash: false, families: false });
      matched = (g) => String(episodesMatched(summary, g.match));
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
    for (const line of targetLines(config.grants)) io.out(line);
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
