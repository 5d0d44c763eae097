import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceName } from '../../src/report/words.js';
import { ROOT, runCli } from '../helpers/cli.js';

// Issue 11: promised and delivered, compared with the period before, in parents' words, and
// ready for the monitoring form: through the real CLI, PDFs and CSVs read back.

/** One page of a PDF as text, white space collapsed. */
const pageText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, ' ');

const readCsv = (file: string) => {
  const bytes = readFileSync(file);
  return {
    bytes,
    rows: parse(bytes, { bom: true }) as string[][],
  };
};

/** A copy of the repository's configuration, with its paths pointing back at the fixtures. */
function configCopy(edit: (text: string) => string): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'impact-funder-'));
  const text = readFileSync(join(ROOT, 'impact-report.yaml'), 'utf8').replaceAll(
    'fixtures/',
    `${join(ROOT, 'fixtures')}/`,
  );
  const config = join(dir, 'impact-report.yaml');
  writeFileSync(config, edit(text));
  return { dir, config };
}

describe('the fixture grants: targets, the period before, stories and CSV', () => {
  const out = mkdtempSync(join(tmpdir(), 'impact-funder-out-'));
  const powerhouse = join(out, 'powerhouse-2024_2024');
  const lottery = join(out, 'national-lottery-2025_FY2025-26');

  beforeAll(() => {
    const result = runCli([
      '--grant',
      'powerhouse-2024',
      'national-lottery-2025',
      '--format',
      'pdf,json,csv',
      '--out',
      out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('JSON: previous is the year before, computed in full; targets as configured, met or not', () => {
    const m = JSON.parse(readFileSync(`${powerhouse}.json`, 'utf8'));
    expect(m.previous.period).toEqual({ label: '2023', from: '2023-01-01', to: '2023-12-31' });
    expect(Object.keys(m.previous).slice(0, 3)).toEqual(['period', 'activity', 'outcomes']);
    expect(m.previous.activity.familiesServed).toBe(15);
    expect(Object.keys(m.previous.outcomes)).toEqual(Object.keys(m.outcomes));
    expect(m.targets).toEqual([
      {
        field: 'activity.familiesServed',
        label: 'Families supported',
        direction: 'atLeast',
        target: 25,
        actual: 23,
        met: false,
      },
      {
        field: 'outcomes.pirgas.pctImproved',
        label: 'Parents with an improved relationship with their baby',
        direction: 'atLeast',
        target: 75,
        actual: 85,
        met: true,
      },
      {
        field: 'outcomes.mentalHealth.pctRecovered',
        label: 'Parents who recovered from depression or anxiety',
        direction: 'atLeast',
        target: 50,
        actual: 70,
        met: true,
      },
      {
        field: 'outcomes.pirgas.reliableDeterioration',
        label: 'Parents whose relationship reliably worsened',
        direction: 'atMost',
        target: 2,
        actual: 0,
        met: true,
      },
    ]);
    const l = JSON.parse(readFileSync(`${lottery}.json`, 'utf8'));
    expect(l.previous.period).toEqual({ label: 'FY2024-25', from: '2024-04-01', to: '2025-03-31' });
    expect(l.previous.activity.parentsServed).toBeGreaterThan(0);
    expect(l.targets.map((t: { met: boolean | null }) => t.met)).toEqual([true, true, false, null]);
    expect(l.targets[3]).toMatchObject({ field: 'byService.group.activity.referrals', actual: null });
  });

  it('PDF: At a glance holds the comparisons and Promised and delivered, on one page', () => {
    const glance = pageText(`${powerhouse}.pdf`, 2);
    expect(glance).toContain('AT A GLANCE');
    expect(glance).toContain('up from 15 in 2023');
    expect(glance).toContain('down from 110 in 2023');
    expect(glance).toContain('down from 93% in 2023');
    expect(glance).toContain('too few parents in 2023 to compare');
    expect(glance).toContain('Promised and delivered');
    expect(glance).toMatch(/Families supported at least 25 23 ✗ Not met/);
    expect(glance).toMatch(/Parents with an improved relationship with their baby at least 75% 85% ✓ Met/);
    expect(glance).toMatch(/Parents whose relationship reliably worsened at most 2 0 ✓ Met/);
    // The whole of At a glance fits its page: the scope note and the small-numbers note are on it,
    // and the next page is Outcomes.
    expect(glance).toContain('This report covers');
    expect(glance).toContain('“x of n” is shown instead of a percentage');
    expect(glance).not.toContain('Outcomes for parents whose work ended');
    expect(pageText(`${powerhouse}.pdf`, 3)).toContain('OUTCOMES Outcomes for parents whose work ended');

    const l = pageText(`${lottery}.pdf`, 2);
    expect(l).toContain('At a glance');
    expect(l).toContain('up from 53 in 2024–25');
    expect(l).toMatch(/Parents with improved mental health at least 70% 68% ✗ Not met/);
    expect(l).toMatch(
      /Referrals to the groups at least 40 — ○ Not measured: the referral counts do not say which service a referral was for/,
    );
    expect(l).not.toMatch(/Referrals to the groups.{0,40}Not met/);
    expect(l).toContain('This report covers');
    expect(pageText(`${lottery}.pdf`, 3)).toContain('Outcomes');
  });

  it('PDF: In their words prints the narrative and the stories as quotations with attribution', () => {
    const text = execFileSync('pdftotext', [`${powerhouse}.pdf`, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    const at = text.indexOf('IN THEIR WORDS');
    expect(at).toBeGreaterThan(0);
    const section = text.slice(at, text.indexOf('METHOD AND DATA QUALITY'));
    expect(section).toContain('Thanks to the Powerhouse Fund');
    expect(section).toContain('“When I was pregnant I was in a very dark place');
    expect(section).toContain('I felt a strong bond with her.');
    expect(section).toContain('— A mother in Didcot');
    expect(section).toContain('Our relationship has turned around.”');
    expect(section).toContain('— A father in a village near Didcot');
  });

  it('CSV: UTF-8 with BOM, CRLF, the six columns, every figure as the PDF prints it', () => {
    const { bytes, rows } = readCsv(`${powerhouse}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '').includes('\n')).toBe(false);
    expect(rows[0]).toEqual(['section', 'figure', 'measure', 'value', 'denominator', 'note']);
    for (const row of rows) expect(row).toHaveLength(6);
    const get = (section: string, figure: string, measure = '') =>
      rows.find((r) => r[0] === section && r[1] === figure && r[2] === measure);
    expect(get('At a glance', 'families served')?.[3]).toBe('23');
    expect(get('At a glance', 'families served, 2023')?.[3]).toBe('15');
    expect(get('Outcomes', 'Improved', 'PIRGAS (relationship)')?.slice(3, 5)).toEqual(['85%', '20']);
    expect(get('Promised and delivered', 'Families supported — Result')?.[3]).toBe('✗ Not met');
    // A formula-looking cell is neutralised: the interval "+6.4 to +14.6" starts with "+".
    expect(get('Outcomes', '95% interval', 'PIRGAS (relationship)')?.[3]).toBe("'+6.4 to +14.6");
    // Every value in the CSV is printed in the PDF.
    const pdf = execFileSync('pdftotext', [`${powerhouse}.pdf`, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    for (const r of rows.slice(1)) {
      const value = r[3]?.replace(/^'/, '') ?? '';
      if (value) expect(pdf, r.join(' | ')).toContain(value);
    }
  });

  it('list shows each grant’s targets; validate checks them', () => {
    const list = runCli(['list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(
      /powerhouse-2024\n\s+activity\.familiesServed\s+at least 25\s+Families supported/,
    );
    expect(list.stdout).toMatch(/outcomes\.pirgas\.reliableDeterioration\s+at most 2/);
    expect(list.stdout).toMatch(/national-lottery-2025\n\s+activity\.familiesServed\s+at least 80\n/);
    const validate = runCli(['validate']);
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/powerhouse-2024 .*4 targets checked/);
  });
});

describe('no suppressed count in the CSV', () => {
  it('a "<5" in the PDF is "<5" in the CSV, and its real number is nowhere in that figure’s rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-small-'));
    cpSync(join(ROOT, 'test', 'fixtures', 'small-numbers'), dir, { recursive: true });
    const result = runCli(['--grant', 'small', '--format', 'csv,json', '--out', join(dir, 'out')], {
      cwd: dir,
    });
    expect(result.status).toBe(0);
    const { rows } = readCsv(join(dir, 'out', 'small_2024.csv'));
    const model = JSON.parse(readFileSync(join(dir, 'out', 'small_2024.json'), 'utf8'));
    const hidden = Object.entries(model.activity.referralsBySource as Record<string, number>).filter(
      ([, n]) => n >= 1 && n < 5,
    );
    expect(hidden.length).toBeGreaterThan(0);
    for (const [code, n] of hidden) {
      const row = rows.find((r) => r[1] === `Referrals by source: ${sourceName(code)}`);
      expect(['<5', '*']).toContain(row?.[3]);
      expect(row?.slice(3, 5)).not.toContain(String(n));
    }
    const sources = rows.filter((r) => (r[1] ?? '').startsWith('Referrals by source: '));
    expect(sources.length).toBeGreaterThan(0);
    for (const r of sources) expect(['<5', '*'].includes(r[3] ?? '') || Number(r[3]) >= 5).toBe(true);
    // Every small count of the trend and the services table is hidden too.
    for (const r of rows.filter((x) =>
      /^(Month by month|Quarter by quarter|Individual therapy and groups):/.test(x[1] ?? ''),
    ))
      expect(/^[1-4]$/.test(r[3] ?? ''), r.join(' | ')).toBe(false);
    // Every share is "x of n" (eight parents): no bare percentage of so few.
    for (const r of rows.filter((x) => x[0] === 'Outcomes' && x[1] === 'Improved'))
      expect(r[3]).toMatch(/ of /);
  });
});

describe('bad targets and stories (exit 2, nothing written)', () => {
  it('a misspelt target path: at its line, suggesting the nearest valid path, from validate and a report run', () => {
    const { dir, config } = configCopy((t) =>
      t.replace('activity.familiesServed: 80', 'activity.familiesServd: 80'),
    );
    const line =
      readFileSync(config, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('familiesServd')) + 1;
    for (const args of [
      ['validate', '--config', config],
      [
        '--grant',
        'national-lottery-2025',
        '--config',
        config,
        '--format',
        'json,csv',
        '--out',
        join(dir, 'out'),
      ],
    ]) {
      const result = runCli(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        `line ${line}, setting grants.national-lottery-2025.targets.activity.familiesServd`,
      );
      expect(result.stderr).toContain('did you mean activity.familiesServed?');
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a target on a measure the grant does not report is unknown too', () => {
    const { config } = configCopy((t) =>
      t.replace('outcomes.pirgas.pctImproved: 75\n', 'outcomes.epds.pctImproved: 75\n'),
    );
    const result = runCli(['validate', '--config', config]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /no figure "outcomes\.epds\.pctImproved" \(did you mean outcomes\.\w+\.pctImproved\?\)/,
    );
  });

  it('a story without consent: the grant and the story’s position, not its words', () => {
    const { config } = configCopy((t) =>
      t.replace(
        '        who: A father in Oxford\n        consent: true',
        '        who: A father in Oxford\n        consent: false',
      ),
    );
    const result = runCli(['validate', '--config', config]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('grants.national-lottery-2025.stories[2].consent');
    expect(result.stderr).toMatch(/consent/);
    expect(result.stderr).not.toContain('turned our family around');
  });

  it('personal data in a story: an error that never echoes it, and no report', () => {
    const { dir, config } = configCopy((t) =>
      t.replace(
        "I didn't think therapy was for people like me.",
        "I didn't think therapy was for people like me. Write to dad.smith@example.org.",
      ),
    );
    const result = runCli([
      '--grant',
      'national-lottery-2025',
      '--config',
      config,
      '--format',
      'json',
      '--out',
      join(dir, 'out'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('story 2 of the grant "national-lottery-2025"');
    expect(result.stderr).toContain('an email address');
    expect(result.stderr).not.toContain('example.org');
    expect(result.stderr).not.toContain('people like me');
    expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []).toEqual([]);
  });
});
