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
  column?: string;
  /** The offending value; omitted where echoing it would leak personal data. */
  value?: string;
  message: string;
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
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

export const usageError = (message: string, hint?: string) => new ReportError(message, ExitCode.usage, hint);

export function formatProblem(p: Problem): string {
  const where = [
    p.file,
    p.line !== undefined ? `line ${p.line}` : undefined,
    p.column ? `column "${p.column}"` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const value = p.value !== undefined ? ` (found "${p.value}")` : '';
  return `${where}: ${p.message}${value}`;
}

/** The readable block printed on stderr for an error. */
export function formatError(error: ReportError, cap = 50): string {
  const lines = [`Error: ${error.message}`];
  const shown = error.problems.slice(0, cap);
  for (const p of shown) lines.push(`  - ${formatProblem(p)}`);
  const rest = error.problems.length - shown.length + error.omitted;
  if (rest > 0) lines.push(`  … and ${rest} more problem${rest === 1 ? '' : 's'} not shown.`);
  if (error.hint) lines.push('', error.hint);
  return lines.join('\n');
}

/** Collects a file's problems, keeping the first `cap` and counting the rest. */
export class ProblemList {
  readonly kept: Problem[] = [];
  omitted = 0;
  constructor(private readonly cap = 500) {}
  add(problem: Problem): void {
    if (this.kept.length < this.cap) this.kept.push(problem);
    else this.omitted++;
  }
  get count(): number {
    return this.kept.length + this.omitted;
  }
}
