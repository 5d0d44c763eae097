import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestKey, parseConfig, settingLine, settingName } from '../../src/config/validate.js';
import { formatError, type Problem, ReportError } from '../../src/errors.js';
import { ROOT } from '../helpers/cli.js';

const VALID = `organisation:
  name: Example Parent Infant Service
input:
  outcomes: outcomes.csv
grants:
  small-2024:
    funder: Example Fund
    title: Parent-infant work in 2024
    period: 2024
`;

function problems(text: string): Problem[] {
  try {
    parseConfig(text, 'impact-report.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).exitCode).toBe(2);
    return [...(error as ReportError).problems];
  }
  throw new Error('expected the configuration to be rejected');
}

describe('parseConfig (data.md §3)', () => {
  it('accepts the repository configuration and every fixture configuration meant to be valid', () => {
    expect(
      parseConfig(readFileSync(join(ROOT, 'impact-report.yaml'), 'utf8'), 'impact-report.yaml').grants,
    ).toHaveLength(5);
    for (const name of readdirSync(join(ROOT, 'fixtures', 'tolerated'))) {
      const path = join(ROOT, 'fixtures', 'tolerated', name, 'impact-report.yaml');
      expect(() => parseConfig(readFileSync(path, 'utf8'), path)).not.toThrow();
    }
  });

  it('fills the defaults and resolves paths against the file', () => {
    const config = parseConfig(VALID, '/data/charity/impact-report.yaml');
    expect(config.input).toEqual({
      outcomes: '/data/charity/outcomes.csv',
      referrals: undefined,
      dateFormat: 'YYYY-MM-DD',
      columns: {},
      ignoreColumns: [],
    });
    expect(config.organisation.financialYearStart).toBe(4);
    // No list: every measure the export has (worked out once the export is read).
    expect(config.grants[0]).toMatchObject({ id: 'small-2024', defaultPeriod: '2024', measures: null });
    expect(config.measures.map((m) => m.id)).toEqual([
      'pirgas',
      'phq9',
      'gad7',
      'epds',
      'core10',
      'wemwbs',
      'gbo',
    ]);
    expect(config.composites.map((c) => c.id)).toEqual(['mentalHealth']);
  });

  it('names an unknown key at its own line and suggests the likely spelling', () => {
    expect(
      problems(VALID.replace('  name: Example', '  colors: { primary: "#123456" }\n  name: Example')),
    ).toEqual([
      {
        file: 'impact-report.yaml',
        line: 2,
        setting: 'organisation.colors',
        value: undefined,
        message: 'unknown setting "colors": did you mean "colours"?',
      },
    ]);
    expect(
      problems(VALID.replace('  outcomes:', '  dateformat: DD/MM/YYYY\n  outcomes:'))[0]?.message,
    ).toContain('did you mean "dateFormat"?');
  });

  it('lists what is allowed where an unknown key is nothing like a known one', () => {
    expect(problems(`${VALID}    colour: red\n`)[0]).toMatchObject({
      line: 10,
      setting: 'grants.small-2024.colour',
      message: expect.stringContaining(
        'the settings here are funder, title, period, match, brand, measures, narrative',
      ),
    });
  });

  it.each([
    [
      'financialYearStart: April',
      'organisation.financialYearStart',
      'April',
      'expected a month number from 1 to 12',
    ],
    [
      'financialYearStart: 13',
      'organisation.financialYearStart',
      '13',
      'expected a month number from 1 to 12',
    ],
    ['colours: { primary: purple }', 'organisation.colours.primary', 'purple', 'six hex digits'],
    ['logo: ""', 'organisation.logo', '', 'expected some text'],
  ])('names the key path, line and value of %j', (line, setting, value, words) => {
    const [p] = problems(VALID.replace('  name: Example Parent Infant Service', `  name: X\n  ${line}`));
    expect(p).toMatchObject({ line: 3, setting, value });
    expect(p?.message).toContain(words);
  });

  it('names an unknown measure by its place in the list, with the likely spelling', () => {
    const [p] = problems(`${VALID}    measures: [pirgas, core01]\n`);
    expect(p).toMatchObject({ line: 10, setting: 'grants.small-2024.measures (item 2)', value: 'core01' });
    expect(p?.message).toContain('there is no measure "core01" (did you mean core10?)');
    expect(p?.message).toContain('pirgas, phq9, gad7, epds, core10, wemwbs, gbo, mentalHealth');
  });

  it('rejects a grant id that cannot be a file name', () => {
    expect(problems(VALID.replace('small-2024:', '"small 2024/25":'))[0]).toMatchObject({
      line: 6,
      setting: 'grants.small 2024/25',
      message: expect.stringContaining('grant id'),
    });
  });

  it('rejects a service the tool does not know inside a list, and an empty list', () => {
    const found = problems(`${VALID}    match: { service: [individual, solo], area: [] }\n`);
    expect(found.map((p) => [p.setting, p.value])).toEqual([
      ['grants.small-2024.match.area', undefined],
      ['grants.small-2024.match.service (item 2)', 'solo'],
    ]);
  });

  it('says what a missing setting is for', () => {
    expect(
      problems('input:\n  outcomes: o.csv\ngrants:\n  g: { funder: F }\n').map((p) => p.message),
    ).toEqual([
      "this setting is missing (the grant's title, as printed on the cover); expected some text",
      'this setting is missing (who the reports are from); expected a group of settings',
    ]);
  });

  it('requires at least one grant', () => {
    expect(problems(VALID.replace(/grants:[\s\S]*/, 'grants: {}\n'))[0]?.message).toContain(
      'at least one grant',
    );
  });

  it("only maps the tool's column names, and recognises a mapping written the wrong way round", () => {
    const [reversed] = problems(
      VALID.replace('  outcomes:', '  columns: { "Case Ref": episode_id }\n  outcomes:'),
    );
    expect(reversed).toMatchObject({ line: 4, setting: 'input.columns.Case Ref' });
    expect(reversed?.message).toContain('wrong way round: write episode_id: "Case Ref"');
    const [typo] = problems(
      VALID.replace('  outcomes:', '  columns: { episodeid: "Case Ref" }\n  outcomes:'),
    );
    expect(typo?.message).toContain('did you mean episode_id?');
  });

  it('rejects two column names mapped to one header', () => {
    expect(
      problems(
        VALID.replace('  outcomes:', '  columns:\n    episode_id: Ref\n    family_id: " ref "\n  outcomes:'),
      )[0],
    ).toMatchObject({
      line: 6,
      setting: 'input.columns.family_id',
      message: expect.stringContaining('both mapped'),
    });
  });

  it('reports YAML syntax with its line, and a file that is not settings', () => {
    expect(problems('organisation:\n  name: X\n\tbad: tab\n')[0]).toMatchObject({
      line: 3,
      message: expect.stringContaining('not valid YAML'),
    });
    expect(problems('organisation: {name: X}\norganisation: {name: Y}\n')[0]?.message).toContain(
      'not valid YAML',
    );
    expect(problems('')[0]?.message).toContain('organisation:');
    expect(problems('- a\n- b\n')[0]?.message).toContain('organisation:');
  });

  it('prints as one block with the file, lines and hint', () => {
    try {
      parseConfig(
        VALID.replace('  name: Example Parent Infant Service', '  name: X\n  financialYearStart: April'),
        'c.yaml',
      );
    } catch (error) {
      expect(formatError(error as ReportError)).toBe(
        [
          'Error: The configuration file c.yaml has a problem.',
          '',
          'c.yaml (1 problem):',
          '  - line 3, setting organisation.financialYearStart, value "April": expected a month number from 1 to 12',
          '',
          'Fix the configuration file and run again. `impact-report validate` checks it without writing anything.',
        ].join('\n'),
      );
    }
  });
});

describe('helpers', () => {
  it('settingName counts list items from 1', () => {
    expect(settingName(['grants', 'g', 'measures', 1])).toBe('grants.g.measures (item 2)');
    expect(settingName(['organisation', 'colours', 'primary'])).toBe('organisation.colours.primary');
  });
  it('closestKey finds near spellings only', () => {
    expect(closestKey('colors', ['colours', 'logo'])).toBe('colours');
    expect(closestKey('ignore_columns', ['columns', 'ignoreColumns'])).toBe('ignoreColumns');
    expect(closestKey('FinancialYearStart', ['financialYearStart'])).toBe('financialYearStart');
    expect(closestKey('banana', ['colours', 'logo', 'name'])).toBeUndefined();
  });
  it('settingLine finds a key in the text', () => {
    expect(settingLine(VALID, ['grants', 'small-2024', 'period'])).toBe(9);
  });
});

const MEASURES = `measures:
  bdi2:
    name: BDI-II
    longName: Beck Depression Inventory-II
    min: 0
    max: 63
    better: lower
    reliability: { sd: 7.5, r: 0.9 }
    clinicalCutoff: 14
  goals:
    name: Goals
    min: 0
    max: 10
    better: higher
    decimals: true
    reliableChange: 2.45
`;

describe('configured measures, composites and thresholds (data.md §6)', () => {
  it('takes measures as defined, Jacobson–Truax R computed exactly, in force after the catalogue', () => {
    const config = parseConfig(`${MEASURES}${VALID}`, 'impact-report.yaml');
    const bdi2 = config.measures.find((m) => m.id === 'bdi2');
    expect(bdi2).toMatchObject({
      name: 'BDI-II',
      longName: 'Beck Depression Inventory-II',
      better: 'lower',
      decimals: false,
      clinicalCutoff: 14,
      builtIn: false,
    });
    // 1.959963984540054 · 7.5 · √(2 · 0.1) = 6.5737…
    expect(bdi2?.reliableChange).toBe(1.959963984540054 * 7.5 * Math.sqrt(2 * (1 - 0.9)));
    expect(config.measures.find((m) => m.id === 'goals')).toMatchObject({
      longName: 'Goals',
      decimals: true,
      reliableChange: 2.45,
      clinicalCutoff: null,
    });
    expect(config.measures.map((m) => m.id).slice(-2)).toEqual(['bdi2', 'goals']);
  });

  it('overrides any measure’s thresholds, and clinicalCutoff: null removes the cut-off', () => {
    const config = parseConfig(
      `${MEASURES}thresholds:\n  phq9: { clinicalCutoff: null }\n  bdi2: { reliableChange: 8 }\n  pirgas: { reliableChange: 12.5 }\n${VALID}`,
      'impact-report.yaml',
    );
    const byId = (id: string) => config.measures.find((m) => m.id === id);
    expect(byId('phq9')).toMatchObject({ reliableChange: 6, clinicalCutoff: null });
    expect(byId('bdi2')).toMatchObject({ reliableChange: 8, clinicalCutoff: 14 });
    expect(byId('pirgas')).toMatchObject({ reliableChange: 12.5, clinicalCutoff: 40 });
    expect(byId('pirgas')?.source).toContain('set in this organisation’s configuration');
  });

  it('takes composites, after the built-in one, and a grant may list one with its measures', () => {
    const config = parseConfig(
      `${MEASURES}composites:\n  mood: { name: BDI-II and/or EPDS, measures: [bdi2, epds] }\n${VALID}    measures: [epds, bdi2, mood]\n`,
      'impact-report.yaml',
    );
    expect(config.composites.map((c) => [c.id, c.measures])).toEqual([
      ['mentalHealth', ['phq9', 'gad7']],
      ['mood', ['bdi2', 'epds']],
    ]);
    expect(config.grants[0]?.measures).toEqual(['epds', 'bdi2', 'mood']);
  });

  it.each([
    ['better: lower', 'better: worse', 'measures.bdi2.better', 'expected "higher" or "lower"'],
    ['max: 63', 'max: 0', 'measures.bdi2.max', 'expected max above min (0)'],
    [
      'clinicalCutoff: 14',
      'clinicalCutoff: 64',
      'measures.bdi2.clinicalCutoff',
      "within the measure's range, 0 to 63",
    ],
    [
      'reliability: { sd: 7.5, r: 0.9 }',
      'reliability: { sd: 7.5, r: 1 }',
      'measures.bdi2.reliability.r',
      'from 0 up to (not including) 1',
    ],
    [
      'reliability: { sd: 7.5, r: 0.9 }',
      'reliability: { sd: 0, r: 0.9 }',
      'measures.bdi2.reliability.sd',
      'above 0',
    ],
    [
      'reliability: { sd: 7.5, r: 0.9 }',
      'reliableChange: 9\n    reliability: { sd: 7.5, r: 0.9 }',
      'measures.bdi2.reliability',
      'not both',
    ],
    [
      '    reliability: { sd: 7.5, r: 0.9 }\n',
      '',
      'measures.bdi2.reliableChange',
      'a measure needs reliableChange',
    ],
    ['decimals: true', 'decimals: yes please', 'measures.goals.decimals', 'expected true or false'],
    ['  bdi2:', '  BDI-2:', 'measures.BDI-2', 'expected a measure id of lower-case letters'],
    ['  bdi2:', '  phq9:', 'measures.phq9', 'this is a built-in measure'],
    ['    name: BDI-II\n', '', 'measures.bdi2.name', 'this setting is missing'],
  ])('a bad definition (%s → %s) is an error at its line: %s', (from, to, setting, words) => {
    const text = `${MEASURES.replace(from, to)}${VALID}`;
    const found = problems(text);
    const p = found.find((x) => x.setting === setting);
    expect(p, JSON.stringify(found)).toBeDefined();
    expect(p?.message).toContain(words);
    expect(p?.line).toBeGreaterThan(0);
  });

  it.each([
    [
      'thresholds:\n  phq10: { reliableChange: 5 }\n',
      'thresholds.phq10',
      'there is no measure "phq10" (did you mean phq9?)',
    ],
    [
      'thresholds:\n  phq9: { clinicalCutoff: 30 }\n',
      'thresholds.phq9.clinicalCutoff',
      "within the PHQ-9's range, 0 to 27",
    ],
    ['thresholds:\n  phq9: { reliableChange: 0 }\n', 'thresholds.phq9.reliableChange', 'above 0'],
    [
      'composites:\n  mood: { name: M, measures: [epds] }\n',
      'composites.mood.measures',
      'two or more measures',
    ],
    [
      'composites:\n  mood: { name: M, measures: [epds, bdi3] }\n',
      'composites.mood.measures (item 2)',
      'there is no measure "bdi3"',
    ],
    [
      'composites:\n  mood: { name: M, measures: [epds, epds] }\n',
      'composites.mood.measures (item 2)',
      'listed twice',
    ],
    [
      'composites:\n  mood: { name: M, measures: [epds, mentalHealth] }\n',
      'composites.mood.measures (item 2)',
      'is a composite',
    ],
    [
      'composites:\n  bdi2: { name: M, measures: [epds, gad7] }\n',
      'composites.bdi2',
      'already the id of a measure',
    ],
    [
      'input:\n  columns: { bdi3_pre: "BDI first" }\n',
      'input.columns.bdi3_pre',
      "not one of the tool's column names",
    ],
  ])('%j is refused at %s', (extra, setting, words) => {
    const text = `${MEASURES}${extra}${VALID}`.replace('input:\n  columns', '__COLUMNS__');
    // input.columns goes inside the one input: block
    const config = text.includes('__COLUMNS__')
      ? text
          .replace('__COLUMNS__: { bdi3_pre: "BDI first" }\n', '')
          .replace('input:\n', 'input:\n  columns: { bdi3_pre: "BDI first" }\n')
      : text;
    const found = problems(config);
    const p = found.find((x) => x.setting === setting);
    expect(p, JSON.stringify(found)).toBeDefined();
    expect(p?.message).toContain(words);
    expect(p?.line).toBeGreaterThan(0);
  });

  it('maps a configured measure’s columns with input.columns', () => {
    const config = parseConfig(
      `${MEASURES}${VALID.replace('input:\n', 'input:\n  columns: { bdi2_pre: "BDI first", bdi2_post: "BDI last" }\n')}`,
      'impact-report.yaml',
    );
    expect(config.input.columns).toEqual({ bdi2_pre: 'BDI first', bdi2_post: 'BDI last' });
  });

  it('a listed composite needs its measures listed too', () => {
    const [p] = problems(`${VALID}    measures: [phq9, mentalHealth]\n`);
    expect(p).toMatchObject({ setting: 'grants.small-2024.measures (item 2)', value: 'mentalHealth' });
    expect(p?.message).toBe(
      'the composite mentalHealth reads phq9 and gad7, so that measure must be listed too: add gad7 to this list',
    );
  });
});

describe('profile columns (data.md §7)', () => {
  const PROFILE = `profile:
  parent_role: { label: Parent or carer, categories: [Mother, Father, Other carer] }
  severe_mental_illness: { label: Severe mental illness, flag: true, phrase: had a severe mental illness }
`;

  it('takes categories in report order and flags, in configuration order', () => {
    expect(parseConfig(`${PROFILE}${VALID}`, 'impact-report.yaml').profile).toEqual([
      {
        column: 'parent_role',
        label: 'Parent or carer',
        kind: 'category',
        categories: ['Mother', 'Father', 'Other carer'],
      },
      {
        column: 'severe_mental_illness',
        label: 'Severe mental illness',
        kind: 'flag',
        phrase: 'had a severe mental illness',
      },
    ]);
  });

  it.each([
    [
      'categories: [Mother, Father, Other carer]',
      'categories: [Mother, mother]',
      'profile.parent_role.categories (item 2)',
      'listed twice',
    ],
    [
      'categories: [Mother, Father, Other carer]',
      'categories: []',
      'profile.parent_role.categories',
      'at least one category',
    ],
    [', categories: [Mother, Father, Other carer]', '', 'profile.parent_role.categories', 'needs categories'],
    ['flag: true, phrase', 'flag: yes, phrase', 'profile.severe_mental_illness.flag', 'flag: true'],
    [
      'categories: [Mother, Father, Other carer]',
      'categories: [Mother], flag: true',
      'profile.parent_role.flag',
      'not both',
    ],
    ['  parent_role:', '  Parent Role:', 'profile.Parent Role', 'column name in lower case'],
    ['  parent_role:', '  sessions:', 'profile.sessions', "one of the tool's own columns"],
  ])('refuses %s → %s at %s', (from, to, setting, words) => {
    const found = problems(`${PROFILE.replace(from, to)}${VALID}`);
    const p = found.find((x) => x.setting === setting);
    expect(p, JSON.stringify(found)).toBeDefined();
    expect(p?.message).toContain(words);
    expect(p?.line).toBeGreaterThan(0);
  });

  it('maps a profile column to another header with input.columns', () => {
    const config = parseConfig(
      `${PROFILE}${VALID.replace('input:\n', 'input:\n  columns: { parent_role: "Role" }\n')}`,
      'impact-report.yaml',
    );
    expect(config.input.columns).toEqual({ parent_role: 'Role' });
  });
});
describe('targets and stories on a grant (data.md §3, §8)', () => {
  const grantWith = (extra: string) => `${VALID}${extra}`;

  it('reads targets in order: a bare number is "at least", atMost as given, labels kept', () => {
    const config = parseConfig(
      grantWith(`    targets:
      activity.familiesServed: 25
      outcomes.pirgas.pctImproved: { atLeast: 75, label: Improved relationship }
      access.waitDaysMedian: { atMost: 42, label: Median wait (days) }
`),
      'impact-report.yaml',
    );
    expect(config.grants[0]?.targets).toEqual([
      { field: 'activity.familiesServed', label: null, direction: 'atLeast', target: 25 },
      {
        field: 'outcomes.pirgas.pctImproved',
        label: 'Improved relationship',
        direction: 'atLeast',
        target: 75,
      },
      { field: 'access.waitDaysMedian', label: 'Median wait (days)', direction: 'atMost', target: 42 },
    ]);
  });

  it('rejects a target that is not a number, gives both directions or none, or is not a path', () => {
    const found = problems(
      grantWith(`    targets:
      outcomes.pirgas.pctImproved: 75%
      access.waitDaysMedian: { atMost: 42, atLeast: 3 }
      activity.referrals: { label: Referrals }
      families: 25
`),
    );
    expect(found.map((p) => [p.line, p.setting])).toEqual([
      [11, 'grants.small-2024.targets.outcomes.pirgas.pctImproved'],
      [12, 'grants.small-2024.targets.access.waitDaysMedian'],
      [13, 'grants.small-2024.targets.activity.referrals'],
      [14, 'grants.small-2024.targets.families'],
    ]);
    expect(found[0]?.message).toMatch(/expected a number/);
    expect(found[1]?.message).toMatch(/exactly one of atLeast or atMost/);
    expect(found[3]?.message).toMatch(/dotted path/);
  });

  it('reads stories with consent; the attribution is optional', () => {
    const config = parseConfig(
      grantWith(`    stories:
      - quote: "By the end I felt a strong bond with my baby."
        who: A mother in Didcot
        consent: true
      - quote: It turned our family around.
        consent: true
`),
      'impact-report.yaml',
    );
    expect(config.grants[0]?.stories).toEqual([
      { quote: 'By the end I felt a strong bond with my baby.', who: 'A mother in Didcot' },
      { quote: 'It turned our family around.', who: undefined },
    ]);
  });

  it('a story without consent is an error naming the grant and the story, never its words', () => {
    const text = grantWith(`    stories:
      - quote: "Fine to print."
        consent: true
      - quote: "A private remark about my family."
      - quote: "Another private remark."
        consent: false
`);
    const found = problems(text);
    expect(found.map((p) => [p.line, p.setting])).toEqual([
      [13, 'grants.small-2024.stories[2].consent'],
      [15, 'grants.small-2024.stories[3].consent'],
    ]);
    for (const p of found) expect(p.message).toMatch(/consent/);
    const printed = formatError(errorOf(text));
    expect(printed).not.toMatch(/private remark/);
    expect(printed).not.toMatch(/value/);
  });

  it.each([
    ['an email address', 'Write to me at jo.bloggs@example.com any time.', 'quote'],
    ['a UK postcode', 'We moved to OX11 7AB last spring.', 'quote'],
    ['an NHS number', 'My number is 943 476 5919 if you need it.', 'quote'],
    ['a UK postcode', 'A mother in OX11 7AB', 'who'],
  ])('a story holding %s is an error naming the grant and position, never the text', (kind, words, part) => {
    const story =
      part === 'quote'
        ? `      - quote: "${words}"\n        consent: true\n`
        : `      - quote: "Kind words."\n        who: "${words}"\n        consent: true\n`;
    const text = grantWith(`    stories:
      - quote: "Fine to print."
        consent: true
${story}`);
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.setting).toBe(`grants.small-2024.stories[2].${part}`);
    expect(found[0]?.line).toBe(part === 'quote' ? 13 : 14);
    expect(found[0]?.message).toContain(`story 2 of the grant "small-2024"`);
    expect(found[0]?.message).toContain(kind);
    const printed = formatError(errorOf(text));
    for (const piece of words.split(' ').filter((w) => w.length > 3 && !kind.includes(w)))
      expect(printed).not.toContain(piece);
  });

  it('never echoes a value that looks like personal data, wherever it is', () => {
    const text = VALID.replace('name: Example Parent Infant Service', 'name: 9434765919').replace(
      'title: Parent-infant work in 2024',
      'title: [jo@example.com]',
    );
    expect(formatError(errorOf(text))).not.toMatch(/example\.com/);
  });
});

function errorOf(text: string): ReportError {
  try {
    parseConfig(text, 'impact-report.yaml');
  } catch (error) {
    return error as ReportError;
  }
  throw new Error('expected the configuration to be rejected');
}
