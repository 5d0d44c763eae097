import { cp, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { displayPath, ExitCode, ReportError } from '../errors.js';
import type { Io } from '../main.js';
import { reportError } from '../main.js';
import { fsReason, makeFolders } from '../output/folder.js';
import { PROJECT_ROOT, TEMPLATES_DIR } from '../paths.js';

const STARTER = join(TEMPLATES_DIR, 'starter');

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
    // One level at a time: Node's recursive mkdir spins for ever where the kernel refuses (/proc).
    try {
      await makeFolders(target);
      await cp(STARTER, target, { recursive: true, errorOnExist: true, force: false });
      await cp(schema, join(target, 'impact-report.schema.json'), { errorOnExist: true, force: false });
    } catch (error) {
      throw new ReportError(
        `The starter could not be written to ${displayPath(target)} (${fsReason(error)}).`,
        ExitCode.usage,
        'Choose a folder you can write to: impact-report init my-reports',
      );
    }
    const shown = displayPath(target) || '.';
    io.out(`Created a starter in ${shown}:`);
    for (const f of files) io.out(`  ${join(shown, f)}`);
    io.out('');
    io.out('Next:');
    if (shown !== '.') io.out(`  cd ${shown}`);
    io.out('  impact-report validate                 # check the configuration and the sample CSVs');
    io.out('  impact-report --grant example-2025     # make out/example-2025_2025.pdf');
    io.out('Then replace data/*.csv with your own exports and edit impact-report.yaml.');
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io);
  }
}
