import { z } from 'zod';

/** The measures statistics.md defines, in report order. */
export const MEASURES = ['pirgas', 'phq9', 'gad7'] as const;
export type Measure = (typeof MEASURES)[number];
export const SERVICES = ['individual', 'group'] as const;
export type Service = (typeof SERVICES)[number];

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, {
  message: 'expected a colour written as # and six hex digits, e.g. "#5B2C83"',
});
const text = z.string().trim().min(1, { message: 'expected some text, found an empty value' });
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const colours = z.strictObject({ primary: colour, accent: colour.optional() });

const threshold = z.strictObject({
  reliableChange: z.number().positive({ message: 'expected a number above 0' }).optional(),
  clinicalCutoff: z.number({ message: 'expected a number' }).optional(),
});

const match = z.strictObject({
  funding: oneOrMany(text).optional(),
  area: oneOrMany(text).optional(),
  service: oneOrMany(z.enum(SERVICES, { message: 'expected "individual" or "group"' })).optional(),
});

const grant = z.strictObject({
  funder: text,
  title: text,
  period: z.union([z.string(), z.number()]).transform(String).optional(),
  match: match.optional(),
  brand: z
    .strictObject({
      logo: text.optional(),
      colours: colours.partial().optional(),
      theme: z
        .string()
        .regex(/^[a-z0-9-]+$/, {
          message: 'expected the name of a folder under templates/themes/, e.g. "powerhouse"',
        })
        .optional(),
    })
    .optional(),
  measures: z
    .array(z.enum(MEASURES, { message: `expected one of the measures ${MEASURES.join(', ')}` }))
    .min(1)
    .default([...MEASURES]),
  narrative: z.string().optional(),
});

/** The schema of impact-report.yaml (data.md §3); the published JSON Schema is generated from it. */
export const configSchema = z.strictObject({
  organisation: z.strictObject({
    name: text,
    shortName: text.optional(),
    charityNumber: z.union([z.string(), z.number()]).transform(String).optional(),
    financialYearStart: z
      .number()
      .int()
      .min(1, { message: 'expected a month number from 1 to 12' })
      .max(12, { message: 'expected a month number from 1 to 12' })
      .default(4),
    logo: text.optional(),
    colours: colours.default({ primary: '#2B4C7E' }),
  }),
  input: z.strictObject({
    outcomes: text,
    referrals: text.optional(),
    dateFormat: z
      .enum(['YYYY-MM-DD', 'DD/MM/YYYY'], { message: 'expected "YYYY-MM-DD" or "DD/MM/YYYY"' })
      .default('YYYY-MM-DD'),
    columns: z.record(z.string(), text).default({}),
    ignoreColumns: z.array(text).default([]),
  }),
  thresholds: z
    .strictObject({ pirgas: threshold.optional(), phq9: threshold.optional(), gad7: threshold.optional() })
    .default({}),
  disclosure: z
    .strictObject({
      minCell: z.number().int().min(1, { message: 'expected a whole number of at least 1' }).default(5),
      minDenominator: z
        .number()
        .int()
        .min(1, { message: 'expected a whole number of at least 1' })
        .default(10),
    })
    .default({ minCell: 5, minDenominator: 10 }),
  grants: z.record(
    z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
      message:
        'expected a grant id of letters, digits, dots, dashes or underscores (it is used in file names)',
    }),
    grant,
  ),
});

export type ConfigFile = z.output<typeof configSchema>;
export type GrantConfig = z.output<typeof grant>;
