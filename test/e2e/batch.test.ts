import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { alive, childrenOf } from '../helpers/processes.js';

const GRANTS = [
  'programme',
  'powerhouse-2022',
  'powerhouse-2023',
  'powerhouse-2024',
  'national-lottery-2025',
];
const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

describe('batch runs', () => {
  it('--all --period FY2025-26-Q1 writes one PDF per grant, a line each, and a summary', () => {
    const out = temp('impact-all-');
    const result = runCli(['--all', '--period', 'FY2025-26-Q1', '--out', out], { env: { CI: 'true' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(GRANTS.map((g) => `${g}_FY2025-26-Q1.pdf`).sort());
    for (const g of GRANTS)
      expect(result.stdout).toMatch(
        new RegExp(`wrote .*${g}_FY2025-26-Q1\\.pdf \\(${g} FY2025-26-Q1, \\d+\\.\\d s\\)`),
      );
    expect(result.stdout).toMatch(/done: 5 reports in \d+\.\d s/);
  });

  it('--quiet prints nothing when all is well', () => {
    const out = temp('impact-quiet-');
    const result = runCli([
      '--grant',
      'programme',
      'powerhouse-2024',
      '--format',
      'json',
      '--quiet',
      '--out',
      out,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(readdirSync(out).sort()).toEqual(['powerhouse-2024_2024.json', 'programme_FY2024-25.json']);
  });

  it('resolves previous-quarter and previous-fy-quarter from SOURCE_DATE_EPOCH into ordinary labels', () => {
    const out = temp('impact-relative-');
    // 2025-07-15T00:00:00Z
    const env = { SOURCE_DATE_EPOCH: '1752537600' };
    expect(
      runCli(['--grant', 'programme', '--period', 'previous-quarter', '--format', 'json', '--out', out], {
        env,
      }).status,
    ).toBe(0);
    expect(
      runCli(['--grant', 'programme', '--period', 'previous-fy-quarter', '--format', 'json', '--out', out], {
        env,
      }).status,
    ).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['programme_2025-Q2.json', 'programme_FY2025-26-Q1.json']);
  });

  it('with the browser path pointed at nothing, exits 4 with what was tried and how to install one, writing nothing', () => {
    const out = temp('impact-nobrowser-');
    const result = runCli(['--grant', 'powerhouse-2024', '--out', out], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' },
    });
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('PUPPETEER_EXECUTABLE_PATH=/nonexistent/chrome');
    expect(result.stderr).toContain('apt-get install -y chromium');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a failing report does not stop the others: exit 1 and the summary names it and why', () => {
    const dir = temp('impact-failing-');
    // A grant whose theme folder does not exist fails at render time; the others are made.
    const config = readFileSync(join(ROOT, 'impact-report.yaml'), 'utf8')
      .replaceAll('fixtures/', `${ROOT}/fixtures/`)
      .replace('theme: lottery', 'theme: lottery-missing');
    writeFileSync(join(dir, 'impact-report.yaml'), config);
    const out = join(dir, 'out');
    const result = runCli(
      [
        '--grant',
        'powerhouse-2024',
        'national-lottery-2025',
        '--config',
        join(dir, 'impact-report.yaml'),
        '--out',
        out,
        '--format',
        'html',
      ],
      {
        env: { CI: 'true' },
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('impact-report: failed: 1 of 2 reports could not be made:');
    expect(result.stderr).toMatch(
      /- national-lottery-2025 FY2025-26: The theme "lottery-missing" was not found/,
    );
    expect(readdirSync(out)).toEqual(['powerhouse-2024_2024.html']);
  });

  it('a browser killed mid-batch is relaunched once and the batch completes', async () => {
    const out = temp('impact-kill-');
    const child = spawn(
      process.execPath,
      [CLI, '--all', '--period', 'FY2025-26-Q2', '--out', out, '--concurrency', '1'],
      {
        cwd: ROOT,
        env: { ...process.env, CI: 'true', SOURCE_DATE_EPOCH: '1735689600' },
      },
    );
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!killed && stdout.includes('wrote ')) {
        killed = true;
        // The browser is a direct child of the CLI: kill it hard, as a crash would.
        const browser = childrenOf(child.pid as number).find((p) => /chrom/i.test(p.comm));
        expect(browser, 'no browser child of the CLI').toBeDefined();
        process.kill(browser?.pid as number, 'SIGKILL');
      }
    });
    const status = await new Promise<number | null>((done) => child.on('close', done));
    expect(killed).toBe(true);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('starting it again');
    expect(readdirSync(out).sort()).toEqual(GRANTS.map((g) => `${g}_FY2025-26-Q2.pdf`).sort());
  }, 120_000);
});

describe('Ctrl-C', () => {
  it('closes the browser, leaves no stray processes and no partial files', async () => {
    const out = temp('impact-sigint-');
    const child = spawn(
      process.execPath,
      [CLI, '--all', '--period', 'FY2025-26-Q3', '--out', out, '--concurrency', '1'],
      {
        cwd: ROOT,
        env: { ...process.env, CI: 'true' },
      },
    );
    let stdout = '';
    let stderr = '';
    const tree: number[] = [];
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (tree.length === 0 && stdout.includes('wrote ')) {
        const browser = childrenOf(child.pid as number).find((p) => /chrom/i.test(p.comm));
        expect(browser).toBeDefined();
        tree.push(browser?.pid as number, ...childrenOf(browser?.pid as number).map((p) => p.pid));
        child.kill('SIGINT');
      }
    });
    const status = await new Promise<number | null>((done) => child.on('close', done));
    expect(tree.length).toBeGreaterThan(1);
    expect(status).toBe(130);
    expect(stderr).toContain('Stopped: interrupted');
    expect(stderr).not.toContain('FAILED');
    await new Promise((r) => setTimeout(r, 500));
    expect(tree.filter(alive)).toEqual([]);
    expect(readdirSync(out).filter((f) => !f.endsWith('.pdf'))).toEqual([]);
  }, 120_000);
});

