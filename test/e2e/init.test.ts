import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], {
    cwd,
    encoding: 'utf8',
  });

/** A committed clone of this tool: its built CLI, templates, schema and package.json. */
function toolClone(): string {
  const clone = temp('impact-clone-');
  for (const part of ['dist', 'templates', 'schema', 'package.json', '.gitignore'])
    cpSync(join(ROOT, part), join(clone, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  git(clone, 'init', '-q');
  git(clone, 'add', '-A');
  git(clone, 'commit', '-qm', 'the tool');
  return clone;
}

// issue 15: a starter made inside a git work tree is never committed by accident.
describe('init and git', () => {
  it("a starter made inside the tool's own clone is git-ignored there (info/exclude), and says so", () => {
    const clone = toolClone();
    const result = spawnSync(process.execPath, [join(clone, 'dist', 'cli.js'), 'init', 'my-reports'], {
      cwd: clone,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("inside impact-report's own clone");
    expect(result.stdout).toContain('node ../dist/cli.js validate');
    expect(git(clone, 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(clone, '.git', 'info', 'exclude'), 'utf8')).toContain('/my-reports/');
    // The clone's tracked .gitignore is not touched.
    expect(readFileSync(join(clone, '.gitignore'), 'utf8')).toBe(
      readFileSync(join(ROOT, '.gitignore'), 'utf8'),
    );
    // A second starter beside it is excluded too; the first entry is not repeated.
    spawnSync(process.execPath, [join(clone, 'dist', 'cli.js'), 'init', 'more'], { cwd: clone });
    const exclude = readFileSync(join(clone, '.git', 'info', 'exclude'), 'utf8');
    expect(exclude.match(/\/my-reports\//g)).toHaveLength(1);
    expect(exclude).toContain('/more/');
    expect(git(clone, 'status', '--porcelain')).toBe('');
  });

  it('a starter that is its own repository commits the configuration and data, never out/', () => {
    const repo = join(temp('impact-repo-'), 'reports');
    expect(runCli(['init', repo]).status).toBe(0);
    git(repo, 'init', '-q');
    expect(runCli(['--grant', 'example-2025', '--format', 'json'], { cwd: repo }).status).toBe(0);
    git(repo, 'add', '-A');
    const committed = git(repo, 'diff', '--cached', '--name-only').trim().split('\n').sort();
    expect(committed).toEqual([
      '.github/workflows/impact-report.yml',
      '.gitignore',
      'brand/funder.svg',
      'brand/organisation.svg',
      'data/outcomes.csv',
      'data/referrals.csv',
      'impact-report.schema.json',
      'impact-report.yaml',
    ]);
  });

  it("a folder's own .gitignore is left alone, and the user is told to add out/", () => {
    const dir = temp('impact-own-ignore-');
    writeFileSync(join(dir, '.gitignore'), '*.log\n');
    const result = runCli(['init', dir]);
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('*.log\n');
    expect(result.stdout).toContain('Add the line "out/"');
  });

  it('a folder that cannot be made (under /proc) is refused at once with exit 2', () => {
    const result = runCli(['init', '/proc/impact-report/starter']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('could not be created');
  });
});
