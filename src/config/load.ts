import type { Config } from '../domain.js';
import { ExitCode, ReportError } from '../errors.js';
import { readRegularFile, sizeInWords } from '../files.js';
import { parseConfig } from './validate.js';

/**
 * A configuration is a few kilobytes, narratives included; a file far larger is not one (and
 * reading it whole, or parsing it, would be unbounded work).
 */
export const MAX_CONFIG_BYTES = 1_000_000;

const START_HINT =
  'Run impact-report in the folder that holds impact-report.yaml, pass --config <file>, or create a starter with `impact-report init`.';

/** Reads and validates the configuration file; also returns its bytes for provenance. */
export async function loadConfig(path: string): Promise<{ config: Config; bytes: Buffer }> {
  const read = readRegularFile(path, MAX_CONFIG_BYTES);
  if (!read.ok) {
    const [message, hint] =
      read.kind === 'missing'
        ? [`The configuration file ${path} was not found.`, START_HINT]
        : read.kind === 'folder'
          ? [`The configuration file ${path} is a folder, not a file.`, START_HINT]
          : read.kind === 'not-a-file'
            ? [
                `The configuration file ${path} is not a regular file (it is a device, a pipe or a socket).`,
                'Pass --config the path of impact-report.yaml itself.',
              ]
            : read.kind === 'too-large'
              ? [
                  `The configuration file ${path} is ${sizeInWords(read.bytes)}; a configuration is at most ${sizeInWords(MAX_CONFIG_BYTES)}.`,
                  'Is --config pointing at the right file? impact-report.yaml holds settings, not data.',
                ]
              : [
                  `The configuration file ${path} could not be read (${read.code === 'EACCES' ? 'permission denied' : read.code || 'unknown error'}).`,
                  undefined,
                ];
    throw new ReportError(message, ExitCode.usage, hint);
  }
  const bytes = read.bytes;
  return { config: parseConfig(configText(bytes), path), bytes };
}

/** The configuration file's text, without a byte-order mark. */
export const configText = (bytes: Buffer) => bytes.toString('utf8').replace(/^\uFEFF/, '');
