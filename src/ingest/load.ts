import type { Config, Episode, ReferralCount } from '../domain.js';
import { ExitCode, ProblemList, ReportError } from '../errors.js';
import { readOutcomes } from './outcomes.js';
import { assertReadable } from './read-csv.js';
import { readReferrals } from './referrals.js';

export interface Inputs {
  episodes: Episode[];
  /** null when the configuration names no referrals file. */
  referrals: ReferralCount[] | null;
  sha256: { outcomes: string; referrals?: string };
}

const DATA_HINT =
  'Correct these cells in your export (or in the spreadsheet it came from), save it as CSV again, and re-run. Nothing was written.';

/** Reads and validates both exports; every problem in them is reported together (exit 3). */
export async function loadInputs(config: Config): Promise<Inputs> {
  const { input } = config;
  await assertReadable(input.outcomes, 'outcomes');
  if (input.referrals) await assertReadable(input.referrals, 'referrals');
  const problems = new ProblemList();
  const outcomes = await readOutcomes(input.outcomes, input, problems);
  const referrals = input.referrals ? await readReferrals(input.referrals, input, problems) : undefined;
  if (problems.count > 0) {
    const personal = problems.kept.some((p) => p.message.includes('personal data'));
    throw new ReportError(
      personal
        ? `The input holds personal data, so no report was made (${problems.count} problem${problems.count === 1 ? '' : 's'}).`
        : `The input data has ${problems.count} problem${problems.count === 1 ? '' : 's'}, so no report was made.`,
      ExitCode.data,
      DATA_HINT,
      problems.kept,
      problems.omitted,
    );
  }
  return {
    episodes: outcomes.episodes,
    referrals: referrals?.referrals ?? null,
    sha256: { outcomes: outcomes.sha256, referrals: referrals?.sha256 },
  };
}
