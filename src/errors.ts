import { isAbsolute, relative } from 'node:path';

/** Exit statuses of report.md, in one table. */
export const ExitCode = {
  ok: 0,
  reportFailed: 1,
  usage: 2,
  data: 3,
  noBrowser: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * What many problems in a file may have in common, said once before them: a statement about
 * the whole file and its fix ("the dates are written DD/MM/YYYY" → "set input.dateFormat:
 * DD/MM/YYYY"). Problems with the same key share it; it is stated only when it explains most
 * of a file's problems, on most of its rows (see `ProblemList.statedCause`).
 */
export interface Cause {
  key: string;
  statement: string;
  fix: string;
  /** The fix is a setting in the configuration, not a change to the export. */
  setting: boolean;
}

/** One problem found in an input, located for a person who will open the file and fix it. */
export interface Problem {
  file: string;
  line?: number;
  /** A CSV column, as the file's header spells it. */
  column?: string;
  /** The spreadsheet letter of that column (A, B, …, AA), so it can be found in Excel. */
  columnLetter?: string;
  /** A configuration setting, as its key path (`grants.powerhouse-2024.measures.1`). */
  setting?: string;
  /** The offending value; omitted where echoing it would leak personal data. */
  value?: string;
  message: string;
  /** Personal data (data.md §5): the value is never kept, whatever the caller passed. */
  personal?: boolean;
  /** What this problem may share with others in its file (a date form, say). */
  cause?: Cause;
  /** Its own fix is a setting in the configuration (input.columns, ignoreColumns), not the export. */
  fixedBySetting?: boolean;
}

/** A file's stated cause and how many of its problems it explains. */
export interface StatedCause {
  cause: Cause;
  count: number;
}

/**
 * The one error class library code throws. It carries the exit code and, where
 * useful, a hint that tells a non-developer what to do next.
 */
export class ReportError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
    readonly problems: readonly Problem[] = [],
    /** Problems found beyond those kept in `problems`. */
    readonly omitted = 0,
    /** How many problems each file had in all, kept or not (from `ProblemList`). */
    readonly totals?: ReadonlyMap<string, number>,
    /** The cause stated once for a file's problems, where one explains most of them. */
    readonly causes?: ReadonlyMap<string, StatedCause>,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

export const usageError = (message: string, hint?: string) => new ReportError(message, ExitCode.usage, hint);

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - r - 1) / 26);
  }
  return letters;
}

const MAX_SHOWN = 60;

