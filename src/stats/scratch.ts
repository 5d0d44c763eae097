/**
 * Working memory the statistics use and then drop (a measure's scores, the marks of a pass, a
 * copy to find a median in), kept from one use to the next. Memory a process has not touched
 * before costs a page fault a page, about 12 µs on the benchmark's machine: made afresh for
 * each use, the working memory of a million-episode report's statistics cost some 5,000 faults,
 * a tenth of a second of a run's last stretch, which one core does alone (docs/benchmarks.md).
 *
 * Each place that uses it has a name of its own, so that no two share memory in use at once;
 * nothing handed out may be kept or returned. The statistics run on one thread, start to end,
 * so a name is never in use twice at once.
 */

const floats = new Map<string, Float64Array>();
const bytes = new Map<string, Uint8Array>();

/** Room for at least `length` items, half as much again as asked for when it must grow. */
function room<T extends Float64Array | Uint8Array>(
  kept: Map<string, T>,
  name: string,
  length: number,
  make: (length: number) => T,
): T {
  let memory = kept.get(name);
  if (!memory || memory.length < length) {
    memory = make(Math.max(length, Math.floor(1.5 * (memory?.length ?? 0))));
    kept.set(name, memory);
  }
  return memory;
}

/** `length` numbers of working memory for `name`, holding whatever its last use left there. */
export const scratchFloats = (name: string, length: number): Float64Array =>
  room(floats, name, length, (n) => new Float64Array(n)).subarray(0, length);

/** `length` bytes of working memory for `name`, every one 0. */
export function scratchZeros(name: string, length: number): Uint8Array {
  const memory = room(bytes, name, length, (n) => new Uint8Array(n)).subarray(0, length);
  memory.fill(0);
  return memory;
}
