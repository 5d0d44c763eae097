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
    for (const p of problems.slice(0, cap)) lines.push(`  - ${formatProblem(p)}`);
    const rest = total - Math.min(cap, problems.length);
    if (rest > 0)
      lines.push(`  … and ${problemsWord(rest).replace('problem', 'more problem')} in this file.`);
  }
  if (unaccounted > 0)
    lines.push(`  … and ${problemsWord(unaccounted).replace('problem', 'more problem')} not shown.`);
  if (error.hint) lines.push('', error.hint);
  return lines.join('\n');
}

/** Collects problems, keeping the first `capPerFile` of each file and counting the rest. */
export class ProblemList {
  readonly kept: Problem[] = [];
  private readonly totals = new Map<string, number>();
  private personalCount = 0;
  constructor(private readonly capPerFile = 200) {}

  add(problem: Problem): void {
    const n = (this.totals.get(problem.file) ?? 0) + 1;
    this.totals.set(problem.file, n);
    if (problem.personal) this.personalCount++;
    if (n <= this.capPerFile) {
      // Personal data is never echoed: drop the value here, whatever the caller passed.
      this.kept.push(problem.personal ? { ...problem, value: undefined } : problem);
    }
  }
  /** Every problem found, kept or not. */
  get count(): number {
    let n = 0;
    for (const t of this.totals.values()) n += t;
    return n;
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
  toError(message: string, exitCode: ExitCode, hint?: string): ReportError {
    return new ReportError(message, exitCode, hint, this.kept, this.omitted, new Map(this.totals));
  }
}
