import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, pdfText, ROOT } from '../helpers/cli.js';

// issue 15: the npm package installs where puppeteer cannot download Chrome (no route to its
// host here), and the scheduled workflow a charity copies works in its own repository. The
// workflow's own commands are run, in order, in a repository made by `impact-report init`;
// its install step is also the test of the package (installed into an empty prefix).

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const WORKFLOW = join(ROOT, 'templates', 'starter', '.github', 'workflows', 'impact-report.yml');
// 2025-07-15: previous-quarter is 2025-Q2, inside the starter's sample data.
const EPOCH = '1752537600';

/** The environment of a machine that never set up puppeteer: no skip flag, no browser path. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env))
    if (/^(PUPPETEER_|npm_)/i.test(key) || key === 'SOURCE_DATE_EPOCH') delete env[key];
  return { ...env, ...extra };
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { schedule: { cron: string }[]; workflow_dispatch: unknown };
  jobs: { reports: { 'runs-on': string; env: Record<string, string>; steps: Step[] } };
}

let tarball = '';
beforeAll(() => {
  const into = temp('impact-pack-');
  // prepack builds dist/ first.
  execFileSync('npm', ['pack', '--silent', '--pack-destination', into], { cwd: ROOT, stdio: 'pipe' });
  const [file] = readdirSync(into).filter((f) => f.endsWith('.tgz'));
  tarball = join(into, file as string);
});

describe('the npm package', () => {
  it('holds the LICENSE, .puppeteerrc.cjs, the docs the README links to, and no tests or fixtures', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    for (const f of [
      'LICENSE',
      '.puppeteerrc.cjs',
      'README.md',
      'dist/cli.js',
      'schema/impact-report.schema.json',
      'templates/starter/.github/workflows/impact-report.yml',
    ])
      expect(files).toContain(f);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).license).toBe('MIT');
    // Every link from the README to a file of this repository is in the package.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1] as string)
      .filter((l) => !/^[a-z]+:/.test(l) && !l.startsWith('../'));
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) expect(files, `README links to ${link}`).toContain(link.replace(/^\.\//, ''));
    expect(files.filter((f) => /^(test|fixtures|src|bench|scripts)\//.test(f))).toEqual([]);
  });
});

describe('the scheduled workflow, in a repository made by init', () => {
  const repo = join(temp('impact-charity-'), 'reports');
  const prefix = temp('impact-prefix-');
  const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
  const job = workflow.jobs.reports;

  it('is the one docs/scheduled-reports.md shows, runs on a schedule and keeps out/ as an artifact', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'scheduled-reports.md'), 'utf8');
    const shown = doc.match(/```yaml\n([\s\S]*?)```/)?.[1];
    const file = readFileSync(WORKFLOW, 'utf8').replace(/^(#.*\n)+/, '');
    expect(shown).toBe(file);
    expect(workflow.on.schedule[0]?.cron).toBe('0 6 2 1,4,7,10 *');
    const uses = (name: string) => job.steps.find((s) => s.uses?.startsWith(name));
    expect(uses('actions/checkout@')).toBeDefined();
    expect(uses('actions/setup-node@')?.with).toMatchObject({ cache: 'npm', 'node-version': 20 });
    expect(uses('actions/upload-artifact@')).toMatchObject({ if: 'always()', with: { path: 'out/' } });
  });

  it("its commands install the package, make the quarter's reports quietly, and leave out/ uncommitted", () => {
    expect(spawnSync(process.execPath, [CLI, 'init', repo], { encoding: 'utf8' }).status).toBe(0);
    execFileSync('git', ['init', '-q'], { cwd: repo });
    // As docs/scheduled-reports.md says, before the package is on the registry.
    copyFileSync(tarball, join(repo, basename(tarball)));
    expect(parse(readFileSync(join(repo, '.github', 'workflows', 'impact-report.yml'), 'utf8'))).toEqual(
      workflow,
    );
    const env = cleanEnv({
      ...job.env,
      IMPACT_REPORT: `./${basename(tarball)}`,
      // Where `npm install --global` puts things, and where the shell finds them: an empty prefix.
      npm_config_prefix: prefix,
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
      SOURCE_DATE_EPOCH: EPOCH,
    });
    const runs = job.steps.filter((s) => s.run);
    expect(runs.map((s) => s.name)).toEqual(['Install impact-report', 'Make the reports']);
    const results = runs.map((step) =>
      spawnSync('bash', ['-e', '-c', step.run as string], {
        cwd: repo,
        env,
        encoding: 'utf8',
        timeout: 540_000,
      }),
    );
    const [install, reports] = results;
    expect(install?.status, install?.stderr).toBe(0);
    // The global bin link leads to the installed CLI (no dangling link).
    expect(existsSync(realpathSync(join(prefix, 'bin', 'impact-report')))).toBe(true);
    expect(reports?.stderr).toBe('');
    expect(reports?.stdout).toBe('');
    expect(reports?.status).toBe(0);
    expect(readdirSync(join(repo, 'out'))).toEqual(['example-2025_2025-Q2.pdf']);
    expect(pdfText(join(repo, 'out', 'example-2025_2025-Q2.pdf'))).toContain('Example Community Fund');
    const status = execFileSync('git', ['status', '--porcelain', '--ignored'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(status).toContain('!! out/');
    expect(status).not.toMatch(/^\?\? out/m);

    // A run that fails is not quiet: the step fails and the log says which grant and why.
    const config = join(repo, 'impact-report.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('brand/funder.svg', 'brand/missing.svg'));
    const failing = spawnSync('bash', ['-e', '-c', runs[1]?.run as string], {
      cwd: repo,
      env,
      encoding: 'utf8',
    });
    // A logo the configuration names but that is not there is a configuration error (exit 2).
    expect(failing.status).toBe(2);
    expect(failing.stderr).toContain('grants.example-2025.brand.logo');
    expect(failing.stderr).toContain('brand/missing.svg');
    expect(failing.stderr).toContain('Nothing was written.');
  });

  it('the installed package: init prints commands that work, validate passes, a PDF is made', () => {
    const env = cleanEnv({ PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, SOURCE_DATE_EPOCH: EPOCH });
    const bin = join(prefix, 'bin', 'impact-report');
    const dir = join(temp('impact-installed-'), 'starter');
    const init = spawnSync(bin, ['init', dir], { env, encoding: 'utf8' });
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/^ {2}impact-report validate/m);
    const validate = spawnSync('impact-report', ['validate'], { cwd: dir, env, encoding: 'utf8' });
    expect(validate.status).toBe(0);
    const report = spawnSync('impact-report', ['--grant', 'example-2025'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    // The starter's narrative is a placeholder on purpose: the report is made, with one reminder.
    expect(report.stderr.trim()).toBe(
      'Warning: The narrative of the grant "example-2025" still holds placeholder text; replace it with your own words before sending the report.',
    );
    expect(report.status).toBe(0);
    expect(pdfText(join(dir, 'out', 'example-2025_2025.pdf'))).toContain('Example Community Fund');
    expect(spawnSync(bin, ['--help'], { env, encoding: 'utf8' }).stdout).toContain('--grant <id...>');
  });
});
