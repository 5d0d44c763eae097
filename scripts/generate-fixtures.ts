/**
 * Writes the synthetic, anonymised fixtures: fixtures/outcomes.csv and fixtures/referrals.csv,
 * for a fictional copy of the reference service. Deterministic (seeded), so running it again
 * gives the same bytes. Blocks of episodes are laid out in time so that each published figure
 * the issues name comes from one block; the script then checks every figure through the
 * statistics engine and fails loudly if any is off.
 *
 *   npm run fixtures
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUTCOME_COLUMNS, scoreColumns } from '../src/config/schema.js';
import { seededRandom } from './seeded.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// ---------- deterministic randomness ----------
const random = seededRandom(20241231);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
function weighted<T>(pairs: readonly [T, number][]): T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [v, w] of pairs) {
    r -= w;
    if (r < 0) return v;
  }
  return (pairs[pairs.length - 1] as [T, number])[0];
}

// ---------- dates as day numbers since 1970 ----------
const DAY = 86_400_000;
const d = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const iso = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const between = (a: string | number, b: string | number) =>
  int(typeof a === 'string' ? d(a) : a, typeof b === 'string' ? d(b) : b);

// ---------- vocabulary ----------
const AREAS = ['Oxford City', 'Didcot', 'Reading', 'West Oxfordshire'] as const;
type Area = (typeof AREAS)[number];
const SOURCES: [string, number][] = [
  ['health_visitor', 30],
  ['midwife', 14],
  ['gp', 16],
  ['perinatal_mh', 14],
  ['childrens_centre', 8],
  ['social_worker', 7],
  ['self', 8],
  ['other', 3],
];

interface Row extends ProfileRow {
  episode_id: string;
  family_id: string;
  service: 'individual' | 'group';
  area: Area;
  funding: string;
  referral_date: string;
  referral_source: string;
  start_date: string;
  end_date: string;
  sessions: string;
  pirgas_pre: string;
  pirgas_post: string;
  phq9_pre: string;
  phq9_post: string;
  gad7_pre: string;
  gad7_post: string;
}
/** Who each episode reached (data.md §7), added after the scores so that no earlier value changes. */
const PROFILE_COLUMNS = [
  'parent_role',
  'ethnicity',
  'age_band',
  'imd_decile',
  'severe_mental_illness',
  'childhood_adversity',
] as const;
type ProfileRow = Partial<Record<(typeof PROFILE_COLUMNS)[number] | 'end_reason', string>>;
const COLUMNS = [
  ...OUTCOME_COLUMNS,
  ...['pirgas', 'phq9', 'gad7'].flatMap(scoreColumns),
  ...PROFILE_COLUMNS,
] as (keyof Row)[];

const rows: Row[] = [];
let episodeCounter = 0;
let familyCounter = 0;
const newFamily = () => `FAM-${String(++familyCounter).padStart(5, '0')}`;

// ---------- scores ----------
type Pirgas = 'improved' | 'unchanged' | 'deteriorated' | 'none';
type Mh = 'rec' | 'caseImp' | 'caseWorse' | 'subImp' | 'subSame' | 'phqOnly' | 'none';

/** Changes for `improved` / `unchanged` / `deteriorated` episodes adding up to exactly `total` when given. */
function pirgasChanges(improved: number, unchanged: number, deteriorated: number, total?: number): number[] {
  const up = Array.from({ length: improved }, () => int(5, 25));
  const down = Array.from({ length: deteriorated }, () => -int(1, 10));
  if (total !== undefined && improved > 0) {
    let residual = total - (up.reduce((s, v) => s + v, 0) + down.reduce((s, v) => s + v, 0));
    for (let i = 0; residual !== 0; i = (i + 1) % improved) {
      const step = Math.sign(residual);
      const next = (up[i] as number) + step;
      if (next >= 1 && next <= 45) {
        up[i] = next;
        residual -= step;
      }
    }
  }
  return [...up, ...Array(unchanged).fill(0), ...down];
}

function pirgasPair(change: number): [number, number] {
  const lo = Math.max(15, 1 - change);
  const hi = Math.min(70, 100 - change);
  const pre = int(lo, hi);
  return [pre, pre + change];
}

