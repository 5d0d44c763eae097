import { z } from 'zod';

/** The measures statistics.md defines, in report order. */
export const MEASURES = ['pirgas', 'phq9', 'gad7'] as const;
export type Measure = (typeof MEASURES)[number];
export const SERVICES = ['individual', 'group'] as const;
export type Service = (typeof SERVICES)[number];

/** data.md §1: the columns of outcomes.csv, by their canonical names. */
export const OUTCOME_COLUMNS = [
  'episode_id',
  'family_id',
  'service',
  'area',
  'funding',
  'referral_date',
  'referral_source',
  'start_date',
  'end_date',
  'sessions',
  'pirgas_pre',
  'pirgas_post',
  'phq9_pre',
  'phq9_post',
  'gad7_pre',
  'gad7_post',
] as const;
export const OUTCOME_REQUIRED = ['episode_id', 'family_id', 'service', 'area', 'referral_date'] as const;
/** data.md §2: the columns of referrals.csv. */
export const REFERRAL_COLUMNS = ['month', 'area', 'source', 'count'] as const;
export const REFERRAL_REQUIRED = ['month', 'area', 'count'] as const;
/** Columns both exports have. */
export const SHARED_COLUMNS = OUTCOME_COLUMNS.filter((c) =>
  (REFERRAL_COLUMNS as readonly string[]).includes(c),
);
/** Every canonical column name `input.columns` may map (`area` is in both files). */
export const CANONICAL_COLUMNS = [...new Set([...OUTCOME_COLUMNS, ...REFERRAL_COLUMNS])];

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

const threshold = z.strictObject({
  reliableChange: z
    .number({ message: 'expected a number' })
    .positive({ message: 'expected a number above 0' })
    .optional()
    .describe('Points of change, in the better direction, that count as reliable improvement.'),
  clinicalCutoff: z
    .number({ message: 'expected a number' })
    .optional()
    .describe('The clinical range boundary: PIRGAS at or below it, PHQ-9 and GAD-7 at or above it.'),
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
    .array(z.enum(MEASURES, { message: `expected one of the measures ${MEASURES.join(', ')}` }), {
      message: 'expected a list of measures, e.g. [pirgas, phq9, gad7]',
    })
    .min(1, { message: 'expected at least one measure: pirgas, phq9 or gad7' })
    .default([...MEASURES])
    .describe('The outcome measures to report, in order: pirgas, phq9, gad7.'),
  narrative: z.string().optional().describe('Free text printed in the report, as written.'),
});

const columnMapping = z
  .strictObject(
    Object.fromEntries(CANONICAL_COLUMNS.map((c) => [c, text.optional()])) as Record<
      (typeof CANONICAL_COLUMNS)[number],
      z.ZodOptional<typeof text>
    >,
  )
  .default({})
  .describe(
    'Maps the tool\'s column names (left) to your export\'s headers (right), e.g. episode_id: "Case Ref".',
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
    thresholds: z
      .strictObject({
        pirgas: threshold.optional().describe('PIRGAS (1-100, higher is better).'),
        phq9: threshold.optional().describe('PHQ-9 (0-27, lower is better).'),
        gad7: threshold.optional().describe('GAD-7 (0-21, lower is better).'),
      })
      .default({})
      .describe('Overrides of the reliable-change and clinical thresholds (statistics.md).'),
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
    description: 'The organisation, the input exports and the grants to report on (data.md §3).',
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
