import { z } from 'zod';
import { SERVICES } from '../domain.js';
import { BUILT_IN_COMPOSITES, BUILT_IN_IDS, BUILT_IN_MEASURES } from '../measures/catalogue.js';
import { MEASURE_ID } from '../measures/definition.js';
import { OUTCOME_COLUMNS, REFERRAL_COLUMNS, scoreColumns } from './columns.js';

export {
  OUTCOME_COLUMNS,
  OUTCOME_REQUIRED,
  REFERRAL_COLUMNS,
  REFERRAL_REQUIRED,
  SHARED_COLUMNS,
  scoreColumns,
} from './columns.js';

/**
 * The canonical column names `input.columns` may map whatever the configuration says: both
 * files' columns and the built-in measures' score columns (configured measures add their own).
 */
export const CANONICAL_COLUMNS = [
  ...new Set([...OUTCOME_COLUMNS, ...BUILT_IN_IDS.flatMap(scoreColumns), ...REFERRAL_COLUMNS]),
];

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, {
  message: 'expected a colour written as # and six hex digits, e.g. "#5B2C83"',
});
const text = z.string().trim().min(1, { message: 'expected some text, found an empty value' });
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const colours = z.strictObject({
  primary: colour.describe(
    'The main brand colour, "#" and six hex digits, e.g. "#5B2C83". Text in it needs 4.5:1 against white: a lighter colour is printed darkened, and `validate` says so.',
  ),
  accent: colour
    .optional()
    .describe(
      'A second brand colour for highlights and chart bars (defaults to the primary). Bars in a colour under 3:1 against white are outlined.',
    ),
});

const aNumber = z.number({ message: 'expected a number' });

const threshold = z.strictObject({
  reliableChange: aNumber
    .positive({ message: 'expected a number above 0' })
    .optional()
    .describe('Points of change, in the better direction, that count as reliable improvement.'),
  clinicalCutoff: aNumber
    .nullable()
    .optional()
    .describe(
      'The clinical range boundary: at or above it where lower is better, at or below it where higher is better; null for none (no caseness or recovery).',
    ),
});

const rangeText = (m: { min: number; max: number; better: string }) =>
  `${m.min}-${m.max}, ${m.better} is better`;

/** data.md §7: a profile column, with its categories in report order or as a yes/no flag. */
const profileColumn = z
  .strictObject({
    label: text.describe('What the column records, as printed, e.g. "Ethnic group".'),
    categories: z
      .array(text, { message: 'expected a list of categories, e.g. [Mother, Father, Other carer]' })
      .min(1, { message: 'expected at least one category' })
      .optional()
      .describe('The allowed values, in the order the report shows them (matched ignoring case).'),
    flag: z
      .literal(true, { message: 'expected flag: true for a yes/no column (or categories instead)' })
      .optional()
      .describe('true for a yes/no column (yes, y, true, 1 / no, n, false, 0).'),
    phrase: text
      .optional()
      .describe(
        'For a yes/no column: what "yes" means in a sentence about parents, e.g. "had a severe mental illness".',
      ),
  })
  .superRefine((p, ctx) => {
    if (p.categories === undefined && p.flag === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['categories'],
        message:
          'a profile column needs categories: [...] (its allowed values) or flag: true (a yes/no column)',
      });
    if (p.phrase !== undefined && p.flag === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['phrase'],
        message: 'phrase is for a yes/no column (flag: true)',
      });
    if (p.categories !== undefined && p.flag !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['flag'],
        message: 'give categories or flag: true, not both',
      });
    const seen = new Set<string>();
    for (const [i, c] of (p.categories ?? []).entries()) {
      const key = c.trim().toLowerCase();
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i],
          message: `"${c}" is listed twice (categories are matched ignoring case)`,
        });
      seen.add(key);
    }
  });