function mhScores(kind: Mh): Partial<Row> {
  const s = (n: number) => String(n);
  switch (kind) {
    case 'rec': {
      const p = int(10, 19);
      const g = int(8, 15);
      return { phq9_pre: s(p), phq9_post: s(int(2, 9)), gad7_pre: s(g), gad7_post: s(int(1, 7)) };
    }
    case 'caseImp': {
      const p = int(15, 24);
      const g = int(9, 18);
      return {
        phq9_pre: s(p),
        phq9_post: s(int(10, p - 1)),
        gad7_pre: s(g),
        gad7_post: s(int(Math.max(0, g - 6), g)),
      };
    }
    case 'caseWorse': {
      const p = int(10, 18);
      const g = int(8, 15);
      return { phq9_pre: s(p), phq9_post: s(Math.min(27, p + int(1, 6))), gad7_pre: s(g), gad7_post: s(g) };
    }
    case 'subImp': {
      const p = int(4, 9);
      const g = int(3, 7);
      return { phq9_pre: s(p), phq9_post: s(int(0, p - 1)), gad7_pre: s(g), gad7_post: s(int(0, g)) };
    }
    case 'subSame': {
      const p = int(2, 9);
      const g = int(1, 7);
      return random() < 0.5
        ? { phq9_pre: s(p), phq9_post: s(p), gad7_pre: s(g), gad7_post: s(g) }
        : { phq9_pre: s(p), phq9_post: s(Math.min(9, p + int(1, 3))), gad7_pre: s(g), gad7_post: s(g) };
    }
    case 'phqOnly': {
      const p = int(6, 16);
      return {
        phq9_pre: s(p),
        phq9_post: s(int(Math.max(0, p - 8), p - 1)),
        gad7_pre: s(int(3, 12)),
        gad7_post: '',
      };
    }
    case 'none':
      return random() < 0.6 ? { phq9_pre: s(int(3, 20)), gad7_pre: s(int(2, 16)) } : {};
  }
}

/** Mental-health kinds so that, of `paired`, `improved` improved, `caseness` began in range, `recovered` recovered. */
function mhKinds(
  paired: number,
  improved: number,
  caseness: number,
  recovered: number,
  unpaired: number,
): Mh[] {
  const caseImp = Math.min(caseness - recovered, Math.floor((improved - recovered) / 2));
  const caseWorse = caseness - recovered - caseImp;
  const improvedLeft = improved - recovered - caseImp;
  const phqOnly = Math.min(improvedLeft, 2);
  const subImp = improvedLeft - phqOnly;
  const subSame = paired - (recovered + caseImp + caseWorse + phqOnly + subImp);
  if (subSame < 0 || caseImp < 0 || subImp < 0)
    throw new Error(`Impossible mental-health target ${paired}/${improved}/${caseness}/${recovered}`);
  return [
    ...Array<Mh>(recovered).fill('rec'),
    ...Array<Mh>(caseImp).fill('caseImp'),
    ...Array<Mh>(caseWorse).fill('caseWorse'),
    ...Array<Mh>(phqOnly).fill('phqOnly'),
    ...Array<Mh>(subImp).fill('subImp'),
    ...Array<Mh>(subSame).fill('subSame'),
    ...Array<Mh>(unpaired).fill('none'),
  ];
}

/** A plausible, untargeted mix for `n` ended episodes. */
function looseKinds(n: number): { pirgas: Pirgas[]; changes: number[]; mh: Mh[] } {
  const paired = Math.round(n * (0.75 + random() * 0.15));
  const improved = Math.round(paired * (0.7 + random() * 0.2));
  const deteriorated = Math.min(paired - improved, Math.round(paired * 0.06));
  const changes = pirgasChanges(improved, paired - improved - deteriorated, deteriorated);
  const mhPaired = Math.round(n * (0.6 + random() * 0.2));
  const mhImproved = Math.round(mhPaired * (0.6 + random() * 0.2));
  const caseness = Math.round(mhPaired * 0.55);
  const recovered = Math.min(mhImproved, Math.round(caseness * (0.45 + random() * 0.2)));
  return {
    pirgas: [...Array<Pirgas>(paired).fill('improved'), ...Array<Pirgas>(n - paired).fill('none')],
    changes,
    mh: mhKinds(mhPaired, mhImproved, caseness, recovered, n - mhPaired),
  };
}

