import { lstat, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ExitCode, ReportError } from '../errors.js';
import { fsReason, makeFolders, temporaryFor } from './folder.js';

export type Format = 'pdf' | 'html' | 'json' | 'csv';
export const FORMATS: readonly Format[] = ['pdf', 'html', 'json', 'csv'];

/** report.md: `<grant-id>_<period-label>.<ext>`, the name of a report's file in --out. */
export const outputName = (grantId: string, periodLabel: string, format: Format) =>
  `${grantId}_${periodLabel}.${format}`;

/** report.md: `<out>/<grant-id>_<period-label>.<ext>`. */
export const outputPath = (outDir: string, grantId: string, periodLabel: string, format: Format) =>
  join(outDir, outputName(grantId, periodLabel, format));

function writeError(path: string, error: unknown): ReportError {
  return new ReportError(
    `${path} could not be written (${fsReason(error)}).`,
    ExitCode.reportFailed,
    'Check that the output folder (--out) can be written to and the disk has space. No file there was left half-written.',
  );
}

/** The bytes, flushed to disk under a temporary name beside `path`; returns that name. */
async function writeTemporary(path: string, data: string | Uint8Array): Promise<string> {
  const temporary = temporaryFor(path);
  try {
    await makeFolders(dirname(path));
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temporary;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw writeError(path, error);
  }
}

/**
 * Writes a file whole or not at all (report.md): the bytes go to a temporary name beside it,
 * are flushed to disk, then renamed over the old file in one step; an earlier report is
 * replaced only by a complete new one, and a failure leaves it, and no temporary file, behind.
 */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeFilesAtomic([[path, data]]);
}

/**
 * Writes a report's files (PDF, HTML, JSON, CSV) together: every one is written to a temporary name
 * first, and only when all are complete are they renamed into place, so a failure while
 * writing replaces none of the earlier files.
 */
export async function writeFilesAtomic(
  files: readonly (readonly [string, string | Uint8Array])[],
): Promise<void> {
  const written: [string, string][] = [];
  try {
    for (const [path, data] of files) written.push([await writeTemporary(path, data), path]);
    // A folder in the way of one file would fail its rename after the others had replaced
    // theirs: find it before anything is renamed.
    for (const [, path] of written) {
      const existing = await lstat(path).catch(() => undefined);
      if (existing?.isDirectory())
        throw writeError(path, Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
    }
    for (const [index, [temporary, path]] of written.entries()) {
      try {
        await rename(temporary, path);
      } catch (error) {
        written.splice(0, index); // renamed already: nothing to clean up for those
        throw writeError(path, error);
      }
    }
  } catch (error) {
    await Promise.all(written.map(([temporary]) => rm(temporary, { force: true }).catch(() => undefined)));
    throw error;
  }
}