/** data.md §6: a measure a charity defines itself. */
const configuredMeasure = z
  .strictObject({
    name: text.describe('The short name, as printed, e.g. "BDI-II".'),
    longName: text.optional().describe('The full name, e.g. "Beck Depression Inventory-II".'),
    min: aNumber.describe('The lowest possible score.'),
    max: aNumber.describe('The highest possible score (above min).'),
    better: z
      .enum(['higher', 'lower'], { message: 'expected "higher" or "lower": which way is better' })
      .describe('Which way is better: "higher" or "lower".'),
    decimals: z
      .boolean({ message: 'expected true or false' })
      .default(false)
      .describe('true if scores may have decimals (written with a point, e.g. 23.5); default false.'),
    reliableChange: aNumber
      .positive({ message: 'expected a number above 0' })
      .optional()
      .describe(
        'Points of change in the better direction that count as reliable (give this or reliability).',
      ),
    reliability: z
      .strictObject({
        sd: aNumber
          .positive({ message: 'expected a standard deviation above 0' })
          .describe("The standard deviation of the measure's scores (e.g. of a normative sample)."),
        r: aNumber
          .min(0, { message: 'expected a reliability from 0 up to (not including) 1' })
          .lt(1, { message: 'expected a reliability from 0 up to (not including) 1' })
          .describe("The measure's reliability (e.g. Cronbach's alpha or test-retest r), 0 ≤ r < 1."),
      })
      .optional()
      .describe('The Jacobson–Truax inputs, instead of reliableChange: R = 1.96 × sd × √(2 × (1 − r)).'),
    clinicalCutoff: aNumber
      .nullable()
      .optional()
      .describe(
        'The clinical range boundary, within min and max (optional: without it, no caseness or recovery).',
      ),
    improved: text
      .optional()
      .describe('How the report says a parent improved, e.g. "showed fewer symptoms of depression".'),
  })
  .superRefine((m, ctx) => {
    if (m.max <= m.min)
      ctx.addIssue({ code: 'custom', path: ['max'], message: `expected max above min (${m.min})` });
    if (m.reliableChange === undefined && m.reliability === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reliableChange'],
        message:
          'a measure needs reliableChange (the points of change that count as reliable) or reliability: { sd, r } to compute it',
      });
    if (m.reliableChange !== undefined && m.reliability !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reliability'],
        message:
          'give reliableChange or reliability, not both: reliability is only a way to compute reliableChange',
      });
    if (
      m.clinicalCutoff !== undefined &&
      m.clinicalCutoff !== null &&
      m.max > m.min &&
      (m.clinicalCutoff < m.min || m.clinicalCutoff > m.max)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['clinicalCutoff'],
        message: `expected a cut-off within the measure's range, ${m.min} to ${m.max}`,
      });
  });

const measureId = z
  .string()
  .regex(MEASURE_ID, {
    message:
      'expected a measure id of lower-case letters, digits and _ starting with a letter, e.g. "bdi2" (it names the columns bdi2_pre and bdi2_post)',
  })
  .refine((id) => !BUILT_IN_IDS.includes(id), {
    message:
      'this is a built-in measure: it needs no definition here (to change its thresholds use thresholds:)',
  });

/** The built-in composite, as the example of one: "PHQ-9 and/or GAD-7" of [phq9, gad7]. */
const exampleComposite = BUILT_IN_COMPOSITES[0] ?? { name: 'A and/or B', measures: ['a', 'b'] };
const exampleList = `[${exampleComposite.measures.join(', ')}]`;

const composite = z.strictObject({
  name: text.describe(`The name, as printed, e.g. "${exampleComposite.name}".`),
  longName: text.optional().describe('A longer name for the method section.'),
  measures: z
    .array(text, { message: `expected a list of two or more measures, e.g. ${exampleList}` })
    .min(2, { message: `expected a list of two or more measures, e.g. ${exampleList}` })
    .describe(`Two or more measures read together, e.g. ${exampleList}.`),
});

const match = z.strictObject({
  funding: oneOrMany(text)
    .optional()
    .describe('A funding code, or a list of codes: the episode carries any of them.'),
  area: oneOrMany(text)
    .optional()
    .describe('An area, or a list of areas, exactly as the export spells them.'),
  service: oneOrMany(z.enum(SERVICES, { message: 'expected "individual" or "group"' }))
    .optional()
    .describe('"individual", "group", or a list of both.'),
});

/** statistics.md `targets`: a bare number is "at least"; `atMost` for a figure that should stay low. */
const target = z.union(
  [
    aNumber.describe('The promised figure: the result must be at least this.'),
    z
      .strictObject({
        atLeast: aNumber.optional().describe('The result must be at least this.'),
        atMost: aNumber.optional().describe('The result must be at most this (e.g. a median wait in days).'),
        label: text.optional().describe('How the report names the target, e.g. "Median wait (days)".'),
      })
      .superRefine((t, ctx) => {
        if ((t.atLeast === undefined) === (t.atMost === undefined))
          ctx.addIssue({
            code: 'custom',
            path: [],
            message:
              'expected exactly one of atLeast or atMost, e.g. { atMost: 42, label: Median wait (days) }',
          });
      }),
  ],
  { message: 'expected a number, e.g. 75 (at least 75), or { atMost: 42, label: … }' },
);