interface EpisodeSpec {
  area: Area;
  funding: string;
  service?: 'individual' | 'group';
  family?: string;
  /** Window for the start date; the referral comes 1-8 weeks before, never before `referredFrom`. */
  start: [string | number, string | number];
  /** Window for the end date, or null: still open. Omitted with `neverStarted`. */
  end?: [string | number, string | number] | null;
  neverStarted?: boolean;
  pirgasChange?: number | null;
  mh?: Mh;
}

function addEpisode(spec: EpisodeSpec): void {
  const service = spec.service ?? (random() < 0.72 ? 'individual' : 'group');
  const start = between(spec.start[0], spec.start[1]);
  const referral = start - int(7, 56);
  const row: Row = {
    episode_id: `EP-${String(++episodeCounter).padStart(6, '0')}`,
    family_id: spec.family ?? newFamily(),
    service,
    area: spec.area,
    funding: spec.funding,
    referral_date: iso(referral),
    referral_source: weighted(SOURCES),
    start_date: '',
    end_date: '',
    sessions: '',
    pirgas_pre: '',
    pirgas_post: '',
    phq9_pre: '',
    phq9_post: '',
    gad7_pre: '',
    gad7_post: '',
  };
  if (random() < 0.04) row.referral_source = '';
  if (spec.neverStarted) {
    rows.push(row);
    return;
  }
  row.start_date = iso(start);
  const ended = spec.end ? Math.max(start + 14, between(spec.end[0], spec.end[1])) : null;
  if (spec.end && ended !== null) {
    const endLimit = typeof spec.end[1] === 'string' ? d(spec.end[1]) : spec.end[1];
    row.end_date = iso(Math.min(ended, endLimit));
    if (d(row.end_date) < start) throw new Error(`Window too tight for ${row.episode_id}`);
    row.sessions = random() < 0.95 ? String(service === 'group' ? int(4, 12) : int(3, 26)) : '';
  } else {
    row.sessions = String(int(1, 10));
  }
  if (spec.pirgasChange !== undefined && spec.pirgasChange !== null) {
    const [pre, post] = pirgasPair(spec.pirgasChange);
    row.pirgas_pre = String(pre);
    row.pirgas_post = String(post);
  } else if (random() < 0.7) {
    row.pirgas_pre = String(int(20, 65));
  }
  Object.assign(row, mhScores(spec.mh ?? 'none'));
  if (!row.end_date) {
    row.pirgas_post = '';
    row.phq9_post = '';
    row.gad7_post = '';
  }
  rows.push(row);
}

function fundingFor(area: Area, allowPowerhouse: boolean): string {
  const options: [string, number][] = [
    ['childrens-centres', 3],
    ['dfe', 2],
    ['lottery', 1],
    ['', 2],
    ['dfe;childrens-centres', 1],
  ];
  if (area === 'Didcot' && allowPowerhouse) options.push(['powerhouse', 4], ['powerhouse;dfe', 1]);
  return weighted(options);
}

/** `n` ended episodes with untargeted outcomes, ending inside `end`; plus some still open / never started. */
function looseBlock(
  n: number,
  start: [string, string],
  end: [string, string],
  opts: { allowPowerhouse: boolean; areas?: readonly Area[]; funding?: string },
): void {
  const kinds = looseKinds(n);
  const mh = shuffle(kinds.mh);
  for (let i = 0; i < n; i++) {
    const area = pick(opts.areas ?? AREAS);
    addEpisode({
      area,
      funding: opts.funding ?? fundingFor(area, opts.allowPowerhouse),
      start,
      end,
      pirgasChange: kinds.pirgas[i] === 'improved' ? (kinds.changes[i] ?? null) : null,
      mh: mh[i],
    });
  }
}

// ====================================================================================
// Block A: FY2012-13. Two thirds of parents who began at caseness recovered (20 of 30).
// ====================================================================================
{
  const paired = 44;
  const mh = shuffle(mhKinds(paired, 33, 30, 20, 8));
  const changes = shuffle(pirgasChanges(38, 5, 2));
  mh.forEach((kind, i) => {
    const area = pick(AREAS);
    addEpisode({
      area,
      funding: fundingFor(area, false),
      start: ['2011-12-01', '2012-10-31'],
      end: ['2012-04-01', '2013-03-31'],
      pirgasChange: changes[i] ?? null,
      mh: kind,
    });
  });
  for (let i = 0; i < 6; i++)
    addEpisode({ area: pick(AREAS), funding: '', start: ['2012-05-01', '2013-02-28'], neverStarted: true });
}