/** esbuild's comment before a bundled module's code: `// node_modules/pdf-lib/cjs/api/PDFDocument.js`. */
const PACKAGE_COMMENT = /^\/\/ node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm;

describe('start-up cost', () => {
  const loaded = (args: string[]) => {
    const trace = join(temp('impact-trace-'), 'modules.txt');
    const result = spawnSync(
      process.execPath,
      ['--import', join(ROOT, 'test/helpers/trace-imports.mjs'), CLI, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TRACE_FILE: trace },
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    const urls = existsSync(trace) ? readFileSync(trace, 'utf8').split('\n').filter(Boolean) : [];
    // dist/ is bundled (scripts/build.mjs): a file there names, in a comment before each module's
    // code, the package the code came from. Those names are what the file loads.
    const bundled = urls
      .filter((url) => url.startsWith(pathToFileURL(join(ROOT, 'dist/')).href))
      .flatMap((url) =>
        [...readFileSync(fileURLToPath(url), 'utf8').matchAll(PACKAGE_COMMENT)].map((m) => m[1]),
      );
    return [...urls, ...new Set(bundled)].join('\n');
  };

  it.each([
    [['--help']],
    [['list']],
    [['validate']],
    [['--grant', 'powerhouse-2024', '--format', 'json', '--out', join(tmpdir(), 'impact-startup')]],
  ])('%s loads neither puppeteer nor pdf-lib', (args) => {
    const modules = loaded(args);
    expect(modules).toContain('commander');
    expect(modules).not.toMatch(/puppeteer|pdf-lib/);
  });

  it('a PDF run does load them (the trace works, bundled code included)', () => {
    const modules = loaded(['--grant', 'powerhouse-2024', '--out', join(tmpdir(), 'impact-startup-pdf')]);
    expect(modules).toMatch(/puppeteer/);
    expect(modules).toMatch(/^pdf-lib$/m);
  });
});

describe('list and init', () => {
  it('list shows each grant, its funder, default period and episodes matched', () => {
    const result = runCli(['list']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/powerhouse-2024\s+Didcot Powerhouse Fund\s+2024\s+\d+/);
    expect(result.stdout).toMatch(
      /national-lottery-2025\s+National Lottery Community Fund\s+FY2025-26\s+\d+/,
    );
  });

  it('init makes a starter in which the example grant immediately produces a PDF', () => {
    const dir = join(temp('impact-init-'), 'starter');
    const init = runCli(['init', dir]);
    expect(init.status).toBe(0);
    const validate = runCli(['validate'], { cwd: dir });
    expect(validate.status).toBe(0);
    // The starter's narrative is a placeholder to replace: validate and the report say so, and only that.
    const placeholder =
      'Warning: The narrative of the grant "example-2025" still holds placeholder text; replace it with your own words before sending the report.\n';
    expect(validate.stderr).toBe(placeholder);
    const report = runCli(['--grant', 'example-2025'], { cwd: dir });
    expect(report.stderr).toBe(placeholder);
    expect(report.status).toBe(0);
    expect(existsSync(join(dir, 'out', 'example-2025_2025.pdf'))).toBe(true);
    const again = runCli(['init', dir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('nothing was changed');
  });
});
