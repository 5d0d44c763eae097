import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Running (a zombie waiting for this sandbox's init to reap it has already exited). */
export const alive = (pid: number): boolean => {
  const state = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return state !== '' && !state.startsWith('Z');
};

/** The processes `pid` started, with their command names; none once it has ended. */
export const childrenOf = (pid: number): { pid: number; comm: string }[] =>
  spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([p]) => p)
    .map(([p, comm]) => ({ pid: Number(p), comm: comm ?? '' }));

/** A process and all its descendants. */
export const treeOf = (pid: number): number[] => [pid, ...childrenOf(pid).flatMap((c) => treeOf(c.pid))];

/** The command line `pid` was started with, one argument an entry; none once it has ended. */
export const argvOf = (pid: number): string[] => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
};
