import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkTargets } from '../check-targets.js';
import { configText, loadConfig } from '../config/load.js';
import { type Period, parsePeriod, resolveRelativePeriod } from '../config/period.js';
import { settingLine } from '../config/validate.js';
import type { Config, Grant } from '../domain.js';
import { fromDay } from '../domain.js';
import { displayPath, ExitCode, type Problem, ReportError } from '../errors.js';
import { logoProblems } from '../html/logo.js';
import { type Inputs, loadInputs } from '../ingest/load.js';
import type { Io } from '../main.js';
import { keepFor, reportError, statsFor } from '../main.js';
import { TEMPLATES_DIR, toolVersion } from '../paths.js';
import { colourNoteText } from '../report/contrast.js';
import { count, plural } from '../report/format.js';
import { listInWords } from '../report/words.js';
import type { StatsModel } from '../stats/model.js';
import { episodesMatched } from '../stats/scope.js';
import { inputWarnings } from '../warnings.js';

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

/**
 * The model each grant with targets is checked against: its default period's, or without one
 * the whole span of the data (the figures a model has do not depend on the period, but for
 * referral sources and services, which the whole span has all of).
 */
async function targetModels(
  config: Config,
  inputs: Inputs,
  targets: { grant: Grant; period: Period | undefined }[],
  today: Date,
): Promise<{ grant: Grant; stats: StatsModel }[]> {
  const models: { grant: Grant; stats: StatsModel }[] = [];
  for (const { grant, period } of targets) {
    const stats = await statsFor({ grant, period: period ?? dataSpan(inputs, today) }, config, inputs, {
      toolVersion: toolVersion(),
      generatedAt: today.toISOString(),
      sha256: { configuration: '', outcomes: '', referrals: null },
    });
    models.push({ grant, stats });
  }
  return models;
}

/** The grants with targets and their default periods: undefined for the whole span of the data. */
function targetPeriods(config: Config, today: Date): { grant: Grant; period: Period | undefined }[] {
  const fy = config.organisation.financialYearStart;
  return config.grants
    .filter((g) => (g.targets ?? []).length > 0)
    .map((grant) => ({
      grant,
      period: grant.defaultPeriod
        ? parsePeriod(resolveRelativePeriod(grant.defaultPeriod, today, fy), fy)
        : undefined,
    }));
}

/** The first to the last day the exports mention; this year when they are empty. */
function dataSpan(inputs: Inputs, today: Date): Period {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const see = (day: number | null) => {
    if (day === null) return;
    if (day < first) first = day;
    if (day > last) last = day;
  };
  // A start or an end never comes before the referral: the first referral is the first date.
  see(inputs.summary.referred?.first ?? null);
  see(inputs.summary.latest);
  for (const r of inputs.referrals ?? []) see(r.month);
  if (first > last) return parsePeriod(String(today.getUTCFullYear()), 1);
  const [from, to] = [fromDay(first), fromDay(last)];
  return { label: `${from}_${to}`, from, to };
}

/** The summary `validate` prints when all is well. */
function summary(config: Config, inputs: Inputs): string[] {
  const { summary: all } = inputs;
  const n = all.episodes;
  // Always counted here (loadInputs' `families`).
  const families = all.families === null ? '' : ` of ${plural(all.families, 'family', 'families')}`;
  const lines = [`${displayPath(config.path)} and the input files are valid. Nothing was written.`];
  lines.push(
    `  outcomes:  ${displayPath(config.input.outcomes)}: ${plural(n, 'episode')}${families}${all.referred ? `, referred ${fromDay(all.referred.first)} to ${fromDay(all.referred.last)}` : ' (a report will say there is nothing to show)'}`,
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
  const found = config.measures.filter((m) => inputs.measures.includes(m.id)).map((m) => m.name);
  lines.push(
    `  measures:  ${found.length > 0 ? `${listInWords(found)} (scores found in the export)` : 'no score columns found in the export'}`,
  );
  lines.push(`  ${plural(config.grants.length, 'grant')}:`);
  const width = Math.max(...config.grants.map((g) => g.id.length));
  for (const g of config.grants) {
    const matched = episodesMatched(all, g.match);
    lines.push(
      `    ${g.id.padEnd(width)}  ${count(matched).padStart(count(n).length)} of ${count(n)} episodes match${g.defaultPeriod ? `  (default period ${g.defaultPeriod})` : '  (no default period: pass --period)'}${g.targets?.length ? `, ${plural(g.targets.length, 'target')} checked` : ''}`,
    );
  }
  // Colours are adjusted, not refused (docs/decisions.md): say what the reports will show.
  if (config.colourNotes.length > 0) {
    lines.push('  colours (WCAG 2.2 contrast):');
    for (const note of config.colourNotes) lines.push(`    note: ${colourNoteText(note)}`);
  }
  return lines;
}

/** `impact-report validate`: checks configuration and inputs, writes nothing, summarises. */
export async function runValidate(configPath: string, io: Io): Promise<number> {
  try {
    const { config, bytes } = await loadConfig(configPath);
    const text = configText(bytes);
    const problems = checkReferences(config, text, io.now());
    if (problems.length > 0)
      throw new ReportError(
        `The configuration file ${configPath} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}.`,
        ExitCode.usage,
        'Fix the configuration file and run again. Nothing was written.',
        problems,
      );
    const targets = targetPeriods(config, io.now());
    const inputs = await loadInputs(config, keepFor(targets, config.organisation.financialYearStart), {
      hash: false,
    });
    checkTargets(config, text, await targetModels(config, inputs, targets, io.now()));
    for (const line of summary(config, inputs)) io.out(line);
    const today = io.now();
    const fy = config.organisation.financialYearStart;
    const jobs = config.grants.map((grant) => ({
      grant,
      period: grant.defaultPeriod
        ? parsePeriod(resolveRelativePeriod(grant.defaultPeriod, today, fy), fy)
        : undefined,
    }));
    for (const warning of inputWarnings(config, inputs, jobs)) io.err(`Warning: ${warning}`);
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io);
  }
}