/** data.md §8: a quote from a parent, printed only with their consent. */
const story = z.strictObject({
  quote: text.describe('What the parent said, as it will be printed.'),
  who: text.optional().describe('Who said it, e.g. "A mother in Didcot": a description, never a name.'),
  consent: z
    .literal(true, {
      message:
        'a story is printed only with the consent of the person quoted: once they have agreed, write consent: true; until then, remove the story',
    })
    .describe('Must be true: the person quoted agreed to the quote being printed.'),
});

const grant = z.strictObject({
  funder: text.describe("The funder's name, as printed on the cover."),
  title: text.describe("The grant's title, as printed on the cover."),
  period: z
    .union([z.string(), z.number()], { message: 'expected a period such as 2024, 2024-Q3 or FY2024-25' })
    .transform(String)
    .optional()
    .describe(
      'The default reporting period: 2024, 2024-Q3, FY2024-25, FY2024-25-Q1 or 2024-04-01..2025-03-31.',
    ),
  match: match
    .optional()
    .describe('Which episodes the grant covers; every condition given must hold. None: the whole programme.'),
  brand: z
    .strictObject({
      logo: text.optional().describe("The funder's logo (SVG or PNG), relative to this file."),
      colours: colours.partial().optional().describe("The funder's colours (default: the organisation's)."),
      theme: z
        .string()
        .regex(/^[a-z0-9-]+$/, {
          message: 'expected the name of a folder under templates/themes/, e.g. "powerhouse"',
        })
        .optional()
        .describe('A folder under templates/themes/ that changes the look, e.g. "powerhouse".'),
    })
    .optional()
    .describe("The funder's logo, colours and theme."),
  measures: z
    .array(text, { message: `expected a list of measures, e.g. [${BUILT_IN_IDS.slice(0, 3).join(', ')}]` })
    .min(1, { message: `expected at least one measure, e.g. [${BUILT_IN_IDS.slice(0, 3).join(', ')}]` })
    .optional()
    .meta({ examples: [BUILT_IN_IDS.slice(0, 3)] })
    .describe(
      `The outcome measures and composites to report, in order: built in are ${BUILT_IN_IDS.join(', ')} and ${BUILT_IN_COMPOSITES.map((c) => c.id).join(', ')}, or any defined under measures: and composites:. Default: every measure whose _pre or _post column the export has.`,
    ),
  narrative: z.string().optional().describe('Free text printed in the report, as written.'),
  stories: z
    .array(story, { message: 'expected a list of stories, each with quote, who and consent: true' })
    .optional()
    .describe('Quotes from parents, printed in the report as quotations (each needs consent: true).'),
  targets: z
    .record(
      z.string().regex(/^[^.\s][^.]*(\.[^.]+)+$/, {
        message: 'expected the dotted path of a figure in the report, e.g. activity.familiesServed',
      }),
      target,
      { message: 'expected targets, each a figure’s path and a number, e.g. activity.familiesServed: 25' },
    )
    .optional()
    .describe(
      'What the grant agreement promised: the dotted path of a figure (as in the JSON output) and the number, e.g. activity.familiesServed: 25, or { atMost: 42, label: … }.',
    ),
});

const columnMapping = z
  .strictObject(
    Object.fromEntries(CANONICAL_COLUMNS.map((c) => [c, text.optional()])) as Record<
      (typeof CANONICAL_COLUMNS)[number],
      z.ZodOptional<typeof text>
    >,
  )
  .catchall(text)
  .default({})
  .describe(
    'Maps the tool\'s column names (left) to your export\'s headers (right), e.g. episode_id: "Case Ref". The score columns of configured measures (<id>_pre, <id>_post) can be mapped too.',
  );

const wholeNumberAtLeast1 = z
  .number({ message: 'expected a whole number of at least 1' })
  .int({ message: 'expected a whole number of at least 1' })
  .min(1, { message: 'expected a whole number of at least 1' });

