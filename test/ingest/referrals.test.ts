import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProblemList } from '../../src/errors.js';
import { readReferrals, UNRECORDED_SOURCE } from '../../src/ingest/referrals.js';

const dir = mkdtempSync(join(tmpdir(), 'impact-referrals-'));
let n = 0;
async function read(lines: string[], columns: Record<string, string> = {}) {
  const file = join(dir, `r${n++}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const problems = new ProblemList();
  const { referrals } = await readReferrals(
    file,
    { dateFormat: 'DD/MM/YYYY', columns, ignoreColumns: [] },
    problems,
  );
  return { referrals, problems: problems.kept };
}

describe('readReferrals (data.md §2)', () => {
  it('reads counts by month, area and source; a blank source is "not recorded"', async () => {
    const { referrals, problems } = await read([
      'Month,Area,Source,Count',
      '2024-04,Didcot,gp,3',
      '2024-05,Reading,,0',
    ]);
    expect(problems).toEqual([]);
    expect(referrals).toEqual([
      { month: 20240401, area: 'Didcot', source: 'gp', count: 3 },
      { month: 20240501, area: 'Reading', source: UNRECORDED_SOURCE, count: 0 },
    ]);
  });

  it('reads month as YYYY-MM whatever input.dateFormat says', async () => {
    const { problems } = await read(['month,area,source,count', '04/2024,Didcot,gp,3']);
    expect(problems[0]).toMatchObject({ line: 2, column: 'month', value: '04/2024' });
    expect(problems[0]?.message).toContain('2024-04');
  });

  it.each([
    ['2024-13', '3', 'month', 'no month 13'],
    ['2024-04', '-1', 'count', '0 or more'],
    ['2024-04', '2.5', 'count', 'whole number'],
    ['2024-04', 'many', 'count', 'whole number'],
  ])('rejects month %j, count %j', async (month, count, column, words) => {
    const { problems, referrals } = await read(['month,area,source,count', `${month},Didcot,gp,${count}`]);
    expect(referrals).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, column });
    expect(problems[0]?.message).toContain(words);
  });

  it('requires month, area and count', async () => {
    const { problems } = await read(['month,area,source,count', ',,gp,']);
    expect(problems.map((p) => p.column)).toEqual(['month', 'area', 'count']);
  });

  it('uses the area mapping of input.columns where the file has the mapped header, "area" otherwise', async () => {
    const mapped = await read(['month,Locality,source,count', '2024-04,Didcot,gp,3'], { area: 'Locality' });
    expect(mapped.problems).toEqual([]);
    const plain = await read(['month,area,source,count', '2024-04,Didcot,gp,3'], { area: 'Locality' });
    expect(plain.problems).toEqual([]);
    expect(plain.referrals).toHaveLength(1);
  });

  it('refuses a postcode in a cell', async () => {
    const { problems } = await read(['month,area,source,count', '2024-04,ZZ99 9ZZ,gp,3']);
    expect(problems[0]).toMatchObject({ line: 2, column: 'area', personal: true, value: undefined });
  });
});
