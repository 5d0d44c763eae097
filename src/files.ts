import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';

/** Why a file named by the configuration could not be read. */
export type Unreadable =
  | { kind: 'missing' }
  | { kind: 'folder' }
  | { kind: 'not-a-file' }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'unreadable'; code: string };

export type ReadResult = { ok: true; bytes: Buffer; realPath: string } | ({ ok: false } & Unreadable);

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? '';

/**
 * Reads a file the configuration names, within bounds: symlinks are followed to the real file,
 * which must be a regular file of at most `maxBytes`. A FIFO, a device (/dev/zero), a socket or
 * a folder is refused without reading a byte: the file is opened without waiting for a writer
 * (O_NONBLOCK) and checked on the open handle, so what is checked is what is read. Synchronous:
 * these files are small, and the HTML stage reads logos synchronously.
 */
export function readRegularFile(path: string, maxBytes: number): ReadResult {
  let realPath: string;
  try {
    realPath = realpathSync(path);
  } catch (error) {
    const code = codeOf(error);
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP'
      ? { ok: false, kind: 'missing' }
      : { ok: false, kind: 'unreadable', code };
  }
  let fd: number;
  try {
    fd = openSync(realPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT') return { ok: false, kind: 'missing' };
    if (code === 'ENXIO') return { ok: false, kind: 'not-a-file' }; // a socket
    return { ok: false, kind: 'unreadable', code };
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) return { ok: false, kind: 'folder' };
    if (!info.isFile()) return { ok: false, kind: 'not-a-file' };
    if (info.size > maxBytes) return { ok: false, kind: 'too-large', bytes: info.size };
    // Read at most one byte past the bound, so a file growing while it is read is caught too.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return { ok: false, kind: 'too-large', bytes: length };
    return { ok: true, bytes: buffer.subarray(0, length), realPath };
  } catch (error) {
    return { ok: false, kind: 'unreadable', code: codeOf(error) };
  } finally {
    closeSync(fd);
  }
}

/** "12.3 MB", "640 KB": a size as a person reads it. */
export function sizeInWords(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1000))} KB`;
}
