import { readFile } from 'node:fs/promises';
import { settingLine } from '../config/validate.js';
import {
  type Config,
  type Episode,
  type EpisodeColumns,
  type ExportSummary,
  fromDay,
  type ReferralCount,
} from '../domain.js';
import { displayPath, ExitCode, ProblemList, problemsWord, ReportError } from '../errors.js';
import type { Keep } from './episode-store.js';
import { readOutcomesInParts } from './parts.js';
import { assertReadable } from './read-csv.js';
import { readReferrals } from './referrals.js';

export interface Inputs {
  /** The episodes kept for the statistics (`loadInputs`' `keep`). */
  episodes: readonly Episode[];
  /** The same episodes as columns, made on first ask: what the statistics read. */
  columns: () => EpisodeColumns;
  /** What the whole export holds, kept or not. */
  summary: ExportSummary;
  /** Ids of the measures whose columns the export has, in catalogue order: the slots of `Episode.scores`. */
  measures: string[];
  /** The export has an `end_reason` column. */
  hasEndReason: boolean;
  /** The latest date anywhere in the outcomes export (ISO), or undefined with no episodes. */
  dataUpTo?: string;
  /** null when the configuration names no referrals file. */
  referrals: ReferralCount[] | null;
  /** The outcomes file's hash may still be being made (`Outcomes.sha256`): await it before writing. */
  sha256: { outcomes: Promise<string>; referrals?: string };
}

const DATA_HINT =
  'How to fix: correct these cells in your export (or in the spreadsheet it came from), save it as "CSV UTF-8 (comma delimited)" again, and re-run. Nothing was written.';
/** Every problem is fixed by a setting (input.dateFormat, input.columns): the export is fine. */
const settingHint = (config: string) =>
  `How to fix: change ${config} as said above (a setting; your export can stay as it is), and re-run. Nothing was written.`;
const bothHint = (config: string) =>
  `How to fix: change ${config} as said above, correct the other problems in your export (or in the spreadsheet it came from), save it as "CSV UTF-8 (comma delimited)" again, and re-run. Nothing was written.`;
const PERSONAL_HINT =
  'How to fix: the input must be anonymised. Delete the personal data from the export (or drop a whole column with input.ignoreColumns in the configuration), save it again, and re-run. The personal data is not repeated here, and nothing was written.';

const MIXED_HINT =
  'How to fix: delete the personal data from the export (the input must be anonymised; a whole column can be dropped with input.ignoreColumns in the configuration), correct the other cells, save it as "CSV UTF-8 (comma delimited)" again, and re-run. The personal data is not repeated here, and nothing was written.';

/**
 * Reads and validates both exports; every problem in them is reported together (exit 3).
 * Keeps the episodes `keep` asks for: a report keeps those its periods can count, so that a
 * long history costs the memory of the periods reported on, not of the whole export.
 * `hash`: false when the files' hashes will not be used (`validate`, `list`): a large export's
 * is then not made. `families`: false when the summary's count of families will not be read
 * (a report, `list`): only the kept episodes' families are then told apart, and
 * `summary.families` is null.
 */
export async function loadInputs(
  config: Config,
  keep: Keep = 'all',
  { hash = true, families = true }: { hash?: boolean; families?: boolean } = {},
): Promise<Inputs> {
  const { input } = config;
  await assertReadable(input.outcomes, 'outcomes');
  if (input.referrals) await assertReadable(input.referrals, 'referrals');
  const problems = new ProblemList();
  const outcomes = await readOutcomesInParts(
    input.outcomes,
    input,
    config.measures,
    problems,
    config.profile,
    keep,
    { hash, allFamilies: families, referrals: input.referrals },
  );
  // Read by the worker that read part of the outcomes, when it could; here otherwise.
  const referrals = input.referrals
    ? ((await outcomes.referralsRead) ?? (await readReferrals(input.referrals, input, problems)))
    : undefined;
  // data.md §7: a declared profile column missing from the export is the configuration's to fix.
  if (outcomes.missingProfile.length > 0) {
    const text = await readFile(config.path, 'utf8').catch(() => '');
    throw new ReportError(
      `The configuration declares ${outcomes.missingProfile.length === 1 ? 'a profile column' : 'profile columns'} that ${displayPath(input.outcomes)} does not have.`,
      ExitCode.usage,
      'Add the column to the export, map it to your header with input.columns, or remove it from profile: in the configuration. Nothing was written.',
      outcomes.missingProfile.map(({ column, header }) => ({
        file: config.path,
        line: settingLine(text, ['profile', column]),
        setting: `profile.${column}`,
        message: `the outcomes export has no column "${header}"${header === column ? '' : ` (input.columns maps ${column} to it)`}`,
      })),
    );
  }
  if (problems.count > 0) {
    const files = [input.outcomes, input.referrals].filter(
      (f): f is string => !!f && problems.countIn(f) > 0,
    );
    const where = files.length === 1 ? displayPath(files[0] as string) : 'The input files';
    const total = problems.count;
    const personal = problems.personal;
    const has = files.length === 1 ? 'has' : 'have';
    const message =
      personal === total
        ? `${where} ${files.length === 1 ? 'holds' : 'hold'} personal data (${problemsWord(total)}), so no report was made.`
        : personal > 0
          ? `${where} ${has} ${problemsWord(total)}, ${personal.toLocaleString('en-GB')} of them personal data, so no report was made.`
          : `${where} ${has} ${problemsWord(total)}, so no report was made.`;
    const settings = problems.settingCount;
    const configName = displayPath(config.path);
    const hint =
      personal > 0
        ? personal === total
          ? PERSONAL_HINT
          : MIXED_HINT
        : settings >= total
          ? settingHint(configName)
          : settings > 0
            ? bothHint(configName)
            : DATA_HINT;
    throw problems.toError(message, ExitCode.data, hint);
  }
  const latest = outcomes.summary.latest;
  return {
    // Made only if asked for (EpisodeStore.episodes).
    get episodes() {
      return outcomes.episodes;
    },
    columns: outcomes.columns,
    summary: outcomes.summary,
    measures: outcomes.measures,
    hasEndReason: outcomes.hasEndReason,
    dataUpTo: latest === null ? undefined : fromDay(latest),
    referrals: referrals?.referrals ?? null,
    sha256: { outcomes: outcomes.sha256, referrals: referrals?.sha256 },
  };
}