/** The schema of impact-report.yaml (data.md §3); the published JSON Schema is generated from it. */
export const configSchema = z
  .strictObject({
    organisation: z
      .strictObject({
        name: text.describe("The organisation's name, as printed on every page."),
        shortName: text.optional().describe('A short name or acronym, e.g. "OXPIP".'),
        charityNumber: z
          .union([z.string(), z.number()], { message: 'expected the charity number, e.g. "1234567"' })
          .transform(String)
          .optional()
          .describe('The registered charity number, printed in the footer.'),
        financialYearStart: z
          .number({ message: 'expected a month number from 1 to 12' })
          .int({ message: 'expected a month number from 1 to 12' })
          .min(1, { message: 'expected a month number from 1 to 12' })
          .max(12, { message: 'expected a month number from 1 to 12' })
          .default(4)
          .describe('The month (1-12) the financial year starts in: 4 for April.'),
        logo: text.optional().describe("The organisation's logo (SVG or PNG), relative to this file."),
        colours: colours.default({ primary: '#2B4C7E' }).describe("The organisation's brand colours."),
      })
      .describe('Who the reports are from.'),
    input: z
      .strictObject({
        outcomes: text.describe('The outcomes export (one row per episode), relative to this file.'),
        referrals: text.optional().describe('The referral counts export, relative to this file.'),
        dateFormat: z
          .enum(['YYYY-MM-DD', 'DD/MM/YYYY'], { message: 'expected "YYYY-MM-DD" or "DD/MM/YYYY"' })
          .default('YYYY-MM-DD')
          .describe('How dates are written in outcomes.csv: YYYY-MM-DD, or DD/MM/YYYY (UK spreadsheets).'),
        columns: columnMapping,
        ignoreColumns: z
          .array(text, { message: 'expected a list of column headers, e.g. ["Notes"]' })
          .default([])
          .describe('Headers of columns to drop unread: never checked, never scanned for personal data.'),
      })
      .describe('The CSV exports to read.'),
    measures: z
      .record(measureId, configuredMeasure, {
        message: 'expected measures, each under its id, e.g. "bdi2:" with its name, min, max and better',
      })
      .default({})
      .describe(
        'Outcome measures beyond the built-in catalogue, each under its id (the prefix of its _pre and _post columns).',
      ),
    composites: z
      .record(measureId, composite, {
        message: 'expected composites, each under its id, e.g. "mood:" with its name and measures',
      })
      .default({})
      .describe(
        `Measures read together, each under its id (${BUILT_IN_COMPOSITES.map((c) => `${c.id}, ${c.name}, is built in`).join('; ')}).`,
      ),
    profile: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]*$/, {
          message:
            'expected the column name in lower case with _ for spaces, e.g. "parent_role" (map a different header with input.columns)',
        }),
        profileColumn,
        { message: 'expected profile columns, each under its column name, e.g. "parent_role:"' },
      )
      .default({})
      .describe(
        'Columns of outcomes.csv that describe who the work reached (category or yes/no), each under its column name; counted over the parents served, never printed row by row.',
      ),
    thresholds: z
      .strictObject(
        Object.fromEntries(
          BUILT_IN_MEASURES.map((m) => [m.id, threshold.optional().describe(`${m.name} (${rangeText(m)}).`)]),
        ) as Record<string, z.ZodOptional<typeof threshold>>,
      )
      .catchall(threshold)
      .default({})
      .describe(
        'Overrides of any measure’s reliable-change threshold and clinical cut-off (clinicalCutoff: null removes it).',
      ),
    disclosure: z
      .strictObject({
        minCell: wholeNumberAtLeast1
          .default(5)
          .describe('Counts from 1 to minCell-1 in breakdowns are shown as "<minCell".'),
        minDenominator: wholeNumberAtLeast1
          .default(10)
          .describe('Percentages of fewer cases than this are shown as "x of n".'),
      })
      .default({ minCell: 5, minDenominator: 10 })
      .describe('Disclosure control, so no family can be recognised from small numbers.'),
    grants: z
      .record(
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
          message:
            'expected a grant id of letters, digits, dots, dashes or underscores (it is used in file names)',
        }),
        grant,
        { message: 'expected the grants, each under its id, e.g. "powerhouse-2024:"' },
      )
      .refine((grants) => Object.keys(grants).length > 0, {
        message: 'expected at least one grant, e.g. "powerhouse-2024:" with its funder and title',
      })
      .meta({ minProperties: 1 })
      .describe('One entry per grant, under the id used with --grant and in file names.'),
  })
  .meta({
    title: 'impact-report configuration (impact-report.yaml)',
    description: 'The organisation, the input exports and the grants to report on.',
  });

export type ConfigFile = z.output<typeof configSchema>;
export type GrantConfig = z.output<typeof grant>;

/**
 * The published JSON Schema of impact-report.yaml, generated from `configSchema`: the input
 * side of every transform and default (what the file may contain), as draft-07, which the
 * YAML plugins of VS Code and JetBrains editors understand.
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

/** The published file's exact text: what `npm run schema` writes to schema/impact-report.schema.json. */
export const configJsonSchemaText = () => `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
export type ConfiguredMeasureFile = z.output<typeof configuredMeasure>;
export type ThresholdFile = z.output<typeof threshold>;
export type ProfileColumnFile = z.output<typeof profileColumn>;
