/**
 * A large outcomes export read in two parts at once, so that both cores parse (csv-parse stays
 * the parser): this thread reads the first part while a worker thread reads the second.
 * Optimistic: the parts are used only when neither has any problem and no episode id of the
 * second may repeat one of the first. Otherwise the file is read again, whole, on this thread,
 * so a file with problems gets exactly the messages the whole-file reader gives, with their
 * lines, and nothing has to be merged but what a valid file needs.
 *
 * - The file is cut at a line end. A cut inside a quoted value that spans lines leaves the
 *   first part ending inside the quotes: a problem, so the file is read whole.
 * - Episode ids are not held in a table: each part keeps a 53-bit key per id (two hashes) and
 *   sorts them. Two alike keys, in a part or across the two, have the file read whole again:
 *   an id used twice always gives them (and the whole read reports it, with its first line);
 *   two different ids give them about once in ten thousand files of a million episodes, and
 *   then only cost the second read.
 * - Family ids are compared as strings: the count of families is exact.
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parse } from 'csv-parse/sync';
import type { ProfileColumn } from '../domain.js';
import { ProblemList } from '../errors.js';
import type { MeasureDefinition } from '../measures/definition.js';
import { shareKey } from '../string-set.js';
import type { Keep, StorePart } from './episode-store.js';
import { type InputOptions, type Outcomes, readOutcomes } from './outcomes.js';
import type { CsvSlice } from './read-csv.js';

/** What the worker is given (structured clone). */
export interface PartJob {
  file: string;
  options: InputOptions;
  measures: readonly MeasureDefinition[];
  profile: readonly ProfileColumn[];
  keep: Keep;
  slice: CsvSlice;
}

/** What the worker sends back: nothing but "not usable" when its part had any problem. */
export type PartResult =
  | { ok: false }
  | {
      ok: true;
      /** Its episode ids' keys, in order, none alike. */
      ids: Float64Array;
      store: StorePart;
      rows: number;
    };

/**
 * The share of the file this thread reads: a little less than half, since it also hashes the
 * whole file (a tenth of a second for a million episodes) while the worker, which starts a
 * sixth of a second later (a thread and the reader's modules to load), finishes its part.
 */
const FIRST_SHARE = 0.47;

/**
 * Whether a file of `bytes` is read in parts: with two cores or more, from 8 MiB (about 80,000
 * episodes), below which starting a worker costs more than it saves. IMPACT_REPORT_PARTS_FROM_BYTES
 * sets the size: the tests read small files in parts to prove the result is the whole file's.
 */
export function readInParts(bytes: number, env: NodeJS.ProcessEnv = process.env): boolean {
  const from = Number(env.IMPACT_REPORT_PARTS_FROM_BYTES ?? 8 * 1024 * 1024);
  return availableParallelism() >= 2 && Number.isFinite(from) && bytes >= from;
}

/** readOutcomes, in two parts when the file is large enough (readInParts) and the parts are usable. */
export async function readOutcomesInParts(
  file: string,
  options: InputOptions,
  measures: readonly MeasureDefinition[],
  problems: ProblemList,
  profile: readonly ProfileColumn[] = [],
  keep: Keep = 'all',
): Promise<Outcomes> {
  const whole = () => readOutcomes(file, options, measures, problems, profile, keep);
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : undefined),
    () => undefined,
  );
  if (size === undefined || !readInParts(size)) return whole();
  const cut = await headerAndCut(file, size);
  if (!cut) return whole();

  const second = startPart({
    file,
    options,
    measures,
    profile,
    keep,
    slice: { start: cut.at, header: cut.header },
  });
  const mine = new ProblemList();
  const first = await readOutcomes(file, options, measures, mine, profile, keep, {
    start: 0,
    end: cut.at,
  }).catch((error: unknown) => {
    second.stop(); // the run is ending: the worker must not hold the process
    throw error;
  });
  if (mine.count > 0 || !first.part) {
    second.stop();
    return whole();
  }
  // While the worker finishes: this part's ids in order, and the whole file's hash.
  const ids = first.part.ids.sorted();
  if (!ids) {
    second.stop();
    return whole();
  }
  const sha256 = await sha256Of(file);
  const later = await second.result;
  if (!later.ok || sha256 === undefined || shareKey(ids, later.ids)) return whole();

  const { store } = first.part;
  store.absorb(later.store);
  problems.setRows(file, first.part.rows + later.rows);
  return {
    ...first,
    episodes: store.episodes,
    columns: () => store.columns(),
    summary: store.summary(),
    sha256,
    parts: 2,
    part: undefined,
  };
}

/**
 * The header's cells and where the second part starts (just after a line end past the first
 * part's share); undefined when the file is better read whole: a header with quotes, or no
 * line end to cut at.
 */
async function headerAndCut(
  file: string,
  size: number,
): Promise<{ header: string[]; at: number } | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 1 << 16));
    await handle.read(head, 0, head.length, 0);
    const end = head.indexOf(10);
    if (end < 0) return undefined;
    const line = head.subarray(0, end + 1);
    if (line.includes(34)) return undefined;
    const [cells] = parse(line, { bom: true, trim: true, relax_column_count: true }) as string[][];
    if (!cells) return undefined;
    const from = Math.floor(size * FIRST_SHARE);
    if (from <= end) return undefined;
    const window = Buffer.alloc(Math.min(1 << 16, size - from));
    const { bytesRead } = await handle.read(window, 0, window.length, from);
    const at = window.subarray(0, bytesRead).indexOf(10);
    if (at < 0 || from + at + 1 >= size) return undefined;
    return { header: cells.map((c) => c.trim()), at: from + at + 1 };
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * The file's SHA-256; undefined when it cannot be read. Read into one reused buffer: twice as
 * quick as a stream's new buffer for each megabyte.
 */
async function sha256Of(file: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(4 << 20);
  try {
    const handle = await open(file, 'r');
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

/** Starts reading a part on a worker thread; a worker that fails or is stopped is a part not usable. */
function startPart(job: PartJob): { result: Promise<PartResult>; stop: () => void } {
  const worker = new Worker(new URL('./outcomes-worker.js', import.meta.url), { workerData: job });
  const result = new Promise<PartResult>((resolve) => {
    let message: PartResult = { ok: false };
    worker.once('message', (m: PartResult) => {
      message = m;
    });
    worker.once('error', () => resolve({ ok: false }));
    worker.once('exit', () => resolve(message));
  });
  return { result, stop: () => void worker.terminate() };
}
