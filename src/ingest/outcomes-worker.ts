/**
 * A worker thread reading the second part of an outcomes export (ingest/parts.ts). It sends
 * back whether the part had any problem and, when it had none, what the first part's reader
 * takes in: its episode ids' keys and its store, the columns moved, not copied. Then, when the
 * job asks for them and the part is usable, the referrals file read (or null if it had any
 * problem: it is then read again on the other thread, which reports them) and the whole file's
 * SHA-256.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ProblemList } from '../errors.js';
import { sha256Of } from './file-hash.js';
import { readOutcomes } from './outcomes.js';
import type { HashResult, PartJob, PartResult, ReferralsResult } from './parts.js';

const job = workerData as PartJob;
const problems = new ProblemList();
const read = await readOutcomes(
  job.file,
  job.options,
  job.measures,
  problems,
  job.profile,
  job.keep,
  job.slice,
  job.allFamilies,
).catch(() => undefined);
let result: PartResult = { ok: false };
const transfer: ArrayBuffer[] = [];
if (read?.part && problems.count === 0) {
  const { store, rows } = read.part;
  const ids = read.part.ids.sorted();
  const part = store.part();
  for (const c of part.chunks)
    for (const column of [
      c.referral,
      c.start,
      c.end,
      c.sessions,
      c.endReason,
      c.service,
      c.family,
      c.area,
      c.source,
      c.funding,
      ...c.scores,
      ...c.profile,
    ])
      transfer.push(column.buffer as ArrayBuffer);
  transfer.push(part.families.chars.buffer as ArrayBuffer, part.families.starts.buffer as ArrayBuffer);
  if (ids) {
    transfer.push(ids.buffer as ArrayBuffer);
    result = { ok: true, ids, store: part, rows };
  }
}
parentPort?.postMessage(result, transfer);
if (result.ok && job.referrals !== undefined) {
  const { readReferrals } = await import('./referrals.js');
  const mine = new ProblemList();
  const read = await readReferrals(job.referrals, job.options, mine).catch(() => undefined);
  parentPort?.postMessage({
    referralsRead: read && mine.count === 0 ? read : null,
  } satisfies ReferralsResult);
}
if (result.ok && job.hash) parentPort?.postMessage({ sha256: await sha256Of(job.file) } satisfies HashResult);
