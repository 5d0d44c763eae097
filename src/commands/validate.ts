import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { parsePeriod, resolveRelativePeriod } from '../config/period.js';
import { settingLine } from '../config/validate.js';
import type { Config } from '../domain.js';
import { fromDay } from '../domain.js';
import { displayPath, ExitCode, type Problem, ReportError } from '../errors.js';
import { logoProblems } from '../html/logo.js';
import { type Inputs, loadInputs } from '../ingest/load.js';
import type { Io } from '../main.js';
import { reportError } from '../main.js';
import { TEMPLATES_DIR } from '../paths.js';
import { count, plural } from '../report/format.js';
import { inScope } from '../stats/scope.js';

/**
 * What the configuration names but parseConfig cannot check without the file system or the
 * period rules: each grant's default period, logos and themes. Problems name the setting's line.
 */
function checkReferences(config: Config, text: string, today: Date): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], value: string, message: string) =>
    problems.push({
      file: config.path,
      line: settingLine(text, path),
      setting: path.join('.'),
      value,
      message,
    });
  for (const g of config.grants) {
    if (g.defaultPeriod) {
      try {
        const fy = config.organisation.financialYearStart;
        parsePeriod(resolveRelativePeriod(g.defaultPeriod, today, fy), fy);
      } catch (error) {
        add(
          ['grants', g.id, 'period'],
          g.defaultPeriod,
          error instanceof Error ? error.message : String(error),
        );
      }
    }
    if (g.theme !== 'default' && !existsSync(join(TEMPLATES_DIR, 'themes', g.theme)))
      add(
        ['grants', g.id, 'brand', 'theme'],
        g.theme,
        'there is no such theme: expected the name of a folder under templates/themes/',
      );
  }
  problems.push(...logoProblems(config, text));
  return problems;
}

/** The summary `validate` prints when all is well. */
function summary(config: Config, inputs: Inputs): string[] {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const families = new Set<string>();
  for (const e of inputs.episodes) {
    if (e.referralDate < first) first = e.referralDate;
    if (e.referralDate > last) last = e.referralDate;
    families.add(e.familyId);
  }
  const n = inputs.episodes.length;
  const lines = [`${displayPath(config.path)} and the input files are valid. Nothing was written.`];
  lines.push(
    `  outcomes:  ${displayPath(config.input.outcomes)}: ${plural(n, 'episode')} of ${plural(families.size, 'family', 'families')}${n > 0 ? `, referred ${fromDay(first)} to ${fromDay(last)}` : ' (a report will say there is nothing to show)'}`,
  );
  if (inputs.referrals === null) lines.push('  referrals: no file configured');
  else {
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    let total = 0;
    for (const r of inputs.referrals) {
      from = Math.min(from, r.month);
      to = Math.max(to, r.month);
      total += r.count;
    }
    const span =
      inputs.referrals.length > 0 ? `, ${fromDay(from).slice(0, 7)} to ${fromDay(to).slice(0, 7)}` : '';
    lines.push(
      `  referrals: ${displayPath(config.input.referrals ?? '')}: ${plural(inputs.referrals.length, 'row')}, ${plural(total, 'referral')}${span}`,
    );
  }
  lines.push(`  ${plural(config.grants.length, 'grant')}:`);
  const width = Math.max(...config.grants.map((g) => g.id.length));
  for (const g of config.grants) {
    let matched = 0;
    for (const e of inputs.episodes) if (inScope(e, g.match)) matched++;
    lines.push(
      `    ${g.id.padEnd(width)}  ${count(matched).padStart(count(n).length)} of ${count(n)} episodes match${g.defaultPeriod ? `  (default period ${g.defaultPeriod})` : '  (no default period: pass --period)'}`,
    );
  }
  return lines;
}

/** `impact-report validate`: checks configuration and inputs, writes nothing, summarises. */
export async function runValidate(configPath: string, io: Io): Promise<number> {
  try {
    const { config, bytes } = await loadConfig(configPath);
    const problems = checkReferences(config, bytes.toString('utf8').replace(/^\uFEFF/, ''), io.now());
    if (problems.length > 0)
      throw new ReportError(
        `The configuration file ${configPath} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}.`,
        ExitCode.usage,
        'Fix the configuration file and run again. Nothing was written.',
        problems,
      );
    const inputs = await loadInputs(config);
    for (const line of summary(config, inputs)) io.out(line);
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io);
  }
}
