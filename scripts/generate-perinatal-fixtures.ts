/**
 * Writes the second synthetic charity, fixtures/perinatal/: a fictional perinatal mental-health
 * service that scores the EPDS, GAD-7, CORE-10, WEMWBS and Goal-Based Outcomes (decimal), and a
 * measure it defines itself (KPCS, in fixtures/perinatal/impact-report.yaml), with its case
 * references under its own header ("Case Ref"). Seeded, so running it again gives the same bytes.
 * No real person is in it.
 *
 *   npm run fixtures
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './seeded.js';

const DIR = fileURLToPath(new URL('../fixtures/perinatal/', import.meta.url));

const random = seededRandom(20260401);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
/** A roughly normal draw (the mean of three uniforms). */
const normal = (mean: number, sd: number) => mean + sd * 2 * (random() + random() + random() - 1.5);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

const DAY = 86_400_000;
const d = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const iso = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

const AREAS = ['Riverside North', 'Millbrook', 'Eastgate'] as const;
const SOURCES = ['midwife', 'health_visitor', 'gp', 'perinatal_mh', 'self'] as const;

/** A whole-number score on lo..hi: before, and after moved by `change` (better is up when `up`). */
function whole(lo: number, hi: number, mean: number, sd: number, change: number, changeSd: number) {
  const pre = Math.round(clamp(normal(mean, sd), lo, hi));
  const post = Math.round(clamp(pre + normal(change, changeSd), lo, hi));
  return [String(pre), String(post)];
}
/** A mean goal score (0-10) of up to three goals, to two decimals. */
function goals(): [string, string] {
  const n = int(1, 3);
  const pre = Array.from({ length: n }, () => int(0, 5)).reduce((a, b) => a + b, 0) / n;
  const post = clamp(pre + normal(3, 2), 0, 10);
  const two = (v: number) => String(Math.round(v * 100) / 100);
  return [two(pre), two(Math.round(post * n) / n)];
}

const header = [
  'Case Ref',
  'family_id',
  'service',
  'area',
  'funding',
  'referral_date',
  'referral_source',
  'start_date',
  'end_date',
  'sessions',
  'epds_pre',
  'epds_post',
  'gad7_pre',
  'gad7_post',
  'core10_pre',
  'core10_post',
  'wemwbs_pre',
  'wemwbs_post',
  'gbo_pre',
  'gbo_post',
  'kpcs_pre',
  'kpcs_post',
];
const rows: string[][] = [];
let family = 0;
for (let i = 0; i < 320; i++) {
  const service = random() < 0.65 ? 'individual' : 'group';
  const start = d('2024-03-01') + int(0, 700);
  const referral = start - int(5, 90);
  const endAt = start + int(50, 240);
  const ended = endAt <= d('2026-03-31') && random() < 0.92;
  const neverStarted = random() < 0.05;
  const funding = pick(['council', 'council', 'council;trust', 'trust', 'nhs', '']);
  const row = new Array<string>(header.length).fill('');
  const set = (column: string, value: string) => {
    row[header.indexOf(column)] = value;
  };
  set('Case Ref', `RPW-${String(i + 1).padStart(4, '0')}`);
  set('family_id', `F${String(random() < 0.1 && family > 0 ? family : ++family).padStart(4, '0')}`);
  set('service', service);
  set('area', pick(AREAS));
  set('funding', funding);
  set('referral_date', iso(referral));
  set('referral_source', pick(SOURCES));
  if (!neverStarted) {
    set('start_date', iso(start));
    if (ended) {
      set('end_date', iso(endAt));
      set('sessions', String(service === 'group' ? int(3, 10) : int(2, 20)));
    } else set('sessions', String(int(1, 6)));
    const scored = (share: number) => random() < share;
    const pairs: [string, [string, string]][] = [
      ['epds', whole(0, 30, 15, 5, -5, 4) as [string, string]],
      ['gad7', whole(0, 21, 11, 4, -4, 3.5) as [string, string]],
      ['core10', whole(0, 40, 19, 6, -7, 6) as [string, string]],
      ['kpcs', whole(0, 45, 35, 5, 4, 3) as [string, string]],
    ];
    if (service === 'group') pairs.push(['wemwbs', whole(14, 70, 40, 7, 6, 6) as [string, string]]);
    pairs.push(['gbo', goals()]);
    for (const [id, [pre, post]] of pairs) {
      if (!scored(id === 'core10' ? 0.75 : 0.9)) continue;
      set(`${id}_pre`, pre);
      if (ended && scored(0.85)) set(`${id}_post`, post);
    }
  }
  rows.push(row);
}
rows.sort(
  (a, b) => (a[5] as string).localeCompare(b[5] as string) || (a[0] as string).localeCompare(b[0] as string),
);
writeFileSync(join(DIR, 'outcomes.csv'), `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`);

const referrals = ['month,area,source,count'];
for (let m = 0; m < 27; m++) {
  const month = new Date(Date.UTC(2024, 1 + m, 1)).toISOString().slice(0, 7);
  for (const area of AREAS)
    for (const source of SOURCES)
      if (random() > 0.2) referrals.push(`${month},${area},${source},${int(0, 6)}`);
}
writeFileSync(join(DIR, 'referrals.csv'), `${referrals.join('\n')}\n`);
console.log(
  `wrote fixtures/perinatal/outcomes.csv (${rows.length} episodes) and referrals.csv (${referrals.length - 1} rows)`,
);
