import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ExitCode, ReportError } from '../errors.js';

export type Format = 'pdf' | 'html' | 'json';
export const FORMATS: readonly Format[] = ['pdf', 'html', 'json'];

/** report.md: `<out>/<grant-id>_<period-label>.<ext>`. */
export const outputPath = (outDir: string, grantId: string, periodLabel: string, format: Format) =>
  join(outDir, `${grantId}_${periodLabel}.${format}`);

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'a folder of that name is in the way',
  ENOTDIR: 'a file is in the way of the folder',
  EEXIST: 'a file is in the way of the folder',
};

/**
 * Writes a file whole or not at all (report.md): the bytes go to a temporary name beside it,
 * are flushed to disk, then renamed over the old file in one step; an earlier report is
 * replaced only by a complete new one, and a failure leaves it, and no temporary file, behind.
 */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ReportError(
      `${path} could not be written (${REASONS[code] ?? (error instanceof Error ? error.message : String(error))}).`,
      ExitCode.reportFailed,
      'Check that the output folder (--out) can be written to and the disk has space. Any earlier report there is unchanged.',
    );
  }
}