// Background FY2013-14: everything starts after FY2012-13 and ends before FY2014-15.
looseBlock(70, ['2013-04-01', '2013-11-30'], ['2013-06-01', '2014-03-31'], { allowPowerhouse: true });

// ====================================================================================
// Block B: FY2014-15, by service. Individual: 334 active; PIRGAS 122 of 144 improved, mean +12.5.
// Group: 97 active; PIRGAS 55 of 71 improved, mean +11.0. No other episode is active in FY2014-15.
// ====================================================================================
function serviceBlock(
  service: 'individual' | 'group',
  active: number,
  ended: number,
  paired: number,
  improved: number,
  deteriorated: number,
  total: number,
): void {
  const changes = shuffle(pirgasChanges(improved, paired - improved - deteriorated, deteriorated, total));
  const mh = shuffle(looseKinds(ended).mh);
  for (let i = 0; i < ended; i++) {
    const area = pick(AREAS);
    addEpisode({
      service,
      area,
      funding: fundingFor(area, true),
      start: ['2014-01-06', '2014-12-31'],
      end: ['2014-04-01', '2015-03-31'],
      pirgasChange: changes[i] ?? null,
      mh: mh[i],
    });
  }
  for (let i = ended; i < active; i++) {
    const area = pick(AREAS);
    // Active in FY2014-15, ending after it.
    addEpisode({
      service,
      area,
      funding: fundingFor(area, true),
      start: ['2014-04-01', '2015-03-31'],
      end: ['2015-04-01', '2015-12-31'],
      mh: 'none',
    });
  }
  for (let i = 0; i < 8; i++)
    addEpisode({
      service,
      area: pick(AREAS),
      funding: '',
      start: ['2014-05-01', '2015-03-15'],
      neverStarted: true,
    });
}
serviceBlock('individual', 334, 161, 144, 122, 6, 1800);
serviceBlock('group', 97, 80, 71, 55, 4, 781);

// Background FY2015-16 to FY2022-23: every episode starts after FY2014-15 and ends before FY2023-24.
for (let year = 2015; year <= 2022; year++) {
  looseBlock(int(95, 130), [`${year}-04-01`, `${year + 1}-01-31`], [`${year}-06-01`, `${year + 1}-03-31`], {
    allowPowerhouse: true,
  });
}

// ====================================================================================
// Block C: FY2023-24. PIRGAS 41 of 45 improved (91%); mental health 30 of 40 improved (75%).
// Didcot powerhouse episodes end by December 2023, so none is active in 2024.
// ====================================================================================
{
  const n = 52;
  const changes = shuffle(pirgasChanges(41, 3, 1));
  const mh = shuffle(mhKinds(40, 30, 22, 14, n - 40));
  for (let i = 0; i < n; i++) {
    const didcotPowerhouse = i < 12;
    const area: Area = didcotPowerhouse
      ? 'Didcot'
      : pick(['Oxford City', 'Reading', 'West Oxfordshire', 'Didcot'] as const);
    addEpisode({
      area,
      funding: didcotPowerhouse ? 'powerhouse' : fundingFor(area, false),
      start: ['2023-01-09', '2023-09-30'],
      end: didcotPowerhouse ? ['2023-04-01', '2023-12-31'] : ['2023-04-01', '2024-03-31'],
      pirgasChange: changes[i] ?? null,
      mh: mh[i],
    });
  }
}

