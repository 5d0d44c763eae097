import { loadConfig } from '../config/load.js';
import { parsePeriod } from '../config/period.js';
import { fromDay } from '../domain.js';
import { ExitCode } from '../errors.js';
import { loadInputs } from '../ingest/load.js';
import type { Io } from '../main.js';
import { reportError } from '../main.js';
import { plural } from '../report/format.js';
import { inScope } from '../stats/scope.js';

/** `impact-report validate`: checks configuration and inputs, writes nothing, summarises. */
export async function runValidate(configPath: string, io: Io): Promise<number> {
  try {
    const { config } = await loadConfig(configPath);
    for (const g of config.grants)
      if (g.defaultPeriod) parsePeriod(g.defaultPeriod, config.organisation.financialYearStart);
    const inputs = await loadInputs(config);
    const days = inputs.episodes.map((e) => e.referralDate);
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const d of days) {
      if (d < first) first = d;
      if (d > last) last = d;
    }
    io.out(`The configuration and input files are valid.`);
    io.out(
      `  ${plural(inputs.episodes.length, 'episode')}${inputs.episodes.length > 0 ? `, referred ${fromDay(first)} to ${fromDay(last)}` : ''}`,
    );
    io.out(
      `  referral counts: ${inputs.referrals === null ? 'no file configured' : plural(inputs.referrals.length, 'row')}`,
    );
    io.out(`  ${plural(config.grants.length, 'grant')}:`);
    for (const g of config.grants) {
      let matched = 0;
      for (const e of inputs.episodes) if (inScope(e, g.match)) matched++;
      io.out(
        `    ${g.id}: ${plural(matched, 'episode')} match${g.defaultPeriod ? ` (default period ${g.defaultPeriod})` : ''}`,
      );
    }
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io);
  }
}
