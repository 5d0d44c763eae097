import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';

// issue 15: scripts/setup.sh makes the fixture report in this repository, as the README's first
// command promises, and works in a clone that holds a charity's own impact-report.yaml.
// Run in a copy of the working tree; node_modules is hard-linked and stamped as matching
// package-lock.json, so setup skips `npm ci` (and this machine's node_modules is never touched).

function copyOfRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), 'impact-setup-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && existsSync(join(ROOT, f)));
  for (const f of files) {
    mkdirSync(dirname(join(copy, f)), { recursive: true });
    cpSync(join(ROOT, f), join(copy, f));
  }
  execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(copy, 'node_modules')]);
  const lock = execFileSync('sha256sum', [join(copy, 'package-lock.json')], { encoding: 'utf8' }).split(
    ' ',
  )[0];
  writeFileSync(join(copy, 'node_modules', '.impact-report-setup'), `${lock}\n`);
  return copy;
}

const setup = (cwd: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync('bash', [join(cwd, 'scripts', 'setup.sh')], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });

describe('scripts/setup.sh', () => {
  const copy = copyOfRepository();

  it('in this repository: checks for a browser that runs, skips what is there, makes the fixture PDF', () => {
    const result = setup(copy);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('setup: system packages already present');
    expect(result.stdout).toMatch(/setup: PDFs will be printed with \/\S+/);
    expect(result.stdout).toContain('node_modules already matches package-lock.json');
    expect(readdirSync(join(copy, 'out'))).toEqual(['powerhouse-2024_2024.pdf']);
  });

  it("in a clone holding a charity's own configuration: succeeds and checks that configuration", () => {
    const starter = join(mkdtempSync(join(tmpdir(), 'impact-setup-starter-')), 's');
    expect(spawnSync(process.execPath, [CLI, 'init', starter]).status).toBe(0);
    for (const part of ['impact-report.yaml', 'data', 'brand'])
      cpSync(join(starter, part), join(copy, part), { recursive: true });
    rmSync(join(copy, 'out'), { recursive: true, force: true });
    const result = setup(copy);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('There is no grant');
    expect(result.stdout).toContain('impact-report.yaml and the input files are valid');
    expect(result.stdout).toContain('setup: ready');
    expect(existsSync(join(copy, 'out'))).toBe(false);
  });

  it('a PUPPETEER_EXECUTABLE_PATH that does not run is named, before anything is installed', () => {
    const result = setup(copy, { PUPPETEER_EXECUTABLE_PATH: '/bin/false' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'PUPPETEER_EXECUTABLE_PATH=/bin/false does not run as Chrome or Chromium',
    );
  });
});
