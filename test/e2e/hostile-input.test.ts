import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/browser.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { alive, childrenOf } from '../helpers/processes.js';
import { STACK_LINE } from './corpus.js';

// Issue 13 through the real CLI: inputs someone else edited, treated as untrusted. Each run
// must end within its bound with a clear message and the right exit status, leak nothing
// (no file contents, no request to a server of ours), write nothing outside --out and leave
// nothing behind.
const CLEAN = join(ROOT, 'fixtures', 'tolerated', 'clean');
const SECRET = 'SECRET-b41d-contents-of-a-local-file';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  timedOut: boolean;
}

/** Runs the built CLI, killing it if it outlives `boundSeconds`. */
function run(
  args: string[],
  { cwd = ROOT, boundSeconds = 60, shell }: { cwd?: string; boundSeconds?: number; shell?: string } = {},
): Promise<Run> & { child: ChildProcess } {
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1735689600', IMPACT_REPORT_DEBUG: '' };
  const child = shell
    ? spawn('bash', ['-c', `${shell}; exec "$0" "$@"`, process.execPath, CLI, ...args], { cwd, env })
    : spawn(process.execPath, [CLI, ...args], { cwd, env });
  const started = performance.now();
  const promise = new Promise<Run>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (d) => {
      stdout += d;
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, boundSeconds * 1000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, seconds: (performance.now() - started) / 1000, timedOut });
    });
  });
  return Object.assign(promise, { child });
}

/** A copy of the clean fixture to break, with an output folder holding an earlier report. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'impact-hostile-'));
  cpSync(CLEAN, dir, { recursive: true });
  const out = join(dir, 'out');
  mkdirSync(out);
  const earlier = Buffer.from('%PDF-1.7\n% an earlier report, byte for byte\n', 'latin1');
  writeFileSync(join(out, 'small-2024_2024.pdf'), earlier);
  const config = join(dir, 'impact-report.yaml');
  const tree = () => listTree(dir);
  /** The report of the small grant in every format that writes a file. */
  const allFormats = ['--grant', 'small-2024', '--config', config, '--out', out, '--format', 'pdf,html,json'];
  return { dir, out, config, earlier, tree, allFormats };
}

/** Every path under `dir`, with each file's size, so "nothing else changed" can be compared. */
function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = join(prefix, entry.name);
    return entry.isDirectory() ? [`${rel}/`, ...listTree(dir, rel)] : [rel];
  });
}

const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

function expectClearFailure(result: Run, status: number, words: string[]) {
  expect(result.timedOut).toBe(false);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr.startsWith('Error: ')).toBe(true);
  for (const word of words) expect(result.stderr).toContain(word);
  expect(result.status).toBe(status);
}

describe('--out is checked before any work (exit 2), and never spins', () => {
  it('refuses --out naming an existing file, leaving it as it was', async () => {
    const { dir, config } = workspace();
    writeFileSync(join(dir, 'report.pdf'), 'mine');
    const result = await run(
      ['--grant', 'small-2024', '--config', config, '--out', join(dir, 'report.pdf')],
      {
        boundSeconds: 30,
      },
    );
    expectClearFailure(result, 2, ['is a file, not a folder']);
    expect(readFileSync(join(dir, 'report.pdf'), 'utf8')).toBe('mine');
  }, 40_000);

  it('refuses a folder inside /proc within seconds, whether it exists or not (it used to spin for ever)', async () => {
    const { config } = workspace();
    for (const out of ['/proc/impact-report-test/out', '/proc/self']) {
      const result = await run(
        ['--grant', 'small-2024', '--config', config, '--out', out, '--format', 'pdf'],
        {
          boundSeconds: 30,
        },
      );
      expectClearFailure(result, 2, ['output folder', out]);
    }
  }, 70_000);

  it('init refuses a folder inside /proc within seconds (exit 2)', async () => {
    for (const dir of ['/proc/impact-report-test/starter', '/proc/self']) {
      const result = await run(['init', dir], { boundSeconds: 30 });
      expectClearFailure(result, 2, ['could not be created', 'a folder cannot be made there']);
    }
  }, 70_000);

  it('removes an output folder it made when the run then fails on its data', async () => {
    const { dir, config } = workspace();
    const csv = readFileSync(join(dir, 'outcomes.csv'), 'utf8');
    writeFileSync(join(dir, 'outcomes.csv'), csv.replace(',64,70,', ',640,70,'));
    const result = await run([
      '--grant',
      'small-2024',
      '--config',
      config,
      '--out',
      join(dir, 'new', 'reports'),
    ]);
    expectClearFailure(result, 3, ['outcomes.csv']);
    expect(existsSync(join(dir, 'new'))).toBe(false);
  }, 70_000);
});

