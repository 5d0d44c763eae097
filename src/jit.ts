/**
 * V8's optimising compiler (TurboFan), held back at the start of a PDF run. One report runs
 * most of its code (the statistics, the charts, the PDF's post-pass) a few times only, and
 * compiling it again, optimised, on the second core costs more than it saves while the
 * browser is starting there: holding the compiler back until the first PDF is made takes
 * 0.1–0.3 s off a cold report (docs/benchmarks.md). Code run for every row of a large export
 * is another matter (four times slower without it), so a large export is read with it, and a
 * batch has it from its second report on.
 *
 * `v8.setFlagsFromString` after start-up is allowed by Node for flags like this one, which
 * only decides whether hot functions are compiled again; every result is the same either way.
 */
import { setFlagsFromString } from 'node:v8';

/** An outcomes export from this size (about 5,000 episodes) is read with the optimising compiler. */
export const OPTIMISE_READING_FROM_BYTES = 512 * 1024;

let held = false;

/** Holds the optimising compiler back; `releaseOptimisingCompiler` lets it work again. */
export function holdOptimisingCompiler(): void {
  if (held) return;
  setFlagsFromString('--no-turbofan');
  held = true;
}

/**
 * V8's default interrupt budget (how much a function runs between its checks for being hot),
 * four times over: what a batch's reports run from the second on. Only the code each report
 * runs longest is then compiled again, optimised; the rest, run a few times a report, is not
 * worth compiling on the second core while the browser prints there. A batch of five took 0.1 s
 * less, half the compiling thread's time, a batch of twenty the same (docs/benchmarks.md).
 */
const BATCH_INTERRUPT_BUDGET = 4 * 67_584;

/**
 * Lets the optimising compiler work again, if it was held back; safe to call any number of
 * times. `batch`: for a batch's later reports (BATCH_INTERRUPT_BUDGET), not a large export.
 */
export function releaseOptimisingCompiler({ batch = false } = {}): void {
  if (!held) return;
  if (batch) setFlagsFromString(`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`);
  setFlagsFromString('--turbofan');
  held = false;
}

/** Whether the optimising compiler is held back now. */
export const optimisingCompilerHeld = (): boolean => held;