// ====================================================================================
// Block D: Didcot Powerhouse Fund, 2024. 23 families (26 parents); PIRGAS 17 of 20 improved
// (85%); mental health 15 of 18 improved (83%). Ends fall after FY2023-24.
// ====================================================================================
{
  const families = Array.from({ length: 23 }, newFamily);
  const parents = [...families, families[2], families[9], families[17]] as string[];
  const changes = shuffle(pirgasChanges(17, 2, 1));
  const mh = shuffle(mhKinds(18, 15, 10, 7, 4));
  parents.forEach((family, i) => {
    const ended = i < 22;
    addEpisode({
      area: 'Didcot',
      funding: i % 7 === 3 ? 'powerhouse;lottery' : 'powerhouse',
      family,
      start: ['2024-01-08', '2024-08-30'],
      end: ended ? ['2024-04-01', '2024-12-20'] : ['2025-01-06', '2025-03-28'],
      pirgasChange: ended ? (changes[i] ?? null) : null,
      mh: ended ? mh[i] : 'none',
    });
  });
  // Decoys: Didcot without the powerhouse code, and the powerhouse code outside Didcot.
  for (let i = 0; i < 6; i++)
    addEpisode({
      area: 'Didcot',
      funding: pick(['dfe', 'childrens-centres', 'lottery']),
      start: ['2024-02-01', '2024-09-30'],
      end: ['2024-04-01', '2025-02-28'],
      pirgasChange: int(-3, 20),
      mh: 'subImp',
    });
  for (let i = 0; i < 4; i++)
    addEpisode({
      area: 'Reading',
      funding: 'powerhouse;dfe',
      start: ['2024-02-01', '2024-09-30'],
      end: ['2024-04-01', '2025-02-28'],
      pirgasChange: int(-3, 20),
      mh: 'rec',
    });
  for (let i = 0; i < 3; i++)
    addEpisode({
      area: 'Didcot',
      funding: 'powerhouse',
      start: ['2024-03-01', '2024-11-30'],
      neverStarted: true,
    });
}

// Background FY2024-25 elsewhere (not Didcot), ending after FY2023-24.
looseBlock(110, ['2024-01-08', '2024-12-31'], ['2024-04-01', '2025-03-31'], {
  allowPowerhouse: false,
  areas: ['Oxford City', 'Reading', 'West Oxfordshire'],
});

// ====================================================================================
// Block E: National Lottery Community Fund, FY2025-26: episodes ending in every quarter,
// and some still open.
// ====================================================================================
{
  const quarters: [string, string][] = [
    ['2025-04-01', '2025-06-30'],
    ['2025-07-01', '2025-09-30'],
    ['2025-10-01', '2025-12-31'],
    ['2026-01-01', '2026-03-31'],
  ];
  quarters.forEach(([from, to], q) => {
    const n = 16 + q * 2;
    const kinds = looseKinds(n);
    const mh = shuffle(kinds.mh);
    for (let i = 0; i < n; i++) {
      addEpisode({
        area: pick(['Oxford City', 'Reading', 'West Oxfordshire'] as const),
        funding: pick(['lottery', 'lottery', 'lottery;childrens-centres']),
        start: [d(from) - 200, d(from) - 30],
        end: [from, to],
        pirgasChange: kinds.pirgas[i] === 'improved' ? (kinds.changes[i] ?? null) : null,
        mh: mh[i],
      });
    }
  });
  for (let i = 0; i < 18; i++)
    addEpisode({
      area: pick(['Oxford City', 'Reading', 'West Oxfordshire'] as const),
      funding: 'lottery',
      start: ['2025-11-03', '2026-08-28'],
      end: null,
      mh: 'none',
    });
  for (let i = 0; i < 5; i++)
    addEpisode({
      area: pick(AREAS),
      funding: 'lottery',
      start: ['2026-04-01', '2026-09-15'],
      neverStarted: true,
    });
  // Programme work beyond the lottery grant, in Oxford City and West Oxfordshire.
  looseBlock(60, ['2025-03-03', '2026-01-31'], ['2025-04-01', '2026-03-31'], {
    allowPowerhouse: false,
    areas: ['Oxford City', 'West Oxfordshire'],
    funding: 'dfe',
  });
}

// ---------- referral counts: every month, area and source from October 2011 to September 2026 ----------
const referralLines = ['month,area,source,count'];
for (let m = d('2011-10-01'); m <= d('2026-09-01'); ) {
  const month = iso(m).slice(0, 7);
  for (const area of AREAS) {
    for (const [source, weight] of SOURCES) {
      if (random() < 0.15) continue;
      const count = Math.max(
        0,
        Math.round((weight / 10) * (0.5 + random()) * (area === 'Oxford City' ? 1.6 : 1)),
      );
      referralLines.push(`${month},${area},${source},${count}`);
    }
  }
  const next = new Date(m * DAY);
  next.setUTCMonth(next.getUTCMonth() + 1);
  m = Math.round(next.getTime() / DAY);
}

