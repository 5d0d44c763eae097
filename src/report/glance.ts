import { dateInWords } from '../config/period.js';
import type { Grant, Organisation } from '../domain.js';
import type { Reported } from '../measures/in-force.js';
import type { Activity } from '../stats/activity.js';
import type { StatsModel } from '../stats/model.js';
import { type Before, countComparison, shareComparison } from './compare.js';
import { type DisclosureLog, type Share, shareSubject } from './disclosure.js';
import { count, decimal1, plural, points } from './format.js';
import type { Tile } from './model.js';
import { compositeOutcomeOf, measureOutcomeOf } from './outcomes.js';
import { everyOf, listInWords, memberNames, parentsWith, SERVICE_NAMES } from './words.js';

/** Where the referral counts come from, which is not always the grant's own scope. */
export function referralScope(grant: Grant): string | undefined {
  const areas = grant.match?.area;
  if (areas && areas.length > 0) return `all referrals from ${areas.join(', ')}`;
  if (grant.match) return 'all referrals to the service';
  return undefined;
}

export function reachTiles(a: Activity, grant: Grant, b: Before | null = null): Tile[] {
  const then = b?.stats.activity;
  return [
    {
      value: count(a.familiesServed),
      label: a.familiesServed === 1 ? 'family served' : 'families served',
      note: a.parentsServed === 0 ? undefined : `${plural(a.parentsServed, 'parent')} with their babies`,
      previous: b && then ? countComparison(a.familiesServed, then.familiesServed, b) : undefined,
    },
    {
      value: a.referrals === null ? '—' : count(a.referrals),
      label: a.referrals === 1 ? 'referral received' : 'referrals received',
      note: a.referrals === null ? 'no referral counts supplied' : referralScope(grant),
      previous:
        b && then && a.referrals !== null ? countComparison(a.referrals, then.referrals, b) : undefined,
    },
  ];
}

/** The same share in the period before, read from its model: part, whole and percentage. */
const shareBefore = (
  b: Before | null,
  id: string,
  part: string,
  whole: string,
  value: string,
): { part: number; whole: number; value: number | null } | undefined => {
  const o = b?.stats.outcomes[id] as Record<string, number | null> | undefined;
  if (!o) return undefined;
  return { part: o[part] ?? 0, whole: o[whole] ?? 0, value: o[value] ?? null };
};

/**
 * report.md's outcome tiles: % improved on the grant's first measure with its mean change, % improved
 * on its first composite, and a recovery rate (the first composite's, else the first measure's
 * that has a clinical cut-off).
 */
export function outcomeTiles(
  stats: StatsModel,
  reported: Reported,
  log: DisclosureLog,
  b: Before | null = null,
): Tile[] {
  const result: Tile[] = [];
  // A tile showing "6 of 8" says its denominator already; one showing "85%" says it in the note.
  const of = (share: Share, who: string) =>
    share.small ? `parents ${who}` : `of ${plural(share.whole, 'parent')} ${who}`;
  const first = reported.measures[0];
  const o = first && measureOutcomeOf(stats, first.id);
  if (first && o) {
    const share = log.share(o.improved, o.paired, o.pctImproved);
    result.push({
      value: o.paired === 0 ? '—' : share.text,
      label: `${first.improved} (${first.name})`,
      note:
        o.meanChange === null
          ? 'no before-and-after scores'
          : `${share.small ? '' : `${of(share, 'with scores')}; `}average change ${points(o.meanChange)} points`,
      measure: first.name,
      denominator: denominatorOf(share),
      previous: b
        ? shareComparison(share, shareBefore(b, first.id, 'improved', 'paired', 'pctImproved'), b)
        : undefined,
    });
  }
  const composite = reported.composites[0];
  const c = composite && compositeOutcomeOf(stats, composite.id);
  if (composite && c) {
    const improved = log.share(c.improved, c.paired, c.pctImproved);
    result.push({
      value: c.paired === 0 ? '—' : improved.text,
      label: composite.improved.replace(/^showed /, ''),
      note: c.paired === 0 ? 'no before-and-after scores' : of(improved, 'with scores'),
      measure: composite.name,
      denominator: denominatorOf(improved),
      previous: b
        ? shareComparison(improved, shareBefore(b, composite.id, 'improved', 'paired', 'pctImproved'), b)
        : undefined,
    });
  }
  // Recovery: the first composite's when it has a cut-off on every measure, else the first measure's with one.
  const names = composite ? memberNames(composite, reported.measures) : [];
  const recovery =
    composite && c && c.atCaseness !== null
      ? {
          o: c,
          id: composite.id,
          name: composite.name,
          label: `recovered from ${composite.recoveredFrom ?? composite.name}`,
          who: `with ${everyOf(names)} recorded who began in the clinical range`,
        }
      : reported.measures
          .filter((m) => m.clinicalCutoff !== null)
          .slice(0, 1)
          .flatMap((m) => {
            const mo = measureOutcomeOf(stats, m.id);
            return mo
              ? [
                  {
                    o: mo,
                    id: m.id,
                    name: m.name,
                    label: `ended out of the clinical range (${m.name})`,
                    who: 'who began in it',
                  },
                ]
              : [];
          })[0];
  if (recovery && recovery.o.atCaseness !== null && recovery.o.recovered !== null) {
    const { atCaseness, recovered, pctRecovered } = recovery.o;
    const share = log.share(recovered, atCaseness, pctRecovered);
    result.push({
      value: atCaseness === 0 ? '—' : share.text,
      label: recovery.label,
      note: atCaseness === 0 ? 'no parent began in the clinical range' : of(share, recovery.who),
      measure: recovery.name,
      denominator: denominatorOf(share),
      previous: b
        ? shareComparison(share, shareBefore(b, recovery.id, 'recovered', 'atCaseness', 'pctRecovered'), b)
        : undefined,
    });
  }
  return result;
}

