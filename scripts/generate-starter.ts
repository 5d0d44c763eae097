/**
 * Writes the sample CSVs of the starter that `impact-report init` copies (templates/starter/data/).
 * Synthetic and deterministic: 60 episodes over 2025 for a fictional service.
 *
 *   npx tsx scripts/generate-starter.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../templates/starter/data/', import.meta.url));
let seed = 7;
const random = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
let extraSeed = 11;
const role = (r: number) => (r < 0.05 ? '' : r < 0.7 ? 'Mother' : r < 0.93 ? 'Father' : 'Other carer');
const extra = () => {
  extraSeed = (extraSeed * 16807) % 2147483647;
  return extraSeed / 2147483647;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
const DAY = 86_400_000;
const iso = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const day = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / DAY);

const areas = ['Northtown', 'Southvale'];
const sources = ['health_visitor', 'midwife', 'gp', 'perinatal_mh', 'self'];
const lines = [
  'episode_id,family_id,service,area,funding,referral_date,referral_source,start_date,end_date,sessions,pirgas_pre,pirgas_post,phq9_pre,phq9_post,gad7_pre,gad7_post,end_reason,parent_role,severe_mental_illness',
];
for (let i = 1; i <= 60; i++) {
  const start = int(day('2024-11-01'), day('2025-09-30'));
  const referral = start - int(10, 50);
  const ended = random() < 0.75;
  const end = ended ? Math.min(start + int(60, 200), day('2025-12-31')) : null;
  const pirgasPre = int(25, 60);
  const phqPre = int(4, 20);
  const gadPre = int(3, 16);
  const paired = ended && random() < 0.85;
  const row = [
    `S-${String(i).padStart(4, '0')}`,
    `F-${String(i - (i % 9 === 0 ? 1 : 0)).padStart(4, '0')}`,
    random() < 0.7 ? 'individual' : 'group',
    pick(areas),
    random() < 0.6 ? 'example-fund' : 'other',
    iso(referral),
    pick(sources),
    iso(start),
    end === null ? '' : iso(end),
    ended ? String(int(4, 20)) : String(int(1, 6)),
    String(pirgasPre),
    paired ? String(Math.min(100, pirgasPre + int(-5, 25))) : '',
    String(phqPre),
    paired ? String(Math.max(0, phqPre - int(-2, 8))) : '',
    String(gadPre),
    paired ? String(Math.max(0, gadPre - int(-2, 6))) : '',
  ];
  // Added after the scores, from their own generator, so the values above are as they were.
  row.push(
    end === null ? '' : extra() < 0.8 ? 'planned' : 'unplanned',
    role(extra()),
    extra() < 0.1 ? '' : extra() < 0.25 ? 'yes' : 'no',
  );
  lines.push(row.join(','));
}
writeFileSync(`${dir}outcomes.csv`, `${lines.join('\n')}\n`);

const referrals = ['month,area,source,count'];
for (let m = 1; m <= 12; m++) {
  for (const area of areas)
    for (const source of sources)
      referrals.push(`2025-${String(m).padStart(2, '0')},${area},${source},${int(0, 6)}`);
}
writeFileSync(`${dir}referrals.csv`, `${referrals.join('\n')}\n`);
console.log('wrote templates/starter/data/outcomes.csv and referrals.csv');