describe('no file is written outside --out, whatever the grant id or period', () => {
  it.each([['../escaped'], ['/tmp/escaped'], ['a/../../escaped'], ['.hidden'], ['x'.repeat(300)]])(
    'refuses the grant id %j (exit 2)',
    async (id) => {
      const { config, out, tree } = workspace();
      const before = tree();
      const text = readFileSync(config, 'utf8').replace('small-2024:', `${JSON.stringify(id)}:`);
      writeFileSync(config, text);
      const result = await run(['--all', '--config', config, '--out', out, '--format', 'json,html']);
      expectClearFailure(result, 2, []);
      expect(tree()).toEqual(before);
    },
    40_000,
  );

  it.each([['../../escaped'], ['2024/../../x'], ['2024-01-01..2024-02-30']])(
    'refuses the period %j (exit 2)',
    async (period) => {
      const { config, out, tree } = workspace();
      const before = tree();
      const result = await run([
        '--grant',
        'small-2024',
        '--period',
        period,
        '--config',
        config,
        '--out',
        out,
      ]);
      expectClearFailure(result, 2, []);
      expect(tree()).toEqual(before);
    },
    40_000,
  );
});

describe('nothing is lost or left behind by a failed, killed or concurrent run', () => {
  it('a full disk (file size limit) leaves the earlier report byte-identical and no temporary file (exit 1)', async () => {
    const { config, out, earlier } = workspace();
    writeFileSync(join(out, 'small-2024_2024.json'), earlier);
    // 100 KB a file: the JSON fits, the HTML (fonts inside) does not, so neither may replace its
    // earlier version.
    const result = await run(
      ['--grant', 'small-2024', '--config', config, '--out', out, '--format', 'html,json', '--quiet'],
      { shell: 'ulimit -f 100' },
    );
    expect(result.timedOut).toBe(false);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).toContain('small-2024_2024.html could not be written');
    expect(result.status).toBe(1);
    expect(readFileSync(join(out, 'small-2024_2024.pdf')).equals(earlier)).toBe(true);
    expect(readFileSync(join(out, 'small-2024_2024.json')).equals(earlier)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['small-2024_2024.json', 'small-2024_2024.pdf']);
  }, 90_000);

  it('runs killed at any moment leave whole files only, and the next run clears their temporary files', async () => {
    const { out, earlier, allFormats } = workspace();
    const args = [...allFormats, '--quiet'];
    for (const delay of [400, 1200, 2000]) {
      const killed = run(args);
      await new Promise((r) => setTimeout(r, delay));
      killed.child.kill('SIGKILL');
      await killed;
      const pdf = readFileSync(join(out, 'small-2024_2024.pdf'));
      if (!pdf.equals(earlier))
        expect(execFileSync('pdfinfo', [join(out, 'small-2024_2024.pdf')]).length).toBeGreaterThan(0);
      for (const f of readdirSync(out).filter((f) => f.endsWith('.json')))
        expect(() => JSON.parse(readFileSync(join(out, f), 'utf8'))).not.toThrow();
    }
    // A temporary file as a run killed while writing leaves it: this machine, a process now gone.
    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
    const gone = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    writeFileSync(join(out, `.small-2024_2024.pdf.${host}.${gone}.0badc0de.tmp`), '%PDF-1.7 half');
    const result = await run(args);
    expect(result.status).toBe(0);
    expect(temporaries(out)).toEqual([]);
    expect(readdirSync(out).sort()).toEqual([
      'small-2024_2024.html',
      'small-2024_2024.json',
      'small-2024_2024.pdf',
    ]);
  }, 180_000);

  it('a run killed outright (SIGKILL) leaves no browser behind: the browser ends with it', async () => {
    const { config, out } = workspace();
    const killed = run(['--grant', 'small-2024', '--config', config, '--out', out, '--quiet']);
    const pid = killed.child.pid as number;
    let browsers: number[] = [];
    for (let waited = 0; browsers.length === 0 && waited < 30_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      browsers = childrenOf(pid).map((c) => c.pid);
    }
    expect(browsers.length).toBeGreaterThan(0);
    killed.child.kill('SIGKILL');
    await killed;
    let left = browsers;
    for (let waited = 0; left.length > 0 && waited < 10_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      left = browsers.filter(alive);
    }
    expect(left).toEqual([]);
  }, 60_000);

  it('two runs writing the same --out at once both finish, leaving whole files and no temporary file', async () => {
    const { out, allFormats } = workspace();
    const args = [...allFormats, '--quiet'];
    const [a, b] = await Promise.all([run(args), run(args)]);
    expect([a.status, b.status]).toEqual([0, 0]);
    expect(temporaries(out)).toEqual([]);
    expect(execFileSync('pdfinfo', [join(out, 'small-2024_2024.pdf')], { encoding: 'utf8' })).toContain(
      'Pages:',
    );
    expect(JSON.parse(readFileSync(join(out, 'small-2024_2024.json'), 'utf8')).grant.id).toBe('small-2024');
    expect(readFileSync(join(out, 'small-2024_2024.html'), 'utf8').trimEnd().endsWith('</html>')).toBe(true);
  }, 120_000);
});

