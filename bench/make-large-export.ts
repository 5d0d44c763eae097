/**
 * Writes a synthetic export of N episodes (default 1,000,000) and a config pointing at it,
 * for the large-export benchmark. Deterministic; written under a temporary folder, never committed.
 *
 *   npx tsx bench/make-large-export.ts [episodes] [dir]
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function makeLargeExport(episodes: number, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  let seed = 42;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const areas = ['Oxford City', 'Didcot', 'Reading', 'West Oxfordshire'];
  const funding = ['powerhouse', 'lottery', 'dfe', 'childrens-centres', 'lottery;dfe', ''];
  const sources = ['health_visitor', 'midwife', 'gp', 'perinatal_mh', 'self', 'other'];
  const DAY = 86_400_000;
  const base = Date.UTC(2015, 0, 1) / DAY;
  const iso = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
  const out = createWriteStream(join(dir, 'outcomes.csv'));
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(
    'episode_id,family_id,service,area,funding,referral_date,referral_source,start_date,end_date,sessions,pirgas_pre,pirgas_post,phq9_pre,phq9_post,gad7_pre,gad7_post\n',
  );
  let chunk = '';
  for (let i = 1; i <= episodes; i++) {
    const referral = base + int(0, 3650);
    const start = referral + int(7, 60);
    const ended = random() < 0.8;
    const end = start + int(30, 300);
    const pre = int(20, 70);
    const phq = int(2, 24);
    const gad = int(1, 20);
    chunk += `EP${i},F${Math.ceil(i / 1.3)},${random() < 0.7 ? 'individual' : 'group'},${areas[i % 4]},${funding[Math.floor(i / 4) % 6]},${iso(referral)},${sources[i % 6]},${iso(start)},${ended ? iso(end) : ''},${int(1, 20)},${pre},${ended ? Math.min(100, pre + int(-8, 25)) : ''},${phq},${ended ? Math.min(27, Math.max(0, phq - int(-3, 9))) : ''},${gad},${ended ? Math.min(21, Math.max(0, gad - int(-3, 7))) : ''}\n`;
    if (i % 10_000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
  const referrals = ['month,area,source,count'];
  for (let y = 2015; y <= 2025; y++)
    for (let m = 1; m <= 12; m++)
      for (const a of areas)
        for (const s of sources) referrals.push(`${y}-${String(m).padStart(2, '0')},${a},${s},${int(0, 9)}`);
  writeFileSync(join(dir, 'referrals.csv'), `${referrals.join('\n')}\n`);
  const config = join(dir, 'impact-report.yaml');
  writeFileSync(
    config,
    `organisation: { name: Benchmark Charity, charityNumber: "1000000", financialYearStart: 4 }
input: { outcomes: outcomes.csv, referrals: referrals.csv }
grants:
  programme: { funder: Benchmark Fund, title: Everything, period: FY2020-21 }
  powerhouse: { funder: Powerhouse, title: Didcot, period: 2020, match: { funding: powerhouse, area: [Didcot] } }
`,
  );
  return config;
}

if (process.argv[1]?.endsWith('make-large-export.ts')) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const dir = process.argv[3] ?? join(tmpdir(), `impact-large-${n}`);
  console.log(await makeLargeExport(n, dir));
}
