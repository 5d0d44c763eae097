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
 * - The whole file's SHA-256 is made by the worker, after it has sent its part, while this
 *   thread takes the part in and makes the figures: the hash is awaited only when the
 *   provenance is written (`Outcomes.sha256`).
 * - So is the referrals file, when asked, before the hash: read there while this thread takes
 *   the part in, it is off the run's last stretch, which one core does alone. The same
 *   optimism: a referrals file with any problem is read again here, and reported from there.
 */
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parse } from 'csv-parse/sync';
import type { ProfileColumn } from '../domain.js';
import { displayPath, ExitCode, ProblemList, ReportError } from '../errors.js';
import type { MeasureDefinition } from '../measures/definition.js';
import { shareKey } from '../string-set.js';
import type { Keep, StorePart } from './episode-store.js';
import { sha256Of } from './file-hash.js';
import { type InputOptions, type Outcomes, readOutcomes } from './outcomes.js';
import type { CsvSlice } from './read-csv.js';
import type { ReferralsRead } from './referrals.js';

/** How readOutcomesInParts reads, beyond what readOutcomes is told. */
export interface PartsOptions {
  hash?: boolean;
  allFamilies?: boolean;
  referrals?: string;
}

/** What the worker is given (structured clone). */
export interface PartJob {
  file: string;
  options: InputOptions;
  measures: readonly MeasureDefinition[];
  profile: readonly ProfileColumn[];
  keep: Keep;
  /** readOutcomes' `allFamilies`. */
  allFamilies: boolean;
  slice: CsvSlice;
  /** After sending its part, the worker hashes the whole file and sends the hash (`HashResult`). */
  hash: boolean;
  /** After sending its part (and before the hash), the worker reads this referrals file (`ReferralsResult`). */
  referrals?: string;
}

/** The worker's message after its part when it was given a referrals file: null when it had any problem. */
export interface ReferralsResult {
  referralsRead: ReferralsRead | null;
}

/** The worker's second message, when it was asked to hash: undefined if the file could not be read. */
export interface HashResult {
  sha256: string | undefined;
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
 * The share of the file this thread reads: a little less than half, the share at which both
 * parts were read by the same time (measured, docs/benchmarks.md): this thread's reading
 * costs more a row than the worker's, which makes up for the sixth of a second the worker
 * takes to start.
 */
const FIRST_SHARE = 0.48;

/**
 * Whether a file of `bytes` is read in parts: with two cores or more, from 8 MiB (about 80,000
 * episodes), below which starting a worker costs more than it saves. IMPACT_REPORT_PARTS_FROM_BYTES
 * sets the size: the tests read small files in parts to prove the result is the whole file's.
 */
export function readInParts(bytes: number, env: NodeJS.ProcessEnv = process.env): boolean {
  const from = Number(env.IMPACT_REPORT_PARTS_FROM_BYTES ?? 8 * 1024 * 1024);
  return availableParallelism() >= 2 && Number.isFinite(from) && bytes >= from;
}

/**
 * readOutcomes, in two parts when the file is large enough (readInParts) and the parts are
 * usable. `hash`: false when nobody will read `sha256` (`validate`, `list`): the worker then
 * stops as soon as its part is sent, and a file read in parts has '' for its hash.
 * `allFamilies`: readOutcomes'. `referrals`: a referrals file for the worker to read once its
 * part is sent (`Outcomes.referralsRead`).
 */
export async function readOutcomesInParts(
  file: string,
  options: InputOptions,
  measures: readonly MeasureDefinition[],
  problems: ProblemList,
  profile: readonly ProfileColumn[] = [],
  keep: Keep = 'all',
  { hash = true, allFamilies = true, referrals }: PartsOptions = {},
): Promise<Outcomes> {
  const whole = () => readOutcomes(file, options, measures, problems, profile, keep, undefined, allFamilies);
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
    allFamilies,
    slice: { start: cut.at, header: cut.header },
    hash,
    referrals,
  });
  const mine = new ProblemList();
  const first = await readOutcomes(
    file,
    options,
    measures,
    mine,
    profile,
    keep,
    { start: 0, end: cut.at },
    allFamilies,
  ).catch((error: unknown) => {
    second.stop(); // the run is ending: the worker must not hold the process
    throw error;
  });
  if (mine.count > 0 || !first.part) {
    second.stop();
    return whole();
  }
  // While the worker finishes: this part's ids in order.
  const ids = first.part.ids.sorted();
  if (!ids) {
    second.stop();
    return whole();
  }
  const later = await second.result;
  if (!later.ok || shareKey(ids, later.ids)) {
    second.stop();
    return whole();
  }

  const sha256 = hash ? second.sha256.then((made) => made ?? rehash(file)) : Promise.resolve('');
  // Awaited where the provenance is written; a run that ends before then must not crash on it.
  sha256.catch(() => undefined);
  const { store } = first.part;
  store.absorb(later.store);
  problems.setRows(file, first.part.rows + later.rows);
  return {
    // Made only if asked for (EpisodeStore.episodes): not read from `first` by spreading it.
    get episodes() {
      return store.episodes;
    },
    measures: first.measures,
    hasEndReason: first.hasEndReason,
    missingProfile: first.missingProfile,
    columns: () => store.columns(),
    summary: store.summary(),
    sha256,
    parts: 2,
    part: undefined,
    referralsRead: referrals === undefined ? undefined : second.referrals,
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
 * The hash made on this thread when the worker could not make it (it ended or failed first).
 * A file that was read a moment ago and cannot be read now is an error of the run.
 */
async function rehash(file: string): Promise<string> {
  const sha256 = await sha256Of(file);
  if (sha256 === undefined)
    throw new ReportError(
      `The outcomes file ${displayPath(file)} could not be read again to record its fingerprint (SHA-256).`,
      ExitCode.data,
      'Was it moved or changed while the report was being made? Run again once it is in place.',
    );
  return sha256;
}

/**
 * Starts reading a part on a worker thread: `result` is its part (a worker that fails or is
 * stopped first is a part not usable), then `sha256` the whole file's hash when the job asks
 * for it (undefined when the worker could not make it).
 */
function startPart(job: PartJob): {
  result: Promise<PartResult>;
  sha256: Promise<string | undefined>;
  referrals: Promise<ReferralsRead | undefined>;
  stop: () => void;
} {
  const worker = new Worker(new URL('./outcomes-worker.js', import.meta.url), { workerData: job });
  const result = settleable<PartResult>();
  const sha256 = settleable<string | undefined>();
  const referrals = settleable<ReferralsRead | undefined>();
  worker.on('message', (m: PartResult | HashResult | ReferralsResult) => {
    if ('sha256' in m) sha256.settle(m.sha256);
    else if ('referralsRead' in m) referrals.settle(m.referralsRead ?? undefined);
    else result.settle(m);
  });
  // Whatever has not come when the worker ends or fails will not come (a second settle is ignored).
  const ended = () => {
    result.settle({ ok: false });
    sha256.settle(undefined);
    referrals.settle(undefined);
  };
  worker.once('error', ended);
  worker.once('exit', ended);
  return {
    result: result.promise,
    sha256: sha256.promise,
    referrals: referrals.promise,
    stop: () => void worker.terminate(),
  };
}

/** A promise and the function that settles it (`Promise.withResolvers`, which Node 20 lacks). */
function settleable<T>(): { promise: Promise<T>; settle: (value: T) => void } {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}