describe('bounded work: hostile files end within a bound with a clear error', () => {
  const bound = 30;

  it.each([
    ['/dev/zero', 'not a regular file'],
    ['a FIFO', 'not a regular file'],
    ['a 50 MB file', 'a configuration is at most 1.0 MB'],
  ])(
    'a configuration that is %s: exit 2',
    async (what, words) => {
      const { dir, out } = workspace();
      let config = '/dev/zero';
      if (what === 'a FIFO') {
        config = join(dir, 'fifo.yaml');
        execFileSync('mkfifo', [config]);
      } else if (what === 'a 50 MB file') {
        config = join(dir, 'big.yaml');
        writeFileSync(
          config,
          `${readFileSync(join(dir, 'impact-report.yaml'), 'utf8')}# ${'x'.repeat(50_000_000)}\n`,
        );
      }
      for (const args of [
        ['validate', '--config', config],
        ['--grant', 'small-2024', '--config', config, '--out', out, '--format', 'json'],
      ]) {
        const result = await run(args, { boundSeconds: bound });
        expectClearFailure(result, 2, [words]);
      }
    },
    90_000,
  );

  it.each([
    ['/dev/zero', 2, 'not a regular file'],
    ['a FIFO', 2, 'not a regular file'],
    ['a 10 MB cell', 3, 'far too long'],
    ['100,000 columns', 3, 'more than a spreadsheet can hold'],
  ])(
    'an outcomes file that is %s: exit %i',
    async (what, status, words) => {
      const { dir, config, out, tree } = workspace();
      const csv = readFileSync(join(dir, 'outcomes.csv'), 'utf8');
      const [header = '', first = ''] = csv.split('\n');
      let outcomes = '/dev/zero';
      if (what === 'a FIFO') {
        outcomes = join(dir, 'fifo.csv');
        execFileSync('mkfifo', [outcomes]);
      } else if (what === 'a 10 MB cell') {
        outcomes = join(dir, 'cell.csv');
        writeFileSync(outcomes, `${header},Notes\n${first},"${'x'.repeat(10_000_000)}"\n`);
      } else if (what === '100,000 columns') {
        outcomes = join(dir, 'wide.csv');
        const extra = Array.from({ length: 100_000 - 16 }, (_, i) => `c${i}`).join(',');
        writeFileSync(outcomes, `${header},${extra}\n${first}${','.repeat(100_000 - 16)}\n`);
      }
      writeFileSync(
        config,
        readFileSync(config, 'utf8').replace('outcomes: outcomes.csv', `outcomes: ${outcomes}`),
      );
      const before = tree();
      for (const args of [
        ['validate', '--config', config],
        ['--grant', 'small-2024', '--config', config, '--out', out, '--format', 'json'],
      ]) {
        const result = await run(args, { boundSeconds: bound });
        expectClearFailure(result, status, [words]);
      }
      expect(tree()).toEqual(before);
    },
    90_000,
  );
});

