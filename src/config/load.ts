import { readFile, stat } from 'node:fs/promises';
import type { Config } from '../domain.js';
import { ExitCode, ReportError } from '../errors.js';
import { parseConfig } from './validate.js';

/** Reads and validates the configuration file; also returns its bytes for provenance. */
export async function loadConfig(path: string): Promise<{ config: Config; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    // Only a regular file is read: a pipe or a device could keep the read waiting for ever.
    const s = await stat(path);
    if (!s.isFile() && !s.isDirectory())
      throw new ReportError(
        `The configuration file ${path} is not a regular file.`,
        ExitCode.usage,
        'Save the configuration as an ordinary file and pass its path with --config <file>.',
      );
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof ReportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    throw new ReportError(
      missing
        ? `The configuration file ${path} was not found.`
        : code === 'EISDIR'
          ? `The configuration file ${path} is a folder, not a file.`
          : `The configuration file ${path} could not be read (${code === 'EACCES' ? 'permission denied' : (code ?? 'unknown error')}).`,
      ExitCode.usage,
      missing || code === 'EISDIR'
        ? 'Run impact-report in the folder that holds impact-report.yaml, pass --config <file>, or create a starter with `impact-report init`.'
        : undefined,
    );
  }
  return { config: parseConfig(configText(bytes), path), bytes };
}

/** The configuration file's text, without a byte-order mark. */
export const configText = (bytes: Buffer) => bytes.toString('utf8').replace(/^\uFEFF/, '');
