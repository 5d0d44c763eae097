import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Keep } from '../../src/ingest/episode-store.js';
import type { InputOptions } from '../../src/ingest/outcomes.js';
import { readReferrals } from '../../src/ingest/referrals.js';
import { BUILT_IN_MEASURES } from '../../src/measures/catalogue.js';
import { plainEpisode } from '../stats/support.js';

// Reading a file in two parts at once (src/ingest/parts.ts) must give exactly what reading it
// whole gives: the same episodes, summary and hash for a valid file, and for a file with any
// problem the same problems, lines included. The worker thread runs compiled JavaScript, so
// these tests use the build (npm test builds first).
const DIST = new URL('../../dist/', import.meta.url);
type Parts = typeof import('../../src/ingest/parts.js');
type OutcomesModule = typeof import('../../src/ingest/outcomes.js');
type Errors = typeof import('../../src/errors.js');
let parts: Parts;
let outcomes: OutcomesModule;
let errors: Errors;
const before = process.env.IMPACT_REPORT_PARTS_FROM_BYTES;

beforeAll(async () => {
  if (!existsSync(new URL('parts.js', DIST)))
    throw new Error('dist/parts.js is missing: run `npm run build` (npm test does it first).');
  parts = (await import(new URL('parts.js', DIST).href)) as Parts;
  outcomes = (await import(new URL('outcomes.js', DIST).href)) as OutcomesModule;
  errors = (await import(new URL('errors.js', DIST).href)) as Errors;
  process.env.IMPACT_REPORT_PARTS_FROM_BYTES = '1';
});
afterAll(() => {
  if (before === undefined) delete process.env.IMPACT_REPORT_PARTS_FROM_BYTES;
  else process.env.IMPACT_REPORT_PARTS_FROM_BYTES = before;
});

const HEADER =
  'episode_id,family_id,service,area,funding,referral_date,referral_source,start_date,end_date,sessions,pirgas_pre,pirgas_post,phq9_pre,phq9_post,gad7_pre,gad7_post,notes';
const OPTIONS: InputOptions = { dateFormat: 'YYYY-MM-DD', columns: {}, ignoreColumns: ['notes'] };
const ROWS = 4_000;

