import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rmdir, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { displayPath, usageError } from '../errors.js';

/** Why a file-system call failed, in words (the error code where there are none). */
export const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is larger than this system allows',
  EISDIR: 'a folder of that name is in the way',
  ENOTDIR: 'a file is in the way of the folder',
  EEXIST: 'a file is in the way of the folder',
  ENOENT: 'that place does not accept new files or folders',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'the disk could not be read or written',
};

export const fsReason = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return FS_REASONS[code] ?? (error instanceof Error ? error.message : String(error));
};

const fail = (code: string, path: string) =>
  Object.assign(new Error(`${code}: ${path}`), { code }) as NodeJS.ErrnoException;

/**
 * `mkdir -p` one level at a time, returning the folders it made (outermost first). Node's own
 * recursive mkdir retries for ever where the kernel answers ENOENT to every attempt (inside
 * /proc), spinning a CPU; here every level is tried once, so a refusal is an error at once.
 */
export async function makeFolders(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      if (!(await stat(at)).isDirectory()) throw fail('ENOTDIR', at);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(at);
      const parent = dirname(at);
      if (parent === at) throw error;
      at = parent;
    }
  }
  const made: string[] = [];
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
      made.push(folder);
    } catch (error) {
      // Another run made it a moment ago: fine, as long as it is a folder.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(folder)).isDirectory()) continue;
      throw error;
    }
  }
  return made;
}

/** This machine, in temporary names: a process id means something only on the machine that ran it. */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/**
 * The temporary name a report file is written under before it is renamed into place:
 * `.<name>.<host>.<pid>.<random>.tmp`, beside it, so the rename stays on one disk and a later
 * run can tell a temporary file left by a killed run (its process is gone) from one being
 * written right now by another run.
 */
export const temporaryFor = (path: string) =>
  join(dirname(path), `.${basename(path)}.${HOST}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

/**
 * Ours, and nothing else's: `.name.ext.host.pid.random.tmp` (older runs wrote no host), and the
 * folder's write test, `..probe.host.pid.random.tmp`, which has nothing before its extension.
 */
const TEMPORARY = /^\..*\.(?:pdf|html|json|csv|probe)\.(?:([0-9a-f]{8})\.)?(\d+)\.[0-9a-f]{8}\.tmp$/;
/** Longer than any run may take (--timeout is at most an hour a report): left by a dead run. */
const STALE_AFTER_MS = 24 * 3600 * 1000;

function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes the temporary files that runs killed while writing (SIGKILL, a power cut) left in
 * `dir`: those of a process of this machine that is no longer running, and any older than a
 * day. Another run writing there at the same moment keeps its own. Returns how many went.
 */
export async function removeStaleTemporaries(dir: string, now = Date.now()): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    try {
      const info = await lstat(path);
      if (!info.isFile()) continue;
      const ours = match[1] === undefined || match[1] === HOST;
      if ((ours && !running(Number(match[2]))) || now - info.mtimeMs > STALE_AFTER_MS) {
        await unlink(path);
        removed++;
      }
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
  return removed;
}

export interface OutputFolder {
  path: string;
  /** Folders this run made, outermost first: removed again if the run writes nothing. */
  created: string[];
}

const OUT_HINT =
  'Give --out a folder that can be written to (it is made if it does not exist), e.g. --out reports. Nothing was written.';

/** Longest file name most file systems accept, in bytes. */
const MAX_NAME_BYTES = 255;

/**
 * The checks report.md's output needs, made before any work: every file name is a plain name
 * that stays inside `--out`, `--out` is a folder (made if missing) that accepts a new file,
 * and temporary files left there by killed runs are cleared. Problems are usage errors (exit 2).
 */
export async function prepareOutputFolder(out: string, fileNames: readonly string[]): Promise<OutputFolder> {
  const shown = displayPath(out);
  const root = resolve(out);
  for (const name of fileNames) {
    const inside = dirname(resolve(root, name)) === root && basename(name) === name;
    if (!inside || name.startsWith('.') || name.includes('\0'))
      throw usageError(`The report's file name ${JSON.stringify(name)} would not be a plain file in --out.`);
    if (Buffer.byteLength(`.${name}.${HOST}.${process.pid}.00000000.tmp`) > MAX_NAME_BYTES)
      throw usageError(
        `The report's file name ${JSON.stringify(name)} is too long for the disk.`,
        'Use a shorter grant id in the configuration (it is part of the file name).',
      );
  }
  let info: Awaited<ReturnType<typeof stat>> | undefined;
  try {
    info = await stat(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw usageError(`The output folder ${shown} cannot be used (${fsReason(error)}).`, OUT_HINT);
  }
  if (info && !info.isDirectory())
    throw usageError(
      `--out ${shown} is a file, not a folder, so no report can be written into it.`,
      OUT_HINT,
    );
  let created: string[];
  try {
    created = await makeFolders(root);
  } catch (error) {
    throw usageError(`The output folder ${shown} cannot be made (${fsReason(error)}).`, OUT_HINT);
  }
  const folder = { path: root, created };
  // Writable at all? A folder can exist and still refuse new files (/proc/self, a read-only disk).
  const probe = temporaryFor(join(root, '.probe'));
  try {
    await (await open(probe, 'wx')).close();
    await unlink(probe);
  } catch (error) {
    await unlink(probe).catch(() => undefined);
    await releaseOutputFolder(folder);
    throw usageError(`The output folder ${shown} cannot be written to (${fsReason(error)}).`, OUT_HINT);
  }
  await removeStaleTemporaries(root);
  return folder;
}

/** Removes the folders `prepareOutputFolder` made, innermost first, where they are still empty. */
export async function releaseOutputFolder(folder: OutputFolder): Promise<void> {
  for (const dir of [...folder.created].reverse()) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty (or gone): leave it and its parents
    }
  }
}
