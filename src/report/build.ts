import { periodInWords } from '../config/period.js';
import type { Grant, Organisation, ProfileColumn } from '../domain.js';
import type { Reported } from '../measures/in-force.js';
import type { StatsModel } from '../stats/model.js';
import { before } from './compare.js';
import { type Disclosure, DisclosureLog } from './disclosure.js';
import { headline, outcomeTiles, reachTiles, scopeOf } from './glance.js';
import { method } from './method.js';
import type { ReportModel, StoryText } from './model.js';
import { outcomeSections, outcomesSummary } from './outcomes.js';
import { reach } from './reach.js';
import { promisedAndDelivered } from './targets.js';
import { whoWeReached } from './who.js';
import { paragraphs } from './words.js';

export { sourceName } from './words.js';

export interface ReportContext {
  stats: StatsModel;
  grant: Grant;
  /** The measures and composites the grant reports, with their definitions in force. */
  reported: Reported;
  organisation: Organisation;
  disclosure: Disclosure;
  /** Declared profile columns (data.md §7): "Who we reached". */
  profile?: readonly ProfileColumn[];
  /** The latest date in the outcomes export (ISO): how current the data is. */
  dataUpTo?: string;
}

/** The grant's stories as paragraphs; none when it has none. */
function stories(grant: Grant): StoryText[] | undefined {
  const all = (grant.stories ?? []).flatMap((story) => {
    const text = paragraphs(story.quote);
    if (!text) return [];
    // Quotation marks as British typesetting has them: opening each paragraph, closing the last.
    const quoted = text.map((p, i) => `“${p}${i === text.length - 1 ? '”' : ''}`);
    return [{ paragraphs: quoted, who: story.who }];
  });
  return all.length > 0 ? all : undefined;
}

/** StatsModel → ReportModel: sentences, tiles, tables, disclosure control. Pure. */
export function buildReportModel({
  stats,
  grant,
  reported,
  organisation,
  disclosure,
  profile = [],
  dataUpTo,
}: ReportContext): ReportModel {
  const log = new DisclosureLog(disclosure);
  const periodWords = periodInWords(stats.period);
  const a = stats.activity;
  const empty = a.parentsServed === 0 && a.episodesEnded === 0;
  const anyEnded = a.episodesEnded > 0;

  const b = before(stats, disclosure.minDenominator);
  const sections = anyEnded ? outcomeSections(stats, reported, log) : [];
  const glance = headline(stats, grant, reported, empty, periodWords, log);
  const outcomes: ReportModel['outcomes'] = anyEnded
    ? { summary: outcomesSummary(stats, reported, log), sections }
    : {
        empty: empty
          ? 'No work with parents was recorded in this period, so there are no outcomes to report.'
          : 'No parent’s work with us ended in this period, so there are no outcomes to report yet: outcomes are measured when work ends.',
        sections: [],
      };
  const model: Omit<ReportModel, 'method' | 'smallNumbersNote'> = {
    lang: 'en-GB',
    documentTitle: `${grant.funder}: ${grant.title} — impact report, ${periodWords}`,
    subject: `Outcomes of ${grant.title} for ${grant.funder}, ${periodWords}`,
    keywords: [
      'impact report',
      grant.funder,
      organisation.name,
      stats.period.label,
      ...reported.measures.map((m) => m.name),
    ],
    organisation: {
      name: organisation.name,
      shortName: organisation.shortName,
      charityNumber: organisation.charityNumber,
      logo: organisation.logo,
    },
    funder: grant.funder,
    grantTitle: grant.title,
    grantId: grant.id,
    periodLabel: stats.period.label,
    periodWords,
    theme: grant.theme,
    colours: {
      primary: grant.colours.primary,
      accent: grant.colours.accent,
      organisation: organisation.colours.primary,
    },
    funderLogo: grant.logo,
    empty,
    headline: glance,
    scope: scopeOf(grant, organisation, a, periodWords, stats.period.to, dataUpTo),
    reachTiles: reachTiles(a, grant, b),
    outcomeTiles: anyEnded ? outcomeTiles(stats, reported, log, b) : [],
    targets: promisedAndDelivered(stats, reported, log),
    outcomes,
    reach: reach(stats, grant, reported, log, disclosure.minCell),
    who: empty ? undefined : whoWeReached(stats, profile, log, disclosure),
    narrative: paragraphs(grant.narrative),
    stories: stories(grant),
  };
  return {
    ...model,
    method: method(stats, reported, log, disclosure, dataUpTo),
    smallNumbersNote: log.smallDenominators > 0,
  };
}