// ---------- who each episode reached, and how it ended ----------
// A second generator, seeded on its own, so the rows and scores above are exactly as before.
{
  const draw = seededRandom(7102014);
  const choose = <T>(pairs: readonly [T, number][]): T => {
    const total = pairs.reduce((sum, [, w]) => sum + w, 0);
    let r = draw() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return (pairs[pairs.length - 1] as [T, number])[0];
  };
  const ETHNIC_GROUPS: [string, number][] = [
    ['White', 72],
    ['Asian, Asian British or Asian Welsh', 10],
    ['Black, Black British, Black Welsh, Caribbean or African', 6],
    ['Mixed or Multiple ethnic groups', 6],
    ['Other ethnic group', 3],
    ['Prefer not to say', 3],
  ];
  const AGE_BANDS: [string, number][] = [
    ['Under 20', 4],
    ['20 to 24', 14],
    ['25 to 29', 26],
    ['30 to 34', 30],
    ['35 to 39', 19],
    ['40 and over', 7],
  ];
  const DECILES: [string, number][] = [10, 9, 9, 8, 7, 6, 5, 4, 3, 3].map((w, i) => [String(i + 1), w]);
  const yesNo = (pYes: number) => (draw() < pYes ? 'yes' : 'no');
  for (const row of rows) {
    row.parent_role =
      draw() < 0.02
        ? ''
        : choose([
            ['Mother', 80],
            ['Father', 15],
            ['Other carer', 5],
          ]);
    row.ethnicity = draw() < 0.05 ? '' : choose(ETHNIC_GROUPS);
    row.age_band = draw() < 0.04 ? '' : choose(AGE_BANDS);
    row.imd_decile = draw() < 0.06 ? '' : choose(DECILES);
    row.severe_mental_illness = draw() < 0.1 ? '' : yesNo(0.25);
    row.childhood_adversity = draw() < 0.12 ? '' : yesNo(0.35);
    row.end_reason = row.end_date
      ? choose([
          ['planned', 75],
          ['unplanned', 18],
          ['other', 4],
          ['', 3],
        ])
      : '';
    // Waits as a real service has them: most within six weeks, some much longer.
    if (row.start_date !== '' && draw() < 0.22)
      row.referral_date = iso(d(row.referral_date) - 20 - Math.floor(draw() * 110));
    // Some parents stop after their first session.
    if (row.end_date !== '' && row.sessions !== '' && draw() < 0.07) {
      row.sessions = '1';
      row.end_reason = draw() < 0.8 ? 'unplanned' : 'other';
    }
  }
  // FY2014-15's parents served (active at any time in the year): the charity's published "29% of
  // clients have severe mental illness; 39% have a background of severe abuse, neglect or loss in
  // childhood", of the parents whose records say.
  const active = rows.filter(
    (r) =>
      r.start_date !== '' &&
      r.start_date <= '2015-03-31' &&
      (r.end_date === '' || r.end_date >= '2014-04-01'),
  );
  const exactly = (
    column: 'severe_mental_illness' | 'childhood_adversity',
    notRecorded: number,
    share: number,
  ) => {
    const recorded = active.length - notRecorded;
    const yes = Math.round(share * recorded);
    active.forEach((r, i) => {
      r[column] = i < notRecorded ? '' : i < notRecorded + yes ? 'yes' : 'no';
    });
  };
  // Few in FY2014-15 preferred not to give their ethnic group: a small count the report must hide.
  let preferNot = 0;
  for (const r of active)
    if (r.ethnicity === 'Prefer not to say') r.ethnicity = ++preferNot <= 3 ? r.ethnicity : 'White';
  shuffle(active);
  exactly('severe_mental_illness', 41, 0.29);
  shuffle(active);
  exactly('childhood_adversity', 53, 0.39);
}

// ---------- write ----------
const csv = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
rows.sort((a, b) =>
  a.referral_date === b.referral_date
    ? a.episode_id.localeCompare(b.episode_id)
    : a.referral_date.localeCompare(b.referral_date),
);
const outcomes = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csv(r[c] ?? '')).join(','))].join(
  '\n',
);
writeFileSync(join(ROOT, 'fixtures', 'outcomes.csv'), `${outcomes}\n`);
writeFileSync(join(ROOT, 'fixtures', 'referrals.csv'), `${referralLines.join('\n')}\n`);
console.log(
  `wrote fixtures/outcomes.csv (${rows.length} episodes) and fixtures/referrals.csv (${referralLines.length - 1} rows)`,
);
