/** How a run talks: a line per report with its time, quiet when asked, plain in CI. */
export interface Progress {
  done(label: string, files: string[], seconds: number): void;
  failed(label: string, reason: string, seconds: number): void;
  note(message: string): void;
  summary(written: number, failures: { label: string; reason: string }[], seconds: number): void;
}

export interface ProgressOptions {
  out: (line: string) => void;
  err: (line: string) => void;
  quiet: boolean;
  /** A person at a terminal (not CI, not piped): symbols and colour. */
  interactive: boolean;
}

const s = (seconds: number) => `${seconds.toFixed(1)} s`;

export function createProgress({ out, err, quiet, interactive }: ProgressOptions): Progress {
  const green = (t: string) => (interactive ? `\x1b[32m${t}\x1b[39m` : t);
  const red = (t: string) => (interactive ? `\x1b[31m${t}\x1b[39m` : t);
  return {
    done(label, files, seconds) {
      if (quiet) return;
      out(
        interactive
          ? `${green('✓')} ${label}  ${files.join(', ')}  ${s(seconds)}`
          : `impact-report: wrote ${files.join(', ')} (${label}, ${s(seconds)})`,
      );
    },
    failed(label, reason, seconds) {
      err(
        interactive
          ? `${red('✗')} ${label}  ${reason}  ${s(seconds)}`
          : `impact-report: FAILED ${label}: ${reason} (${s(seconds)})`,
      );
    },
    note(message) {
      if (!quiet) out(interactive ? message : `impact-report: ${message}`);
    },
    summary(written, failures, seconds) {
      const total = written + failures.length;
      if (failures.length === 0) {
        if (!quiet && total > 1)
          out(`${interactive ? green('Done') : 'impact-report: done'}: ${total} reports in ${s(seconds)}.`);
        return;
      }
      err(
        `${interactive ? red('Failed') : 'impact-report: failed'}: ${failures.length} of ${total} report${total === 1 ? '' : 's'} could not be made:`,
      );
      for (const f of failures) err(`  - ${f.label}: ${f.reason}`);
    },
  };
}
