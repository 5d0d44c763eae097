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
    expect(config.grants[0]).toMatchObject({
      id: 'small-2024',
      defaultPeriod: '2024',
      measures: ['pirgas', 'phq9', 'gad7'],
    });
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

  it('names an unknown measure by its place in the list', () => {
    expect(problems(`${VALID}    measures: [pirgas, core10]\n`)[0]).toMatchObject({
      line: 10,
      setting: 'grants.small-2024.measures (item 2)',
      value: 'core10',
      message: 'expected one of the measures pirgas, phq9, gad7',
    });
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