/** A printed percentage's denominator for the CSV; "x of n" and "—" say it themselves, or have none. */
const denominatorOf = (share: Share) =>
  share.small || share.text === '—' || share.whole === 0 ? undefined : count(share.whole);

/** The At a glance sentences: who was supported, then the first measure and the first composite. */
export function headline(
  stats: StatsModel,
  grant: Grant,
  reported: Reported,
  empty: boolean,
  periodWords: string,
  log: DisclosureLog,
): string[] {
  const a = stats.activity;
  const who = grant.match ? 'the grant' : 'the programme';
  if (empty) {
    return [
      `No work with parents under ${grant.match ? 'this grant' : 'the programme'} was recorded for ${periodWords}, so this report has no outcomes to show.`,
    ];
  }
  const lines = [
    `In this period ${who} supported ${plural(a.familiesServed, 'local family', 'local families')} (${plural(a.parentsServed, 'parent')}).`,
  ];
  const first = reported.measures[0];
  const o = first && measureOutcomeOf(stats, first.id);
  if (first && o && o.paired > 0 && o.meanChange !== null) {
    const subject = shareSubject(
      log.share(o.improved, o.paired, o.pctImproved),
      parentsWith(`with before-and-after ${first.name} scores`),
    );
    const change = decimal1(Math.abs(o.meanChange));
    const average =
      change === '0.0'
        ? 'the average score did not change'
        : `the average score ${o.meanChange > 0 ? 'rose' : 'fell'} by ${change} points`;
    lines.push(`${subject.text} ${first.improved}, and ${average}.`);
  }
  const composite = reported.composites[0];
  const c = composite && compositeOutcomeOf(stats, composite.id);
  if (composite && c && c.paired > 0) {
    const names = memberNames(composite, reported.measures);
    const subject = shareSubject(
      log.share(c.improved, c.paired, c.pctImproved),
      parentsWith(`with before-and-after ${listInWords(names, 'or')} scores`),
    );
    lines.push(`${subject.text} ${composite.improved}.`);
    if (c.atCaseness !== null && c.atCaseness > 0 && c.recovered !== null) {
      const recovered = shareSubject(
        log.share(c.recovered, c.atCaseness, c.pctRecovered),
        parentsWith(
          `with ${everyOf(names)} recorded who began in the clinical range${composite.recoveredFrom ? ` for ${composite.recoveredFrom}` : ''}`,
        ),
      );
      lines.push(`${recovered.text} recovered.`);
    }
  }
  if (a.episodesEnded === 0) {
    lines.push(
      'No parent’s work with us ended in this period, so there are no outcomes yet: they are measured when work ends.',
    );
  }
  return lines;
}

/** What the report covers, so a reader knows whose figures these are. */
export function scopeOf(
  grant: Grant,
  organisation: Organisation,
  a: Activity,
  periodWords: string,
  periodTo?: string,
  dataUpTo?: string,
): string {
  const match = grant.match;
  const work = match?.funding
    ? `${organisation.name}’s work with parents funded by this grant`
    : `all of ${organisation.name}’s work with parents`;
  const where = match?.area ? ` in ${listInWords(match.area)}` : '';
  const services = match?.service?.map((s) => (SERVICE_NAMES[s] ?? s).toLowerCase());
  const which = services ? ` (${listInWords(services)} only)` : '';
  const outcomes =
    a.episodesEnded === 0
      ? 'No parent’s work ended in the period, so it has no outcomes yet.'
      : `Its outcomes are for the ${plural(a.episodesEnded, 'parent')} whose work ended in the period.`;
  // A period running past the export's latest date counts open work as ongoing: say how current it is.
  const current =
    dataUpTo && periodTo && dataUpTo < periodTo
      ? ` The data were exported up to ${dateInWords(dataUpTo)} (the latest date in the export), so later work is not yet counted.`
      : '';
  return `This report covers ${work}${where}${which} at any time in the period ${periodWords}. ${outcomes}${current}`;
}