/** A value from a file, quoted and made safe to print: control characters escaped, long values cut. */
export function quote(value: string): string {
  const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  // JSON.stringify escapes quotes, tabs, newlines and other C0 control characters visibly; the
  // rest of the invisible ones (C1, zero-width, bidirectional overrides) are escaped here.
  let quoted = '';
  for (const ch of JSON.stringify(cut)) {
    const c = ch.charCodeAt(0);
    const invisible =
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x2028 && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      c === 0xfeff;
    quoted += invisible ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return quoted;
}

/** A file name as the user typed it: relative to the working folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** One problem, without its file: `line 4, column K "pirgas_pre", value "150": expected …`. */
export function formatProblem(p: Problem, withFile = false): string {
  const column = p.column !== undefined ? quote(p.column) : undefined;
  const where = [
    withFile ? displayPath(p.file) : undefined,
    p.line !== undefined ? `line ${p.line}` : undefined,
    p.columnLetter || column ? `column ${[p.columnLetter, column].filter(Boolean).join(' ')}` : undefined,
    p.setting ? `setting ${p.setting}` : undefined,
    p.value !== undefined && !p.personal ? `value ${quote(p.value)}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** "1 problem", "1,234 problems". */
export const problemsWord = (n: number) => `${n.toLocaleString('en-GB')} problem${n === 1 ? '' : 's'}`;

/**
 * The readable block printed on stderr for an error: the headline, then each file's problems
 * under its name (at most `cap` a file, then how many more), then the hint.
 */
export function formatError(error: ReportError, cap = 25): string {
  const lines = [`Error: ${error.message}`];
  const byFile = new Map<string, Problem[]>();
  for (const p of error.problems) {
    const list = byFile.get(p.file);
    if (list) list.push(p);
    else byFile.set(p.file, [p]);
  }
  let unaccounted = error.omitted;
  for (const [file, problems] of byFile) {
    const total = Math.max(error.totals?.get(file) ?? problems.length, problems.length);
    if (error.totals?.has(file)) unaccounted -= total - problems.length;
    lines.push('', `${displayPath(file)} (${problemsWord(total)}):`);
    const stated = error.causes?.get(file);
    let others = problems;
    let othersTotal = total;
    if (stated) {
      // The cause once, a few examples of it, then everything else in full.
      const { cause, count } = stated;
      const explained = problems.filter((p) => p.cause?.key === cause.key);
      others = problems.filter((p) => p.cause?.key !== cause.key);
      othersTotal = total - count;
      lines.push(
        `  ${count === total ? (total === 2 ? 'Both have' : `All ${count.toLocaleString('en-GB')} have`) : `${count.toLocaleString('en-GB')} of them have`} one cause: ${cause.statement}.`,
        `  How to fix them all at once: ${cause.fix}.`,
        '  For example:',
      );
      for (const p of explained.slice(0, CAUSE_EXAMPLES)) lines.push(`  - ${formatProblem(p)}`);
      const more = count - Math.min(CAUSE_EXAMPLES, explained.length);
      if (more > 0) lines.push(`  … and ${more.toLocaleString('en-GB')} more like these.`);
      if (othersTotal > 0) lines.push(`  The other ${problemsWord(othersTotal)}:`);
    }
    for (const p of others.slice(0, cap)) lines.push(`  - ${formatProblem(p)}`);
    const rest = othersTotal - Math.min(cap, others.length);
    if (rest > 0)
      lines.push(`  … and ${problemsWord(rest).replace('problem', 'more problem')} in this file.`);
  }
  if (unaccounted > 0)
    lines.push(`  … and ${problemsWord(unaccounted).replace('problem', 'more problem')} not shown.`);
  if (error.hint) lines.push('', error.hint);
  return lines.join('\n');
}

/** Examples printed of a stated cause. */
const CAUSE_EXAMPLES = 3;

interface CauseTally {
  cause: Cause;
  count: number;
  /** Distinct lines it was found on, and the last one (problems arrive in line order). */
  lines: number;
  lastLine?: number;
}

/** Collects problems, keeping the first `capPerFile` of each file and counting the rest. */
export class ProblemList {
  readonly kept: Problem[] = [];
  private readonly totals = new Map<string, number>();
  private readonly tallies = new Map<string, Map<string, CauseTally>>();
  private readonly rowCounts = new Map<string, number>();
  private personalCount = 0;
  private ownSettingCount = 0;
  constructor(private readonly capPerFile = 200) {}

  /** Every problem found: kept as a sum, since each row of a large file asks for it twice. */
  private total = 0;

  add(problem: Problem): void {
    this.total++;
    const n = (this.totals.get(problem.file) ?? 0) + 1;
    this.totals.set(problem.file, n);
    if (problem.personal) this.personalCount++;
    if (problem.fixedBySetting) this.ownSettingCount++;
    if (problem.cause) {
      let byKey = this.tallies.get(problem.file);
      if (!byKey) {
        byKey = new Map();
        this.tallies.set(problem.file, byKey);
      }
      let tally = byKey.get(problem.cause.key);
      if (!tally) {
        tally = { cause: problem.cause, count: 0, lines: 0 };
        byKey.set(problem.cause.key, tally);
      }
      tally.count++;
      if (problem.line === undefined || problem.line !== tally.lastLine) tally.lines++;
      tally.lastLine = problem.line;
    }
    if (n <= this.capPerFile) {
      // Personal data is never echoed: drop the value here, whatever the caller passed.
      this.kept.push(problem.personal ? { ...problem, value: undefined } : problem);
    }
  }
  /** Every problem found, kept or not. */
  get count(): number {
    return this.total;
  }
  get omitted(): number {
    return this.count - this.kept.length;
  }
  /** Problems that are personal data (data.md §5). */
  get personal(): number {
    return this.personalCount;
  }
  countIn(file: string): number {
    return this.totals.get(file) ?? 0;
  }
  /** How many data rows (beyond the header) `file` had: causes are weighed against it. */
  setRows(file: string, rows: number): void {
    this.rowCounts.set(file, rows);
  }
  /**
   * The cause said once for `file`: the one shared by more than half of its problems, found
   * on at least two rows and on at least half of the file's rows (so that three ISO dates in
   * a file of a thousand DD/MM/YYYY ones are three mistakes, not "the dates are written ISO").
   */
  statedCause(file: string): StatedCause | undefined {
    const total = this.countIn(file);
    const rows = this.rowCounts.get(file) ?? 0;
    let best: CauseTally | undefined;
    for (const t of this.tallies.get(file)?.values() ?? []) if (!best || t.count > best.count) best = t;
    if (!best || best.count * 2 <= total || best.lines < 2 || best.lines * 2 < rows) return undefined;
    return { cause: best.cause, count: best.count };
  }
  /** Problems whose fix is a configuration setting: their own, or their file's stated cause. */
  get settingCount(): number {
    let n = this.ownSettingCount;
    for (const file of this.totals.keys()) {
      const stated = this.statedCause(file);
      if (stated?.cause.setting) n += stated.count;
    }
    return n;
  }
  toError(message: string, exitCode: ExitCode, hint?: string): ReportError {
    const causes = new Map<string, StatedCause>();
    for (const file of this.totals.keys()) {
      const stated = this.statedCause(file);
      if (stated) causes.set(file, stated);
    }
    return new ReportError(message, exitCode, hint, this.kept, this.omitted, new Map(this.totals), causes);
  }
}
