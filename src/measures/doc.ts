import { BUILT_IN_COMPOSITES, BUILT_IN_MEASURES } from './catalogue.js';
import { jacobsonTruax, type MeasureDefinition } from './definition.js';

const cell = (text: string) => text.replaceAll('|', '\\|');
const num = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100));
const range = (m: MeasureDefinition) =>
  m.clinicalCutoff === null ? 'none' : `${m.better === 'higher' ? '≤' : '≥'} ${num(m.clinicalCutoff)}`;

/** docs/measures.md: the catalogue's table, generated, and how to configure a measure. */
export function measuresDoc(): string {
  const rows = BUILT_IN_MEASURES.map(
    (m) =>
      `| \`${m.id}\` | ${m.name} | ${cell(m.longName)} | ${num(m.min)}–${num(m.max)} | ${m.decimals ? 'decimal' : 'whole'} | ${m.better} | ${num(m.reliableChange)} | ${range(m)} | ${cell(m.source)} |`,
  );
  const notes = BUILT_IN_MEASURES.map(
    (m) =>
      `- **${m.name}** (\`${m.id}_pre\`, \`${m.id}_post\`): the report says a parent “${m.improved}”. ${m.licence ?? ''}`,
  );
  const composites = BUILT_IN_COMPOSITES.map(
    (c) =>
      `| \`${c.id}\` | ${c.name} | ${c.measures.map((id) => `\`${id}\``).join(', ')} | ${c.bothPaired ? '`allPaired`, and the same number as `bothPaired`' : '`allPaired`'} |`,
  );
  const example = num(jacobsonTruax(7.5, 0.9));
  return `<!-- Generated from src/measures by \`npm run docs:measures\`: edit the catalogue, not this page. -->
# Outcome measures

A **measure** is a questionnaire or rating scored once at the start and once at the end of an
episode (one parent's course of work). impact-report knows seven measures out of the box, and
a charity can define any other in \`impact-report.yaml\`. Everything the report says about a
measure — its sentences, tiles, tables, charts and the method section — comes from the
measure's definition, so a measure you add reads as well as a built-in one.

The tool never prints a questionnaire's items: it reads only each parent's first and last total
score.

## The built-in catalogue

| id | name | long name | range | scores | better | reliable change (R) | clinical range | source of the thresholds |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

- **Range**: a score outside it is an error in the export, naming the file, line and column.
- **Scores**: *whole* measures accept whole numbers only; *decimal* measures accept a number
  written with a point (\`6.5\`, \`2.45\`).
- **Better**: whether a rise (\`higher\`) or a fall (\`lower\`) is an improvement.
- **Reliable change (R)**: a change of at least R points in the better direction counts as
  *reliable improvement* (larger than the measure's usual error); at least R in the worse
  direction as *reliable deterioration*.
- **Clinical range**: where a score counts as a clinical concern. A parent who began in it and
  ended out of it has *recovered*. A measure without a cut-off has no caseness or recovery: the
  JSON gives \`null\` and the report says "no clinical cut-off".

Licences and what each measure means in the report:

${notes.join('\n')}

Check that your organisation is entitled to use a questionnaire before collecting it: the
notes above are a summary, not legal advice.

## Measures read together (composites)

A composite reads two or more measures together, as NHS Talking Therapies reads the PHQ-9 and
GAD-7: a parent *improved* when better on at least one measure and worse on none, and
*recovered* when, with every measure recorded, they began in the clinical range on at least one
and ended out of it on all of them.

| id | name | measures | counts of parents paired on all of them |
|---|---|---|---|
${composites.join('\n')}

A grant reports a composite whenever it reports every one of the composite's measures.

## Which measures a grant reports

\`\`\`yaml
grants:
  powerhouse-2024:
    measures: [pirgas, phq9, gad7]   # in this order; composites follow automatically
\`\`\`

Without \`measures:\`, a grant reports every measure whose \`_pre\` or \`_post\` column the
export has, in the catalogue's order (built-in measures first, then your own in the order you
defined them). A grant that lists a measure whose columns are not in the export still makes its
report (nothing can be paired), and \`impact-report validate\` and the report both print a
warning naming the headers they looked for.

## Columns in the export

Each measure has two columns, \`<id>_pre\` (the first score) and \`<id>_post\` (the last), for
example \`epds_pre\` and \`epds_post\`. If your case system names them differently, map them:

\`\`\`yaml
input:
  columns: { epds_pre: "EPDS first", epds_post: "EPDS last" }
\`\`\`

What a score cell may hold:

| in the cell | on a whole-number measure | on a decimal measure |
|---|---|---|
| blank | not recorded | not recorded |
| \`12\` | 12 | 12 |
| \`6.5\` | refused: the measure has whole numbers only | 6.5 |
| \`12.0\` | refused, with how to format the column in Excel | 12 |
| \`6,5\` | refused: a decimal is written with a point | refused: write \`6.5\` |
| \`85%\`, \`12 pts\` | refused: the number alone | refused: the number alone |
| \`N/A\`, \`-\`, \`none\` | refused: leave the cell blank | refused: leave the cell blank |

A column named \`<something>_pre\` for a measure the tool does not know is an unknown extra
column and is ignored (it is still screened for personal data).

## Changing a measure's thresholds

\`\`\`yaml
thresholds:
  phq9: { reliableChange: 5, clinicalCutoff: 10 }
  pirgas: { reliableChange: 12 }
  core10: { clinicalCutoff: null }   # no cut-off: no caseness or recovery for CORE-10
\`\`\`

Any measure, built in or your own, can have its reliable-change threshold (above 0) and its
cut-off (within the measure's range, or \`null\` for none) overridden. The method section of the
report then says the thresholds were set in your configuration, and what the defaults were.

## Defining your own measure

Under \`measures:\`, each measure goes under its id: lower-case letters, digits and \`_\`, starting
with a letter, and not a built-in id. The id is the prefix of its columns.

| setting | required | meaning |
|---|---|---|
| \`name\` | yes | the short name, as printed: \`BDI-II\` |
| \`longName\` | no | the full name, for headings and the method section (default: the name) |
| \`min\`, \`max\` | yes | the lowest and highest possible scores (\`max\` above \`min\`) |
| \`better\` | yes | \`higher\` or \`lower\` |
| \`decimals\` | no | \`true\` if scores may have decimals (default \`false\`) |
| \`reliableChange\` | one of these two | R in points, above 0 |
| \`reliability: { sd, r }\` | one of these two | the Jacobson–Truax inputs: R = 1.959963984540054 × sd × √(2 × (1 − r)), with sd above 0 and 0 ≤ r < 1 |
| \`clinicalCutoff\` | no | within \`min\`–\`max\`; the clinical range is ≥ it where lower is better, ≤ it where higher is better |
| \`improved\` | no | how the report says a parent improved: "showed fewer symptoms of depression" (default "showed an improvement on the *name*") |

### A worked example

A service that scores the Beck Depression Inventory-II (0–63, lower is better, 14 or more
suggests depression), with a published standard deviation of 7.5 and reliability of 0.9:

\`\`\`yaml
measures:
  bdi2:
    name: BDI-II
    longName: Beck Depression Inventory-II
    min: 0
    max: 63
    better: lower
    reliability: { sd: 7.5, r: 0.9 }
    clinicalCutoff: 14
    improved: showed fewer symptoms of depression
composites:
  mood: { name: BDI-II and/or GAD-7, measures: [bdi2, gad7] }
grants:
  example-2025:
    funder: Example Fund
    title: Support for parents in 2025
    measures: [bdi2, gad7]      # reports bdi2, gad7 and the composite mood
\`\`\`

The export then has the columns \`bdi2_pre\` and \`bdi2_post\` with whole numbers from 0 to 63.
R is 1.959963984540054 × 7.5 × √(2 × (1 − 0.9)) = ${example} points: a fall of ${example} or more
is reliable improvement. The report then says, for example, "Of the 40 parents with before-and-after BDI-II
scores, 78% showed fewer symptoms of depression; on average, their BDI-II scores fell by 6.1
points", and the JSON output carries the definition in force under \`measures.bdi2\`.

Every mistake in a definition is a configuration error naming the line of
\`impact-report.yaml\` and what to write instead; \`impact-report validate\` checks it without
writing anything.

## Adding a measure to the built-in catalogue (for developers)

A built-in measure is one file in \`src/measures/\` (copy \`phq9.ts\`) and one entry in
\`src/measures/catalogue.ts\`. Then run \`npm run schema\` and \`npm run docs:measures\`, which
regenerate the JSON Schema and this page. Nothing else in the code names a measure: a test
fails if any file outside \`src/measures/\` does.
`;
}
