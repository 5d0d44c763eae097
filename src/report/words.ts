import type { CompositeDefinition, MeasureDefinition } from '../measures/definition.js';
import { capitalise, count, decimal1, plural } from './format.js';

/** "20 parents with before-and-after PIRGAS scores". */
export const parentsWith = (what: string) => (n: number) => `${plural(n, 'parent')} ${what}`;
export const be = (singular: boolean) => (singular ? 'was' : 'were');

/** "a, b and c". */
export const listInWords = (items: readonly string[], and = 'and') =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;

/** A score or threshold as written: whole numbers as they are, others to at most two decimals ("2.45"). */
export const scoreText = (value: number) =>
  Number.isInteger(value) ? count(value) : String(Math.round(value * 100) / 100);

/** The clinical range in words: "a PIRGAS score of 40 or below"; undefined without a cut-off. */
export function clinicalRange(m: MeasureDefinition): string | undefined {
  if (m.clinicalCutoff === null) return undefined;
  return `a ${m.name} score of ${scoreText(m.clinicalCutoff)} or ${m.better === 'higher' ? 'below' : 'more'}`;
}

/** "40 or below", "10 or above", or "no clinical cut-off". */
export const clinicalRangeShort = (m: MeasureDefinition) =>
  m.clinicalCutoff === null
    ? 'no clinical cut-off'
    : `${scoreText(m.clinicalCutoff)} or ${m.better === 'higher' ? 'below' : 'above'}`;

/** "PIRGAS (relationship)": a measure as a table row names it. */
export const measureLabel = (m: MeasureDefinition) => (m.topic ? `${m.name} (${m.topic})` : m.name);

/** "Higher is better" / "Lower is better". */
export const betterInWords = (m: Pick<MeasureDefinition, 'better'>) =>
  m.better === 'higher' ? 'Higher is better' : 'Lower is better';

/** "PHQ-9 or GAD-7", "EPDS, GAD-7 or CORE-10": the measures of a composite, any one of them. */
export const eitherOf = (names: readonly string[]) => listInWords(names, 'or');

/** "both PHQ-9 and GAD-7", "all of EPDS, GAD-7 and CORE-10". */
export const everyOf = (names: readonly string[]) =>
  names.length === 2 ? `both ${names[0]} and ${names[1]}` : `all of ${listInWords(names)}`;

/** "either", "any": one of the composite's measures. */
export const oneOf = (n: number) => (n === 2 ? 'either' : 'any of them');

/** The names of a composite's measures, in its order. */
export const memberNames = (c: CompositeDefinition, measures: readonly MeasureDefinition[]) =>
  c.measures.map((id) => measures.find((m) => m.id === id)?.name ?? id);

/** "Before-and-after PIRGAS scores were recorded for 20 of the 22 parents whose work with us ended in this period." */
export function recordedSentence(what: string, paired: number, ended: number): string {
  const whose = ended === 1 ? 'parent whose work with us ended' : 'parents whose work with us ended';
  if (paired === 0)
    return `No before-and-after ${what} scores were recorded for the ${count(ended)} ${whose} in this period.`;
  if (paired === ended)
    return ended === 1
      ? `Before-and-after ${what} scores were recorded for the 1 ${whose} in this period.`
      : `Before-and-after ${what} scores were recorded for all ${count(ended)} ${whose} in this period.`;
  return `Before-and-after ${what} scores were recorded for ${count(paired)} of the ${count(ended)} ${whose} in this period.`;
}

/** "on average, their PIRGAS scores rose by 10.5 points, from 39.9 to 50.4". */
export function averageChange(
  name: string,
  o: { meanChange: number; meanPre: number; meanPost: number },
): string {
  const size = decimal1(Math.abs(o.meanChange));
  const scores = `their ${name} scores`;
  if (size === '0.0') return `on average, ${scores} did not change (${decimal1(o.meanPre)} before and after)`;
  const verb = o.meanChange > 0 ? 'rose' : 'fell';
  return `on average, ${scores} ${verb} by ${size} points, from ${decimal1(o.meanPre)} to ${decimal1(o.meanPost)}`;
}

const SOURCE_NAMES: Record<string, string> = {
  health_visitor: 'Health visitor',
  midwife: 'Midwife',
  gp: 'GP',
  childrens_centre: "Children's centre",
  social_worker: 'Social worker',
  perinatal_mh: 'Perinatal mental health team',
  self: 'Self-referral',
  other: 'Other',
};
/** Referral sources as people say them; unknown codes are shown as written, first letter raised. */
export const sourceName = (code: string) => SOURCE_NAMES[code] ?? capitalise(code.replaceAll('_', ' '));

export const SERVICE_NAMES: Record<string, string> = { individual: 'Individual therapy', group: 'Groups' };
export const SERVICE_ORDER = ['individual', 'group'];

/** The grant's narrative as paragraphs (blank lines separate them); none when it is blank. */
export function paragraphs(text: string | undefined): string[] | undefined {
  const result = (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return result.length > 0 ? result : undefined;
}