describe('no request leaves the page, and no local file reaches a report', () => {
  let server: Server;
  let base = '';
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.url ?? '');
      response.end(SECRET);
    });
    server.on('connection', () => seen.push('(connection)'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A CSV cell holding `text`, quoted. */
  const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const markup = (tag: string) =>
    `<img src="${base}/${tag}"><link rel=stylesheet href="${base}/${tag}.css"><style>@import url(${base}/${tag}-import)</style>`;

  it('user text everywhere (names, areas, sources, headers, narrative) prints as text and fetches nothing', async () => {
    const { dir, config, out, allFormats } = workspace();
    const csv = readFileSync(join(dir, 'outcomes.csv'), 'utf8').split('\n');
    const header = (csv[0] ?? '').split(',');
    const area = header.indexOf('area');
    const rows = csv
      .slice(1)
      .filter(Boolean)
      .map((line, i) => {
        const cells = line.split(',');
        if (i % 2 === 0) cells[area] = cell(`Didcot ${markup('area')}`);
        return [...cells, cell(markup('extra-cell'))].join(',');
      });
    writeFileSync(
      join(dir, 'outcomes.csv'),
      `${[...header, cell(markup('header'))].join(',')}\n${rows.join('\n')}\n`,
    );
    const referrals = readFileSync(join(dir, 'referrals.csv'), 'utf8').split('\n');
    writeFileSync(
      join(dir, 'referrals.csv'),
      referrals
        .map((line, i) =>
          i > 0 && line ? line.replace(/,[a-z_]+,(\d+)$/, `,${cell(`gp ${markup('source')}`)},$1`) : line,
        )
        .join('\n'),
    );
    writeFileSync(
      config,
      JSON.stringify({
        organisation: {
          name: `Org ${markup('org')}`,
          shortName: `S ${markup('short')}`,
          charityNumber: `1 ${markup('charity')}`,
        },
        input: { outcomes: 'outcomes.csv', referrals: 'referrals.csv' },
        grants: {
          'small-2024': {
            funder: `Fund ${markup('funder')}`,
            title: `Title ${markup('title')}`,
            period: '2024',
            match: { area: [`Didcot ${markup('area')}`, 'Reading'] },
            narrative: `Narrative ${markup('narrative')}`,
          },
        },
      }),
    );
    const result = await run(allFormats);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(seen).toEqual([]);
    const html = readFileSync(join(out, 'small-2024_2024.html'), 'utf8');
    // Markup only as escaped text (checked without printing the 2 MB document on failure).
    expect(/<img src="http|<link rel=stylesheet|<style>@import/.test(html)).toBe(false);
    expect(html).toContain('Fund &lt;img src&#x3D;&quot;http://127.0.0.1');
    const text = execFileSync('pdftotext', [join(out, 'small-2024_2024.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Fund <img src=');

    // The HTML report opened as a user would, in a browser with no guard of ours: nothing fetched.
    const browser = await puppeteer.launch({
      executablePath: findBrowser(process.env, () => puppeteer.executablePath()).path,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const tab = await browser.newPage();
      await tab.goto(`file://${join(out, 'small-2024_2024.html')}`, { waitUntil: 'networkidle0' });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await browser.close();
    }
    expect(seen).toEqual([]);
  }, 120_000);

  it('a colour that smuggles CSS is refused by the configuration check (exit 2), fetching nothing', async () => {
    const { config, out, tree } = workspace();
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'name: Example Parent Infant Service',
        `name: Example Parent Infant Service\n  colours: { primary: "red;background:url(${base}/colour)" }`,
      ),
    );
    const before = tree();
    const result = await run([
      '--grant',
      'small-2024',
      '--config',
      config,
      '--out',
      out,
      '--format',
      'pdf,html',
    ]);
    expectClearFailure(result, 2, ['organisation.colours.primary', 'six hex digits']);
    expect(seen).toEqual([]);
    expect(tree()).toEqual(before);
  }, 60_000);

  it.each([
    [
      'an <image> reading a local file',
      (secret: string) => `<image href="file://${secret}" width="200" height="80"/>`,
    ],
    ['a <use> of a local file', (secret: string) => `<use xlink:href="${secret}#x"/>`],
    ['an <image> fetching from a server', () => `<image href="${base}/image" width="9" height="9"/>`],
    [
      'a <foreignObject> iframe',
      (secret: string) =>
        `<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="${secret}"/></foreignObject>`,
    ],
    ['a CSS @import', () => `<style>@import url(${base}/import.css);</style>`],
    ['a <script>', () => `<script>fetch('${base}/script')</script>`],
  ])(
    'an SVG logo with %s is refused before any work (exit 2): no request, no contents',
    async (_what, body) => {
      const { dir, config, out, tree } = workspace();
      const secret = join(dir, 'secret.svg');
      writeFileSync(secret, `<svg xmlns="http://www.w3.org/2000/svg"><text y="20">${SECRET}</text></svg>`);
      writeFileSync(
        join(dir, 'logo.svg'),
        `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="80">${body(secret)}</svg>`,
      );
      writeFileSync(
        config,
        readFileSync(config, 'utf8').replace(
          'title: Parent-infant work in 2024',
          'title: T\n    brand: { logo: logo.svg }',
        ),
      );
      const before = tree();
      for (const args of [
        ['validate', '--config', config],
        ['--grant', 'small-2024', '--config', config, '--out', out, '--format', 'pdf,html'],
      ]) {
        const result = await run(args, { boundSeconds: 30 });
        expectClearFailure(result, 2, ['grants.small-2024.brand.logo', 'the logo cannot be used safely']);
        expect(result.stderr).not.toContain(SECRET);
        expect(result.stdout).not.toContain(SECRET);
      }
      expect(seen).toEqual([]);
      expect(tree()).toEqual(before);
    },
    60_000,
  );

  it('a logo that is a symlink to a private file, a FIFO or a folder is refused (exit 2) without reading it out', async () => {
    const { dir, config, out } = workspace();
    writeFileSync(join(dir, 'private.txt'), `${SECRET}\n`);
    symlinkSync(join(dir, 'private.txt'), join(dir, 'link.svg'));
    execFileSync('mkfifo', [join(dir, 'fifo.svg')]);
    mkdirSync(join(dir, 'folder.png'));
    for (const [logo, words] of [
      ['link.svg', 'not an SVG or PNG picture'],
      ['fifo.svg', 'not a regular file'],
      ['folder.png', 'a folder'],
    ] as const) {
      writeFileSync(
        config,
        readFileSync(join(CLEAN, 'impact-report.yaml'), 'utf8').replace(
          'name: Example Parent Infant Service',
          `name: Example Parent Infant Service\n  logo: ${logo}`,
        ),
      );
      const result = await run(
        ['--grant', 'small-2024', '--config', config, '--out', out, '--format', 'html'],
        {
          boundSeconds: 30,
        },
      );
      expectClearFailure(result, 2, ['organisation.logo', words]);
      expect(result.stderr).not.toContain(SECRET);
      expect(readdirSync(out)).toEqual(['small-2024_2024.pdf']);
    }
  }, 90_000);

  it('a good logo reached through a symlink outside the configuration folder is embedded as an image', async () => {
    const { dir, config, out } = workspace();
    symlinkSync(join(ROOT, 'fixtures', 'brand', 'tpip.svg'), join(dir, 'logo.svg'));
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'name: Example Parent Infant Service',
        'name: Example Parent Infant Service\n  logo: logo.svg',
      ),
    );
    const result = await run([
      '--grant',
      'small-2024',
      '--config',
      config,
      '--out',
      out,
      '--format',
      'html',
      '--quiet',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const html = readFileSync(join(out, 'small-2024_2024.html'), 'utf8');
    const logo = readFileSync(join(ROOT, 'fixtures', 'brand', 'tpip.svg')).toString('base64');
    expect(html).toContain(`<img class="logo logo-organisation" src="data:image/svg+xml;base64,${logo}"`);
  }, 60_000);
});