/** Row `i` of a valid export: families shared, areas with a non-ASCII name, notes quoted over lines. */
function row(i: number): string {
  const day = (offset: number) => {
    const d = new Date(Date.UTC(2019, 0, 1) + (i * 3 + offset) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const started = i % 7 !== 0;
  const ended = started && i % 3 !== 0;
  const score = (max: number, k: number) => (started && (i + k) % 5 !== 0 ? String(1 + ((i * k) % max)) : '');
  return [
    `EP-${i}`,
    `FAM-${i % 1_300}`,
    i % 2 ? 'individual' : 'Group',
    ['Didcot', 'Ynys Môn', 'Reading'][i % 3],
    ['powerhouse', 'lottery; powerhouse', ''][i % 3],
    day(0),
    i % 4 ? 'gp' : '',
    started ? day(5) : '',
    ended ? day(40) : '',
    ended ? String(i % 20) : '',
    score(80, 1),
    ended ? score(80, 2) : '',
    score(27, 3),
    ended ? score(27, 4) : '',
    score(21, 5),
    ended ? score(21, 6) : '',
    i % 11 === 0 ? '"seen twice,\nthen ""discharged"""' : 'none',
  ].join(',');
}
const VALID = Array.from({ length: ROWS }, (_, i) => row(i));

const dir = mkdtempSync(join(tmpdir(), 'impact-parts-'));
let n = 0;
function file(rows: string[], lineEnd = '\n'): string {
  const path = join(dir, `o${n++}.csv`);
  writeFileSync(path, `${[HEADER, ...rows].join(lineEnd)}${lineEnd}`);
  return path;
}

/** The file read whole and in parts, with what each gives. */
async function bothWays(path: string, keep: Keep = 'all') {
  const read = async (inParts: boolean) => {
    const problems = new errors.ProblemList();
    const args = [path, OPTIONS, BUILT_IN_MEASURES, problems, [], keep] as const;
    const result = inParts ? await parts.readOutcomesInParts(...args) : await outcomes.readOutcomes(...args);
    const { episodes, columns, part: _part, sha256, ...rest } = result;
    return {
      ...rest,
      sha256: await sha256,
      episodes: episodes.map(plainEpisode),
      columns: columns(),
      problems: problems.kept,
      count: problems.count,
    };
  };
  return { whole: await read(false), inParts: await read(true) };
}

describe('reading a file in two parts', () => {
  it('gives what reading it whole gives, for a valid file, whatever it keeps', async () => {
    for (const [rows, lineEnd] of [
      [VALID, '\n'],
      [VALID, '\r\n'],
    ] as const) {
      const path = file([...rows], lineEnd);
      for (const keep of ['all', 'none', { from: 20200101, to: 20201231 }] as Keep[]) {
        const { whole, inParts } = await bothWays(path, keep);
        expect(whole.count).toBe(0);
        expect(inParts.parts).toBe(2);
        expect({ ...inParts, parts: 1 }).toEqual(whole);
        // The hash the worker makes after its part is the whole file's.
        expect(inParts.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
      }
    }
  }, 60_000);

  it('makes no hash when none is asked for, and still reads the file in parts', async () => {
    const path = file([...VALID]);
    const problems = new errors.ProblemList();
    const read = await parts.readOutcomesInParts(path, OPTIONS, BUILT_IN_MEASURES, problems, [], 'all', {
      hash: false,
    });
    expect(read.parts).toBe(2);
    expect(await read.sha256).toBe('');
    expect(read.summary.episodes).toBe(ROWS);
  });

  it('has the worker read the referrals file once its part is sent, as this thread would, and leaves one with any problem to this thread', async () => {
    const outcomesFile = file([...VALID]);
    const referralsFile = (rows: string[]) => {
      const path = join(dir, `r${n++}.csv`);
      writeFileSync(path, `month,area,source,count\n${rows.join('\n')}\n`);
      return path;
    };
    const valid = referralsFile(
      Array.from(
        { length: 300 },
        (_, i) =>
          `2020-${String(1 + (i % 12)).padStart(2, '0')},${['Didcot', 'Ynys Môn'][i % 2]},${['gp', ''][i % 3 ? 0 : 1]},${i % 17}`,
      ),
    );
    const broken = referralsFile(['2020-01,Didcot,gp,3', '2020-13,Didcot,gp,4', '2020-02,Didcot,gp,many']);
    const viaWorker = async (referrals: string, hash: boolean) => {
      const read = await parts.readOutcomesInParts(
        outcomesFile,
        OPTIONS,
        BUILT_IN_MEASURES,
        new errors.ProblemList(),
        [],
        'all',
        { hash, referrals },
      );
      expect(read.parts).toBe(2);
      return read.referralsRead;
    };
    for (const hash of [true, false]) {
      const here = await readReferrals(valid, OPTIONS, new errors.ProblemList());
      expect(await viaWorker(valid, hash)).toEqual(here);
      // With a problem, nothing: this thread reads the file itself, and reports it.
      expect(await viaWorker(broken, hash)).toBeUndefined();
    }
  }, 60_000);

  it('reads the file whole again, with the same problems on the same lines, when either part has one', async () => {
    const late = Math.floor(ROWS * 0.9);
    const early = Math.floor(ROWS * 0.1);
    const broken = (i: number, change: (cells: string[]) => void) => {
      const rows = [...VALID];
      const cells = (rows[i] as string).split(',');
      change(cells);
      rows[i] = cells.join(',');
      return rows;
    };
    const cases: [string, string[]][] = [
      ['a bad date in the second part', broken(late, (c) => (c[5] = '2024-02-30'))],
      ['a bad date in the first part', broken(early, (c) => (c[5] = '31/12/2024'))],
      ['an id of the first part used again in the second', broken(late, (c) => (c[0] = `EP-${early}`))],
      ['an id of the second part used again in it', broken(late, (c) => (c[0] = `EP-${late + 7}`))],
      ['an email address in the second part', broken(late, (c) => (c[6] = 'someone@example.org'))],
      ['a row short of a value in the second part', broken(late, (c) => c.splice(3, 1))],
    ];
    for (const [what, rows] of cases) {
      const { whole, inParts } = await bothWays(file(rows));
      expect(whole.count, what).toBeGreaterThan(0);
      expect(inParts, what).toEqual(whole);
    }
  }, 60_000);

  it('reads the file whole when the cut falls inside a quoted value', async () => {
    // A value of many lines from about 29% to 56% of the file: the cut (48%) falls inside it.
    const rows = [...VALID];
    const long = (VALID[1_600] as string).replace(/^EP-\d+/, 'EP-LONG');
    rows.splice(1_600, 0, long.replace(/,[^,]*$/, `,"${'note\n'.repeat(30_000)}"`));
    const { whole, inParts } = await bothWays(file(rows));
    expect(whole.count).toBe(0);
    expect(inParts.parts).toBe(1);
    expect(inParts).toEqual(whole);
  }, 60_000);
});
