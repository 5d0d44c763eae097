import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import {
  makeFolders,
  prepareOutputFolder,
  releaseOutputFolder,
  removeStaleTemporaries,
  temporaryFor,
} from '../../src/output/folder.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'impact-folder-'));

/** A process id that was in use a moment ago and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

async function refusal(promise: Promise<unknown>): Promise<ReportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReportError);
  expect((error as ReportError).exitCode).toBe(2);
  return error as ReportError;
}

describe('makeFolders', () => {
  it('makes the missing folders one level at a time and says which it made', async () => {
    const dir = fresh();
    const made = await makeFolders(join(dir, 'a', 'b', 'c'));
    expect(made).toEqual([join(dir, 'a'), join(dir, 'a', 'b'), join(dir, 'a', 'b', 'c')]);
    expect(await makeFolders(join(dir, 'a', 'b', 'c'))).toEqual([]);
  });

  it('fails at once inside /proc, where recursive mkdir spins for ever', async () => {
    const started = performance.now();
    await expect(makeFolders('/proc/impact-report-test/out')).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('fails where a file is in the way', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'file'), 'x');
    await expect(makeFolders(join(dir, 'file', 'out'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('prepareOutputFolder (before any work)', () => {
  it('makes a missing --out and leaves nothing else in it', async () => {
    const out = join(fresh(), 'reports', '2025');
    const folder = await prepareOutputFolder(out, ['g_2024.pdf']);
    expect(readdirSync(out)).toEqual([]);
    expect(folder.created).toHaveLength(2);
  });

  it('refuses --out naming an existing file (exit 2), leaving the file as it was', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'report.pdf'), 'mine');
    const error = await refusal(prepareOutputFolder(join(dir, 'report.pdf'), ['g_2024.pdf']));
    expect(error.message).toContain('is a file, not a folder');
  });

  it('refuses a folder inside /proc quickly, whether it exists or not', async () => {
    for (const out of ['/proc/impact-report-test/out', '/proc/self']) {
      const started = performance.now();
      const error = await refusal(prepareOutputFolder(out, ['g_2024.pdf']));
      expect(error.message).toMatch(/cannot be (made|written to)/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('refuses a folder under a file', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'file'), 'x');
    await refusal(prepareOutputFolder(join(dir, 'file', 'out'), ['g_2024.pdf']));
  });

  it('refuses a file name that would leave --out or is too long for the disk', async () => {
    const out = fresh();
    for (const name of ['../g_2024.pdf', 'a/b.pdf', '/etc/g.pdf', '..', `${'g'.repeat(260)}_2024.pdf`])
      await refusal(prepareOutputFolder(out, [name]));
    expect(readdirSync(out)).toEqual([]);
  });

  it('clears temporary files left by a run that was killed, keeping those of a run still writing', async () => {
    const out = fresh();
    const dead = deadPid();
    const killed = join(out, `.g_2024.pdf.${basename(temporaryFor('x')).split('.')[2]}.${dead}.0badc0de.tmp`);
    const olderFormat = join(out, `.g_2024.json.${dead}.0badc0de.tmp`);
    const live = temporaryFor(join(out, 'g_2024.html')); // this very process: still writing
    const notOurs = join(out, '.notes.txt.1.0badc0de.tmp');
    // The file a run tries the folder with, as a run killed at that moment leaves it.
    const probe = join(out, `..probe.${basename(temporaryFor('x')).split('.')[2]}.${dead}.0badc0de.tmp`);
    for (const f of [killed, olderFormat, live, notOurs, probe]) writeFileSync(f, 'partial');
    await prepareOutputFolder(out, ['g_2024.pdf']);
    expect(existsSync(probe)).toBe(false);
    expect(existsSync(killed)).toBe(false);
    expect(existsSync(olderFormat)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(notOurs)).toBe(true);
  });

  it('clears a temporary file older than a day whatever its process', async () => {
    const out = fresh();
    const old = join(out, `.g_2024.pdf.0000aaaa.${process.pid}.0badc0de.tmp`);
    writeFileSync(old, 'partial');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    expect(await removeStaleTemporaries(out)).toBe(1);
  });
});

describe('releaseOutputFolder', () => {
  it('removes the folders a run made when it wrote nothing, but never one holding a file', async () => {
    const base = fresh();
    const empty = await prepareOutputFolder(join(base, 'a', 'b'), ['g_2024.pdf']);
    await releaseOutputFolder(empty);
    expect(readdirSync(base)).toEqual([]);

    const used = await prepareOutputFolder(join(base, 'c', 'd'), ['g_2024.pdf']);
    mkdirSync(join(base, 'c', 'd', 'kept'));
    await releaseOutputFolder(used);
    expect(readdirSync(join(base, 'c', 'd'))).toEqual(['kept']);
  });
});
