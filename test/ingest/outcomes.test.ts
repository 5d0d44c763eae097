import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProfileColumn } from '../../src/domain.js';
import { ProblemList } from '../../src/errors.js';
import { type InputOptions, readOutcomes, wholeNumber } from '../../src/ingest/outcomes.js';
import { BUILT_IN_MEASURES } from '../../src/measures/catalogue.js';
import type { MeasureDefinition } from '../../src/measures/definition.js';
import { plainEpisode } from '../stats/support.js';

const HEADER =
  'episode_id,family_id,service,area,funding,referral_date,referral_source,start_date,end_date,sessions,pirgas_pre,pirgas_post,phq9_pre,phq9_post,gad7_pre,gad7_post';
const GOOD =
  'EP-1,FAM-1,individual,Didcot,powerhouse;lottery,2024-01-10,gp,2024-02-01,2024-07-15,12,35,52,14,8,11,6';
const OPTIONS: InputOptions = { dateFormat: 'YYYY-MM-DD', columns: {}, ignoreColumns: [] };

const dir = mkdtempSync(join(tmpdir(), 'impact-outcomes-'));
let n = 0;
async function read(
  lines: string[],
  options: Partial<InputOptions> = {},
  measures: readonly MeasureDefinition[] = BUILT_IN_MEASURES,
  profile: readonly ProfileColumn[] = [],
) {
  const file = join(dir, `o${n++}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const problems = new ProblemList();
  const outcomes = await readOutcomes(file, { ...OPTIONS, ...options }, measures, problems, profile);
  return {
    episodes: outcomes.episodes.map(plainEpisode),
    measures: outcomes.measures,
    problems: problems.kept,
    list: problems,
  };
}

/** GOOD with some cells replaced, by column name. */
function row(changes: Record<string, string>, base = GOOD): string {
  const names = HEADER.split(',');
  const cells = base.split(',');
  for (const [name, value] of Object.entries(changes)) cells[names.indexOf(name)] = value;
  return cells.join(',');
}

describe('readOutcomes: a valid row (data.md §1)', () => {
  it('becomes an episode, with funding codes split and trimmed and service lower-cased', async () => {
    const { episodes, problems } = await read([
      HEADER,
      row({ service: 'Individual', funding: ' powerhouse ; lottery ' }),
    ]);
    expect(problems).toEqual([]);
    expect(episodes).toEqual([
      {
        familyId: 'FAM-1',
        family: 0,
        service: 'individual',
        area: 'Didcot',
        funding: ['powerhouse', 'lottery'],
        referralDate: 20240110,
        referralSource: 'gp',
        startDate: 20240201,
        endDate: 20240715,
        sessions: 12,
        endReason: null,
        profile: [],
        scores: [35, 52, 14, 8, 11, 6],
      },
    ]);
  });

  it('reads the measures whose columns the export has, in catalogue order, whatever the column order', async () => {
    const { episodes, measures, problems } = await read([
      'episode_id,family_id,service,area,referral_date,start_date,end_date,gbo_post,epds_pre,gbo_pre,epds_post,pirgas_pre',
      'EP-1,FAM-1,group,Reading,2024-03-01,2024-03-10,2024-06-01,6.5,15,3.25,9,40',
    ]);
    expect(problems).toEqual([]);
    expect(measures).toEqual(['pirgas', 'epds', 'gbo']);
    expect(episodes[0]?.scores).toEqual([40, null, 15, 9, 3.25, 6.5]);
  });

  it('reads blank optional cells as not recorded', async () => {
    const { episodes, problems } = await read([HEADER, 'EP-2,FAM-2,group,Reading,,2024-03-01,,,,,,,,,,']);
    expect(problems).toEqual([]);
    expect(episodes[0]).toMatchObject({ funding: [], referralSource: null, startDate: null, sessions: null });
  });

  it('accepts a header with the optional columns missing', async () => {
    const { episodes, problems } = await read([
      'episode_id,family_id,service,area,referral_date',
      'EP-3,FAM-3,group,Reading,2024-03-01',
    ]);
    expect(problems).toEqual([]);
    expect(episodes).toHaveLength(1);
  });

  it('accepts a header and no rows: zero episodes', async () => {
    const { episodes, problems } = await read([HEADER]);
    expect(problems).toEqual([]);
    expect(episodes).toEqual([]);
  });
});

describe('readOutcomes: every rejection of data.md §4, located', () => {
  it('tells a whole-number score out of range its range, not that scores are whole numbers', async () => {
    for (const [column, value, range] of [
      ['pirgas_pre', '150', 'from 1 to 100'],
      ['pirgas_post', '0', 'from 1 to 100'],
      ['phq9_pre', '-1', 'from 0 to 27'],
    ] as const) {
      const { problems } = await read([HEADER, row({ [column]: value })]);
      expect(problems).toHaveLength(1);
      expect(problems[0]?.message).toBe(`expected a whole-number score ${range}`);
    }
  });

  it.each([
    ['a score out of range', { pirgas_pre: '150' }, 'K', 'pirgas_pre', '150', 'from 1 to 100'],
    ['a score of 0 on PIRGAS', { pirgas_post: '0' }, 'L', 'pirgas_post', '0', 'from 1 to 100'],
    ['a PHQ-9 above 27', { phq9_pre: '28' }, 'M', 'phq9_pre', '28', 'from 0 to 27'],
    ['a GAD-7 above 21', { gad7_post: '22' }, 'P', 'gad7_post', '22', 'from 0 to 21'],
    [
      'a score that is not an integer',
      { phq9_post: '12.5' },
      'N',
      'phq9_post',
      '12.5',
      'PHQ-9 scores are whole numbers',
    ],
    [
      'a whole number written 12.0',
      { phq9_post: '12.0' },
      'N',
      'phq9_post',
      '12.0',
      'format the column as a number with 0 decimal places',
    ],
    ['a comma decimal', { phq9_post: '"6,5"' }, 'N', 'phq9_post', '6,5', 'not a comma'],
    ['a percent sign', { pirgas_post: '52%' }, 'L', 'pirgas_post', '52%', 'without a % sign'],
    ['a unit', { pirgas_post: '52 pts' }, 'L', 'pirgas_post', '52 pts', 'without a unit'],
    ['N/A for a missing score', { gad7_pre: 'N/A' }, 'O', 'gad7_pre', 'N/A', 'leave the cell blank'],
    ['a dash for a missing score', { gad7_pre: '-' }, 'O', 'gad7_pre', '-', 'leave the cell blank'],
    ['a score in words', { gad7_pre: 'ten' }, 'O', 'gad7_pre', 'ten', 'whole-number'],
    [
      'an impossible date',
      { referral_date: '2024-02-30' },
      'F',
      'referral_date',
      '2024-02-30',
      '30 February',
    ],
    ['an unparseable date', { start_date: 'soon' }, 'H', 'start_date', 'soon', 'YYYY-MM-DD'],
    ['end before start', { end_date: '2024-01-31' }, 'I', 'end_date', '2024-01-31', 'before the start date'],
    [
      'start before referral',
      { start_date: '2024-01-09' },
      'H',
      'start_date',
      '2024-01-09',
      'before the referral date',
    ],
    ['an unknown service', { service: 'family' }, 'C', 'service', 'family', '"individual" or "group"'],
    ['negative sessions', { sessions: '-1' }, 'J', 'sessions', '-1', '0 or more'],
    ['sessions not a number', { sessions: 'x' }, 'J', 'sessions', 'x', 'whole number'],
  ])('%s', async (_what, changes, letter, column, value, words) => {
    const { episodes, problems } = await read([HEADER, GOOD.replace('EP-1', 'EP-0'), row(changes)]);
    expect(episodes).toHaveLength(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, columnLetter: letter, column, value });
    expect(problems[0]?.message).toContain(words);
  });

  it.each(['episode_id', 'family_id', 'service', 'area', 'referral_date'])('a blank %s', async (column) => {
    const { problems } = await read([HEADER, row({ [column]: '' })]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, column, value: undefined });
    expect(problems[0]?.message).toContain('blank');
  });

  it('an end date or a score on an episode with no start date', async () => {
    const { problems } = await read([HEADER, row({ start_date: '' })]);
    expect(problems.map((p) => p.column)).toEqual([
      'end_date',
      'pirgas_pre',
      'pirgas_post',
      'phq9_pre',
      'phq9_post',
      'gad7_pre',
      'gad7_post',
    ]);
    for (const p of problems) expect(p.message).toContain('start date is blank');
  });

  it('a duplicate episode_id, naming the line it first appeared on', async () => {
    const { problems } = await read([HEADER, GOOD, row({ family_id: 'FAM-2' }), GOOD]);
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
    expect(problems[0]?.message).toContain('already used on line 2');
  });

  it('a missing required column, once, in the header', async () => {
    const { problems, episodes } = await read([HEADER.replace('area,', ''), GOOD.replace('Didcot,', '')]);
    expect(episodes).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 1, column: 'area' });
    expect(problems[0]?.message).toContain('missing');
  });

  it('a row with too many or too few values', async () => {
    const { problems } = await read([HEADER, `${GOOD},extra`, GOOD.replace(',gp,', ',')]);
    expect(problems.map((p) => [p.line, p.message.slice(0, 24)])).toEqual([
      [2, 'this row has 17 values b'],
      [3, 'this row has 15 values b'],
    ]);
  });

  it('every problem of the file, not only the first', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => row({ episode_id: `EP-${i}`, pirgas_pre: '0' }));
    const { problems } = await read([HEADER, ...rows]);
    expect(problems.map((p) => p.line)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
  });

  it('a file with no bytes', async () => {
    const { problems } = await read([]);
    expect(problems[0]?.message).toContain('empty');
  });
});

describe('readOutcomes: dates as input.dateFormat says', () => {
  const uk = row({ referral_date: '10/01/2024', start_date: '01/02/2024', end_date: '15/07/2024' });
  it('reads DD/MM/YYYY where configured', async () => {
    const { episodes, problems } = await read([HEADER, uk], { dateFormat: 'DD/MM/YYYY' });
    expect(problems).toEqual([]);
    expect(episodes[0]).toMatchObject({ referralDate: 20240110, startDate: 20240201, endDate: 20240715 });
  });
  it('rejects a file that mixes forms, at the odd cell', async () => {
    const { problems } = await read([HEADER, uk, row({ episode_id: 'EP-2' })], { dateFormat: 'DD/MM/YYYY' });
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'referral_date'],
      [3, 'start_date'],
      [3, 'end_date'],
    ]);
    expect(problems[0]?.message).toContain('must not mix');
  });
});

describe('readOutcomes: headers and input.columns (data.md §1)', () => {
  it('matches headers after trimming, lower-casing and turning spaces into _', async () => {
    const header = HEADER.replace('episode_id', ' Episode ID ').replace('referral_date', 'REFERRAL  DATE');
    const { episodes, problems } = await read([header, GOOD]);
    expect(problems).toEqual([]);
    expect(episodes).toHaveLength(1);
  });

  it('maps an export header to a canonical name, and names the export header in problems', async () => {
    const header = HEADER.replace('episode_id', 'Case Ref').replace('pirgas_pre', 'PIRGAS before');
    const { problems } = await read([header, row({ pirgas_pre: '200' })], {
      columns: { episode_id: 'case ref', pirgas_pre: 'PIRGAS Before' },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ column: 'PIRGAS before', value: '200' });
  });

  it('uses the mapped header over a column of the canonical name', async () => {
    const header = `${HEADER},Case Ref`;
    // Both rows have episode_id EP-1: only the mapped column's ids must be unique.
    const mapped = { columns: { episode_id: 'Case Ref' } };
    const { episodes, problems } = await read([header, `${GOOD},CR-9`, `${GOOD},CR-10`], mapped);
    expect(problems).toEqual([]);
    expect(episodes).toHaveLength(2);
    const again = await read([header, `${GOOD},CR-9`, row({ episode_id: 'EP-2' }, `${GOOD},CR-9`)], mapped);
    expect(again.problems).toMatchObject([{ line: 3, column: 'Case Ref', value: 'CR-9' }]);
  });

  it('says when a mapped header is not in the export', async () => {
    const { problems } = await read([HEADER, GOOD], {
      columns: { episode_id: 'Case Ref', sessions: 'Attended' },
    });
    expect(problems.map((p) => p.column)).toEqual(['Case Ref', 'Attended']);
    for (const p of problems) expect(p.message).toContain('input.columns maps');
  });

  it('drops input.ignoreColumns unread, even when they hold personal data', async () => {
    const { episodes, problems } = await read(
      [`${HEADER},Parent Name,Email`, `${GOOD},Alex Example,a@example.org`],
      {
        ignoreColumns: ['parent name', 'EMAIL'],
      },
    );
    expect(problems).toEqual([]);
    expect(episodes).toHaveLength(1);
  });

  it('says when a required column is ignored', async () => {
    const { problems } = await read([HEADER, GOOD], { ignoreColumns: ['Area'] });
    expect(problems[0]?.message).toContain('input.ignoreColumns');
  });

  it('says when a column appears twice', async () => {
    const { problems } = await read([`${HEADER},Area`, `${GOOD},Didcot`]);
    expect(problems[0]).toMatchObject({ line: 1, columnLetter: 'Q', column: 'Area' });
    expect(problems[0]?.message).toContain('appears twice (also column D)');
  });

  it('recognises a file separated by semicolons', async () => {
    const { problems } = await read([HEADER.replaceAll(',', ';'), GOOD.replaceAll(',', ';')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('semicolons');
  });
});

describe('readOutcomes: personal data (data.md §5)', () => {
  it.each([
    ['an email address', 'someone@example.org'],
    ['a UK postcode', 'ZZ99 9ZZ'],
    ['an NHS number', '943 476 5919'],
  ])('refuses %s in any read cell, without keeping the value', async (what, value) => {
    const { problems, list } = await read([
      `${HEADER},notes`,
      `${GOOD},ok`,
      `${GOOD.replace('EP-1', 'EP-2')},${value}`,
    ]);
    expect(list.personal).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, column: 'notes', personal: true, value: undefined });
    expect(problems[0]?.message).toContain(what);
    expect(JSON.stringify(problems)).not.toContain(value);
  });

  it('does not check a row holding personal data any further, so none of its values is echoed', async () => {
    const { problems } = await read([
      HEADER,
      row({ area: 'ZZ99 9ZZ', pirgas_pre: '999', referral_source: 'x' }),
    ]);
    expect(problems).toHaveLength(1);
    expect(JSON.stringify(problems)).not.toContain('ZZ99');
  });

  it('refuses an identifying header unless it is ignored', async () => {
    const { problems } = await read([`${HEADER},Child DOB`, `${GOOD},2023-11-05`]);
    expect(problems[0]).toMatchObject({ line: 1, column: 'Child DOB', personal: true });
    expect(problems[0]?.message).toContain('date of birth');
  });

  it('checks a header mapped with input.columns too', async () => {
    const { problems } = await read([HEADER.replace('family_id', 'Surname'), GOOD], {
      columns: { family_id: 'Surname' },
    });
    expect(problems[0]?.message).toContain('a name');
  });

  it('never prints a header cell that is personal data (a missing header row)', async () => {
    const { problems } = await read([GOOD.replace('gp', 'someone@example.org'), GOOD]);
    expect(problems[0]).toMatchObject({ line: 1, columnLetter: 'G', column: undefined, personal: true });
    expect(JSON.stringify(problems)).not.toContain('someone@example.org');
  });
});

describe('readOutcomes: any measure (data.md §6)', () => {
  const BASE = 'episode_id,family_id,service,area,referral_date,start_date,end_date';
  const START = 'EP-1,FAM-1,group,Reading,2024-03-01,2024-03-10,2024-06-01';
  const bdi2: MeasureDefinition = {
    id: 'bdi2',
    name: 'BDI-II',
    longName: 'BDI-II',
    min: 0,
    max: 63,
    better: 'lower',
    decimals: false,
    reliableChange: 9,
    clinicalCutoff: 14,
    improved: 'improved',
    source: 'configured',
    builtIn: false,
  };

  it('reads decimal scores written with a point where the measure allows them', async () => {
    const { episodes, problems } = await read([`${BASE},gbo_pre,gbo_post`, `${START},2.45,.5`]);
    expect(problems).toEqual([]);
    expect(episodes[0]?.scores).toEqual([2.45, 0.5]);
  });

  it.each([
    ['"6,5"', 'write the decimal with a point, not a comma (6.5)'],
    ['10.5', 'expected a GBO score from 0 to 10 (decimals allowed'],
    ['7.5%', 'without a % sign'],
  ])('refuses %s on a decimal measure, saying what to write', async (cell, words) => {
    const { problems } = await read([`${BASE},gbo_pre,gbo_post`, `${START},2,${cell}`]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, columnLetter: 'I', column: 'gbo_post' });
    expect(problems[0]?.message).toContain(words);
  });

  it('reads a configured measure, its columns mapped with input.columns; an unknown _pre column is ignored', async () => {
    const { episodes, measures, problems } = await read(
      [`${BASE},BDI first,BDI last,xyz_pre`, `${START},30,12,banana`],
      { columns: { bdi2_pre: 'BDI first', bdi2_post: 'BDI last' } },
      [...BUILT_IN_MEASURES, bdi2],
    );
    expect(problems).toEqual([]);
    expect(measures).toEqual(['bdi2']);
    expect(episodes[0]?.scores).toEqual([30, 12]);
  });

  it('a configured measure’s range and whole numbers are checked like a built-in one', async () => {
    const { problems } = await read([`${BASE},bdi2_pre,bdi2_post`, `${START},64,12.5`], {}, [bdi2]);
    expect(problems.map((p) => [p.column, p.value])).toEqual([
      ['bdi2_pre', '64'],
      ['bdi2_post', '12.5'],
    ]);
    expect(problems[1]?.message).toContain('BDI-II scores are whole numbers');
  });
});

describe('readOutcomes: end_reason and profile columns (data.md §1, §7)', () => {
  const BASE = 'episode_id,family_id,service,area,referral_date,start_date,end_date';
  const ENDED = 'EP-1,FAM-1,group,Reading,2024-03-01,2024-03-10,2024-06-01';
  const OPEN = 'EP-2,FAM-2,group,Reading,2024-03-01,2024-03-10,';
  const PROFILE: ProfileColumn[] = [
    {
      column: 'parent_role',
      label: 'Parent or carer',
      kind: 'category',
      categories: ['Mother', 'Father', 'Other carer'],
    },
    { column: 'severe_mental_illness', label: 'Severe mental illness', kind: 'flag' },
  ];
  const readProfile = (lines: string[]) => read(lines, {}, BUILT_IN_MEASURES, PROFILE);

  it('reads end reasons in any case, categories ignoring case, flags as yes/no words', async () => {
    const { episodes, problems } = await readProfile([
      `${BASE},end_reason,parent_role,severe_mental_illness`,
      `${ENDED},Planned, other CARER ,Y`,
      `${OPEN},,,0`,
    ]);
    expect(problems).toEqual([]);
    expect(episodes.map((e) => [e.endReason, e.profile])).toEqual([
      ['planned', [2, 1]],
      [null, [null, 0]],
    ]);
  });

  it.each([
    [`${ENDED},finished,,`, 'end_reason', 'finished', '"planned", "unplanned" or "other"'],
    [`${OPEN},planned,,`, 'end_reason', 'planned', 'the end date is blank'],
    [`${ENDED},,Grandmother,`, 'parent_role', 'Grandmother', 'Mother, Father, Other carer'],
    [`${ENDED},,,maybe`, 'severe_mental_illness', 'maybe', 'expected yes or no'],
  ])('refuses %s at its column, naming the value and what is allowed', async (row, column, value, words) => {
    const { problems } = await readProfile([`${BASE},end_reason,parent_role,severe_mental_illness`, row]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, column, value });
    expect(problems[0]?.message).toContain(words);
  });

  it('a profile column is still screened for personal data, and its value never echoed', async () => {
    const { problems } = await readProfile([
      `${BASE},parent_role,severe_mental_illness`,
      `${ENDED},OX1 2JD,`,
    ]);
    expect(problems[0]).toMatchObject({ column: 'parent_role', personal: true, value: undefined });
  });

  it('names a declared column the export lacks, for a configuration error', async () => {
    const file = join(dir, `o${n++}.csv`);
    writeFileSync(file, `${BASE},parent_role\n${ENDED},Mother\n`);
    const outcomes = await readOutcomes(
      file,
      { ...OPTIONS, columns: { severe_mental_illness: 'SMI' } },
      [],
      new ProblemList(),
      PROFILE,
    );
    expect(outcomes.missingProfile).toEqual([{ column: 'severe_mental_illness', header: 'SMI' }]);
    expect(outcomes.hasEndReason).toBe(false);
  });
});

describe('wholeNumber', () => {
  it('reads a cell as the regular expression of whole numbers and Number did, -0 and long ones too', () => {
    const digits = fc.array(fc.constantFrom('0', '1', '7', '9'), { maxLength: 20 }).map((d) => d.join(''));
    const cell = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('', '-', '+', '--', ' '),
          digits,
          fc.constantFrom('', '.0', 'x', ' ', '\u0661'),
        )
        .map((parts) => parts.join('')),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(cell, (v) => {
        expect(Object.is(wholeNumber(v), /^[+-]?\d+$/.test(v) ? Number(v) : Number.NaN)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
