import { constants } from 'node:fs';
import {
  access,
  appendFile,
  cp,
  mkdir,
  readdir,
  readFile,
  realpath,
  stat,
  writeFile,
} from 'node:fs/promises';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { displayPath, ExitCode, ReportError } from '../errors.js';
import type { Io } from '../main.js';
import { reportError } from '../main.js';
import { PROJECT_ROOT, TEMPLATES_DIR } from '../paths.js';

const STARTER = join(TEMPLATES_DIR, 'starter');

/** Written by init rather than copied: npm never packs a file named .gitignore. */
const GITIGNORE = `# Reports made by impact-report: rebuilt on every run, kept out of the repository.
out/
node_modules/
`;

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await listFiles(path, base)));
    else files.push(relative(base, path));
  }
  return files.sort();
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Creates a folder and any missing parents one level at a time. Node 20's
 * `mkdir(…, { recursive: true })` never returns under /proc (it retries for ever).
 */
async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && (await stat(path)).isDirectory()) return;
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path) throw error;
    await makeFolder(parent);
    await mkdir(path).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

const CREATE_REASONS: Record<string, string> = {
  ENOENT: 'a folder cannot be made there',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'a file is in the way',
  EEXIST: 'a file is in the way',
  EISDIR: 'a folder cannot be made there',
};

const realOrSame = (path: string) => realpath(path).catch(() => path);

/** The command that runs this very installation from the user's shell, in `dir`. */
export async function commandHere(env: NodeJS.ProcessEnv, dir: string): Promise<string> {
  const cli = await realOrSame(join(PROJECT_ROOT, 'dist', 'cli.js'));
  // npx (npm exec) finds the tool from any folder below the project that has it.
  const project = env.npm_config_local_prefix;
  if (env.npm_command === 'exec' && project && !relative(project, dir).startsWith('..'))
    return 'npx impact-report';
  // Under npm, PATH holds folders that the user's own shell does not have.
  const path = env.npm_command ? '' : (env.PATH ?? '');
  for (const folder of path.split(delimiter).filter(Boolean)) {
    const candidate = join(folder, 'impact-report');
    const runnable = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (runnable && (await realOrSame(candidate)) === cli) return 'impact-report';
  }
  // Relative from a clone (`node ../dist/cli.js`), absolute when that is shorter.
  const near = relative(dir, cli);
  const shortest = near.length <= cli.length ? near : cli;
  return `node ${/[\s'"$`\\]/.test(shortest) ? `'${shortest.replaceAll("'", "'\\''")}'` : shortest}`;
}

/** The work tree of the git repository that holds `path`, if any (the nearest `.git` above it). */
async function workTreeOf(path: string): Promise<string | undefined> {
  for (let dir = path; ; dir = dirname(dir)) {
    if (await exists(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `<work tree>/.git/info/exclude`, also for a linked work tree (`.git` is then a file). */
async function excludeFileOf(workTree: string): Promise<string> {
  const dotGit = join(workTree, '.git');
  if ((await stat(dotGit)).isDirectory()) return join(dotGit, 'info', 'exclude');
  const gitDir = resolve(workTree, (await readFile(dotGit, 'utf8')).replace(/^gitdir:\s*/, '').trim());
  const common = await readFile(join(gitDir, 'commondir'), 'utf8').then(
    (c) => resolve(gitDir, c.trim()),
    () => gitDir,
  );
  return join(common, 'info', 'exclude');
}

/**
 * A starter made inside this tool's own clone holds the charity's data: it is listed in the
 * clone's .git/info/exclude (local, never committed) so that it cannot be committed to the
 * tool by accident. Returns the exclude file, or undefined when the starter is elsewhere.
 */
async function keepOutOfToolClone(target: string): Promise<string | undefined> {
  const tree = await workTreeOf(target);
  if (!tree || tree === target) return undefined;
  if ((await realOrSame(tree)) !== (await realOrSame(PROJECT_ROOT.replace(/[\\/]$/, '')))) return undefined;
  const exclude = await excludeFileOf(tree);
  const entry = `/${relative(tree, target).split(sep).join('/')}/`;
  const current = await readFile(exclude, 'utf8').catch(() => '');
  if (!current.split('\n').includes(entry)) {
    await makeFolder(dirname(exclude));
    await appendFile(
      exclude,
      `${current === '' || current.endsWith('\n') ? '' : '\n'}# a starter made by impact-report init\n${entry}\n`,
    );
  }
  return exclude;
}

