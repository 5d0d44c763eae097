import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type Format = 'pdf' | 'html' | 'json';
export const FORMATS: readonly Format[] = ['pdf', 'html', 'json'];

/** report.md: `<out>/<grant-id>_<period-label>.<ext>`. */
export const outputPath = (outDir: string, grantId: string, periodLabel: string, format: Format) =>
  join(outDir, `${grantId}_${periodLabel}.${format}`);

/** Writes a file whole or not at all: a temporary name beside it, then rename. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