/** `impact-report init [dir]`: copies a working starter; never overwrites an existing file. */
export async function runInit(dir: string, io: Io): Promise<number> {
  try {
    const target = resolve(dir);
    // The starter's configuration names the JSON Schema beside it, so editors check it as you type.
    const schema = join(PROJECT_ROOT, 'schema', 'impact-report.schema.json');
    const files = [...(await listFiles(STARTER)), 'impact-report.schema.json'].sort();
    const clashes: string[] = [];
    for (const f of files) if (await exists(join(target, f))) clashes.push(f);
    if (clashes.length > 0) {
      throw new ReportError(
        `${target} already has ${clashes.join(', ')}; nothing was changed.`,
        ExitCode.usage,
        'Choose an empty folder: impact-report init my-reports',
      );
    }
    try {
      await makeFolder(target);
    } catch (error) {
      throw new ReportError(
        `The folder ${target} could not be created (${CREATE_REASONS[(error as NodeJS.ErrnoException).code ?? ''] ?? String(error)}).`,
        ExitCode.usage,
        'Choose a folder you can write to: impact-report init my-reports',
      );
    }
    try {
      await cp(STARTER, target, { recursive: true, errorOnExist: true, force: false });
      await cp(schema, join(target, 'impact-report.schema.json'), { errorOnExist: true, force: false });
    } catch (error) {
      // A folder that exists but cannot hold files (/proc/self, a read-only mount).
      const code = (error as NodeJS.ErrnoException).code ?? '';
      throw new ReportError(
        `The starter could not be created in ${target} (${CREATE_REASONS[code] ?? 'a folder cannot be made there'}).`,
        ExitCode.usage,
        'Choose a folder you can write to: impact-report init my-reports',
      );
    }
    // An existing .gitignore is the user's: it is left alone, and they are told what to add.
    const gitignore = join(target, '.gitignore');
    const ownIgnore = await readFile(gitignore, 'utf8').then(
      (text) => text,
      () => undefined,
    );
    if (ownIgnore === undefined) {
      await writeFile(gitignore, GITIGNORE, { flag: 'wx' });
      files.push('.gitignore');
      files.sort();
    }
    const excludedIn = await keepOutOfToolClone(target);

    const shown = displayPath(target) || '.';
    io.out(`Created a starter in ${shown}:`);
    for (const f of files) io.out(`  ${join(shown, f)}`);
    if (ownIgnore !== undefined && !/^\/?out\/?\s*$/m.test(ownIgnore))
      io.out(`Add the line "out/" to ${join(shown, '.gitignore')} so that made reports are not committed.`);
    if (excludedIn)
      io.out(
        `${shown} is inside impact-report's own clone, so it was added to ${displayPath(excludedIn)}: your data cannot be committed to the tool by accident. Move it out when it becomes your reports' own repository.`,
      );
    const run = await commandHere(io.env, target);
    io.out('');
    io.out('Next:');
    if (shown !== '.') io.out(`  cd ${shown}`);
    const width = `${run} --grant example-2025`.length + 2;
    io.out(`  ${`${run} validate`.padEnd(width)} # check the configuration and the sample CSVs`);
    io.out(`  ${`${run} --grant example-2025`.padEnd(width)} # make out/example-2025_2025.pdf`);
    io.out('Then replace data/*.csv with your own exports and edit impact-report.yaml.');
    io.out(
      'Every quarter on GitHub: make this folder a repository of its own and push it; .github/workflows/impact-report.yml makes the reports (see its comments).',
    );
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io);
  }
}
