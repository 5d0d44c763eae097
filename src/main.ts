import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { checkTargets } from './check-targets.js';
import { configText, loadConfig } from './config/load.js';
import { type Period, parsePeriod, previousPeriod, resolveRelativePeriod } from './config/period.js';
import { type Config, type Grant, toDay } from './domain.js';
import { displayPath, ExitCode, formatError, ReportError, usageError } from './errors.js';
import { assertLogos } from './html/logo.js';
import type { Keep } from './ingest/episode-store.js';
import { type Inputs, loadInputs } from './ingest/load.js';
import { OPTIMISE_READING_FROM_BYTES, releaseOptimisingCompiler } from './jit.js';
import { type OutputFolder, prepareOutputFolder, releaseOutputFolder } from './output/folder.js';
import { type Format, outputName, outputPath, writeFilesAtomic } from './output/write.js';
import { toolVersion } from './paths.js';
import type { PdfRenderer } from './pdf/renderer.js';
import { createProgress } from './progress.js';
import { colourNoteText } from './report/contrast.js';
import type { Provenance, StatsModel } from './stats/model.js';
import { inScope } from './stats/scope.js';
import { inputWarnings, reportedFor } from './warnings.js';

export interface ReportOptions {
  config: string;
  grants: string[];
  all: boolean;
  /** Periods to report on (each grant's own when empty); several make a grants × periods batch. */
  periods: string[];
  out: string;
  formats: Format[];
  quiet: boolean;
  concurrency: number;
  /** Longest a single report may take before it is given up as failed. */
  timeoutSeconds: number;
}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** "Now", for generatedAt and relative periods when SOURCE_DATE_EPOCH is not set. */
  now: () => Date;
  /** stdout is a terminal (progress with symbols rather than plain log lines). */
  isTTY: boolean;
  /** Aborted on Ctrl-C: the run closes the browser and stops. */
  signal?: AbortSignal;
}

export const defaultIo = (signal?: AbortSignal): Io => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  now: () => new Date(),
  isTTY: Boolean(process.stdout.isTTY),
  signal,
});

interface Job {
  grant: Grant;
  period: Period;
  /** The job's statistics, computed before any report is made (targets are checked on them). */
  stats?: StatsModel;
}

/** generatedAt: SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now. */
export function generationTime(io: Io): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch))
      throw usageError(`SOURCE_DATE_EPOCH must be a whole number of seconds, found "${epoch}".`);
    return new Date(Number(epoch) * 1000);
  }
  return io.now();
}

function selectGrants(config: Config, ids: string[], all: boolean): Grant[] {
  if (all) return config.grants;
  if (ids.length === 0)
    throw usageError(
      'Say which report to make: --grant <id> or --all.',
      `Grants in ${config.path}: ${config.grants.map((g) => g.id).join(', ') || 'none'}.`,
    );
  return [...new Set(ids)].map((id) => {
    const grant = config.grants.find((g) => g.id === id);
    if (!grant) {
      throw usageError(
        `There is no grant "${id}" in ${displayPath(config.path)}.`,
        `Known grants: ${config.grants.map((g) => g.id).join(', ') || 'none'}. \`impact-report list\` shows them.`,
      );
    }
    return grant;
  });
}

function planJobs(config: Config, options: ReportOptions, today: Date): Job[] {
  const fyStart = config.organisation.financialYearStart;
  const period = (text: string) => parsePeriod(resolveRelativePeriod(text, today, fyStart), fyStart);
  const asked = [...new Set(options.periods)].map(period);
  return selectGrants(config, options.grants, options.all).flatMap((grant) => {
    if (asked.length > 0) return asked.map((p) => ({ grant, period: p }));
    if (!grant.defaultPeriod) {
      throw usageError(
        `The grant "${grant.id}" has no default period, so --period is needed.`,
        'For example: --period FY2024-25. Or set "period:" on the grant in the configuration.',
      );
    }
    return [{ grant, period: period(grant.defaultPeriod) }];
  });
}

let stages: Promise<RenderStages> | undefined;
interface RenderStages {
  buildReportModel: typeof import('./report/build.js').buildReportModel;
  drawChartsGivingWay: typeof import('./charts/draw.js').drawChartsGivingWay;
  renderHtml: typeof import('./html/render.js').renderHtml;
}
/** The report, chart and HTML stages, loaded once and only when HTML or PDF is asked for. */
function renderStages(): Promise<RenderStages> {
  stages ??= Promise.all([
    import('./report/build.js'),
    import('./charts/draw.js'),
    import('./html/render.js'),
  ]).then(([report, charts, html]) => ({
    buildReportModel: report.buildReportModel,
    drawChartsGivingWay: charts.drawChartsGivingWay,
    renderHtml: html.renderHtml,
  }));
  return stages;
}

/** The report stage and the CSV writer, without charts or HTML: all a CSV needs. */
function csvStages() {
  return Promise.all([
    import('./report/build.js'),
    import('./report/csv.js'),
    import('./output/csv.js'),
  ]).then(([report, rows, text]) => ({
    buildReportModel: report.buildReportModel,
    csvRows: rows.csvRows,
    CSV_COLUMNS: rows.CSV_COLUMNS,
    csvText: text.csvText,
  }));
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The episodes reports on these periods can count (`canCountIn`), each period with the one
 * before it (for `previous`); a job without a period (the whole span of the data) needs them
 * all, and no job none.
 */
export function keepFor(jobs: readonly { period: Period | undefined }[], financialYearStart: number): Keep {
  if (jobs.length === 0) return 'none';
  const periods: Period[] = [];
  for (const { period } of jobs) {
    if (!period) return 'all';
    periods.push(period, previousPeriod(period, financialYearStart));
  }
  return {
    from: Math.min(...periods.map((p) => toDay(p.from))),
    to: Math.max(...periods.map((p) => toDay(p.to))),
  };
}

/**
 * The statistics, loaded on first use: a sixth of a second, most of it the 676 files of
 * @stdlib's t quantile. `validate` without targets never loads them, and a report loads them
 * while the exports are read (the reading gives way between chunks of the file).
 */
let statistics: Promise<typeof import('./stats/model.js')> | undefined;
export const loadStatistics = () => {
  statistics ??= import('./stats/model.js');
  return statistics;
};

/** The statistics model of one grant and period, from the configuration and the exports read. */
export async function statsFor(
  job: Pick<Job, 'grant' | 'period'>,
  config: Config,
  inputs: Inputs,
  provenance: Provenance,
): Promise<StatsModel> {
  const { buildStatsModel } = await loadStatistics();
  return buildStatsModel({
    grant: job.grant,
    period: job.period,
    // Made only if the statistics ask for them (a grant with conditions: EpisodeStore.episodes).
    get episodes() {
      return inputs.episodes;
    },
    columns: inputs.columns(),
    services: inputs.summary.mix.filter((m) => inScope(m, job.grant.match)).map((m) => m.service),
    referrals: inputs.referrals,
    reported: reportedFor(job.grant, config, inputs),
    measuresInExport: inputs.measures,
    hasEndReason: inputs.hasEndReason,
    profile: config.profile,
    financialYearStart: config.organisation.financialYearStart,
    provenance,
  });
}

/** The pipeline of STYLE.md for one report; returns the files it wrote. */
async function runJob(
  job: Job,
  config: Config,
  inputs: Inputs,
  provenance: Provenance,
  options: ReportOptions,
  renderer: () => Promise<PdfRenderer>,
  abandoned: () => boolean,
  printed: () => void = () => undefined,
): Promise<string[]> {
  const stats = job.stats ?? (await statsFor(job, config, inputs, provenance));
  const rendered: [Format, string | Uint8Array][] = [];
  if (options.formats.includes('json')) rendered.push(['json', `${JSON.stringify(stats, null, 2)}\n`]);
  const context = {
    stats,
    grant: job.grant,
    reported: reportedFor(job.grant, config, inputs),
    organisation: config.organisation,
    disclosure: config.disclosure,
    profile: config.profile,
    dataUpTo: inputs.dataUpTo,
  };
  if (options.formats.includes('csv')) {
    const { buildReportModel, csvRows, CSV_COLUMNS, csvText } = await csvStages();
    rendered.push(['csv', csvText(CSV_COLUMNS, csvRows(buildReportModel(context), config.disclosure))]);
  }
  if (options.formats.includes('html') || options.formats.includes('pdf')) {
    const { buildReportModel, drawChartsGivingWay, renderHtml } = await renderStages();
    const report = buildReportModel(context);
    if (options.formats.includes('html')) {
      // Charts' text as outlines of glyphs: the HTML looks the same in any browser.
      const model = await drawChartsGivingWay(report, 'glyphs');
      rendered.push(['html', renderHtml(model, config.disclosure).html]);
    }
    if (options.formats.includes('pdf')) {
      // The same document, its fonts (and its charts' text) taken from the browser that prints
      // it, which has the shipped fonts installed, rather than carried inside it.
      const model = await drawChartsGivingWay(report, 'text');
      const doc = renderHtml(model, config.disclosure, 'installed');
      const pdf = await (await renderer()).print(
        doc,
        {
          title: model.documentTitle,
          author: config.organisation.name,
          subject: model.subject,
          keywords: model.keywords,
          creator: `impact-report ${provenance.toolVersion}`,
          lang: model.lang,
          date: new Date(provenance.generatedAt),
        },
        { printed },
      );
      rendered.push(['pdf', pdf]);
    }
  }
  const files = rendered.map(
    ([format, data]) => [outputPath(options.out, job.grant.id, job.period.label, format), data] as const,
  );
  // A report given up on (time limit, Ctrl-C) must not land late, after it was reported failed.
  if (abandoned())
    throw new ReportError('the report was abandoned before it was written', ExitCode.reportFailed);
  // All of a report's files land together, or none of them does.
  await writeFilesAtomic(files);
  return files.map(([path]) => path);
}

/** A browser that died mid-report: the batch relaunches it once and retries that report. */
const browserDied = (renderer: PdfRenderer | undefined) => renderer?.died === true;

/** The error a report (or the reading of its inputs) gets when Ctrl-C or SIGTERM stops it. */
const interrupted = () => new ReportError('interrupted', ExitCode.reportFailed);

/**
 * Runs `work` with a time limit, and stops waiting for it at once on Ctrl-C; `work` is told
 * when it has been given up on. Work that never returns (a file system that stops answering)
 * is left behind: the caller goes on, and cli.ts ends the process when the run is over.
 */
function withTimeout<T>(
  work: (abandoned: () => boolean) => Promise<T>,
  seconds: number,
  what: string,
  signal?: AbortSignal,
  hint?: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  let expired = false;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(
        new ReportError(`${what} took longer than ${seconds} s and was stopped`, ExitCode.reportFailed, hint),
      );
    }, seconds * 1000);
    onAbort = () => {
      expired = true;
      reject(interrupted());
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work(() => expired), limit]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
}

/** After the reports, the longest the run waits for the browser to close (or to finish starting). */
const CLOSE_GRACE_MS = 5_000;

/** `promise`, or undefined once `ms` have passed: a wait that cannot hang. */
const atMost = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((done) => {
    timer = setTimeout(() => done(undefined), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
};

const reasonOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';

/** Runs the report command; returns the exit status. Only cli.ts exits. */
export async function runReport(options: ReportOptions, io: Io): Promise<number> {
  let renderer: PdfRenderer | undefined;
  let relaunched: Promise<void> | undefined;
  let output: OutputFolder | undefined;
  let written = 0;
  const began = performance.now();
  const progress = createProgress({
    out: io.out,
    err: io.err,
    quiet: options.quiet,
    interactive: io.isTTY && !io.env.CI,
  });
  // Aborted on Ctrl-C and when the run is over: a browser still starting is then killed.
  const finished = new AbortController();
  const onAbort = () => {
    finished.abort();
    void renderer?.close();
  };
  io.signal?.addEventListener('abort', onAbort, { once: true });
  // The report stages load while the inputs are read. A run that ends early (a bad
  // configuration) still lets them finish loading: the process would otherwise end with
  // module files half read, which cli.ts takes for a file system that stopped answering.
  let preloading: Promise<unknown> = Promise.resolve();
  // The browser starts in its own process at once, while the configuration and exports are
  // read and checked and the first report is drawn; it is awaited only to print.
  // Its driver is loaded before anything else is read, so the launch is not kept waiting.
  const launching = options.formats.includes('pdf')
    ? (
        await import('./pdf/renderer.js').then(({ PdfRenderer }) => ({
          started: PdfRenderer.launch(io.env, finished.signal),
        }))
      ).started
    : undefined;
  launching?.then(
    (r) => {
      renderer = r;
      if (io.signal?.aborted) void r.close();
    },
    () => undefined,
  );
  try {
    if (options.formats.some((f) => f !== 'json')) preloading = renderStages().catch(() => undefined);
    // Reading is bounded too: an input on a pipe or a network drive that stops answering must
    // not keep a scheduled job waiting for ever.
    const { config, bytes, generatedAt, jobs, inputs } = await withTimeout(
      async () => {
        // For tests only (test/e2e/time-limits.test.ts): a named pipe here is read first and
        // never answers, exactly as a hung network drive would.
        if (io.env.IMPACT_REPORT_TEST_STALL) await readFile(io.env.IMPACT_REPORT_TEST_STALL);
        const { config, bytes } = await loadConfig(options.config);
        const generatedAt = generationTime(io);
        const jobs = planJobs(config, options, generatedAt);
        // Before any work: the logos these reports show must be safe pictures (exit 2 if not).
        assertLogos(config, configText(bytes), [...new Set(jobs.map((j) => j.grant))]);
        // Before any work: the output folder must take the files (exit 2 if it cannot).
        output = await prepareOutputFolder(
          options.out,
          jobs.flatMap((job) => options.formats.map((f) => outputName(job.grant.id, job.period.label, f))),
        );
        // The statistics load while the exports are read (a failure shows where they are used).
        loadStatistics().catch(() => undefined);
        // A large export is read with the optimising compiler (src/jit.ts).
        const outcomesBytes = await stat(config.input.outcomes).then(
          (s) => s.size,
          () => Number.POSITIVE_INFINITY,
        );
        if (outcomesBytes >= OPTIMISE_READING_FROM_BYTES) releaseOptimisingCompiler();
        return {
          config,
          bytes,
          generatedAt,
          jobs,
          inputs: await loadInputs(config, keepFor(jobs, config.organisation.financialYearStart), {
            families: false,
          }),
        };
      },
      options.timeoutSeconds,
      'Reading the configuration and the input files',
      io.signal,
      'Is one of them a pipe, or on a network drive that stopped answering? --timeout sets the limit.',
    );
    // A darkened brand colour changes what the reader sees, so the run says so (outlines only
    // add to a chart: `validate` lists those).
    if (!options.quiet && options.formats.some((f) => f !== 'json'))
      for (const note of config.colourNotes.filter((n) => n.use === 'text'))
        io.err(`impact-report: note: ${colourNoteText(note)}`);
    if (!options.quiet)
      for (const warning of inputWarnings(config, inputs, jobs)) io.err(`Warning: ${warning}`);
    const provenance: Provenance = {
      toolVersion: toolVersion(),
      generatedAt: generatedAt.toISOString(),
      sha256: {
        configuration: sha256(bytes),
        // Filled in below: a large export's hash is made on another thread meanwhile.
        outcomes: '',
        referrals: inputs.sha256.referrals ?? null,
      },
    };
    // Every job's figures first: a target naming no figure stops the run before anything is written.
    for (const job of jobs) job.stats = await statsFor(job, config, inputs, provenance);
    // Every model holds this one provenance, so each has the hash before anything is written.
    provenance.sha256.outcomes = await inputs.sha256.outcomes;
    checkTargets(config, configText(bytes), jobs as { grant: Grant; stats: StatsModel }[]);
    const getRenderer = async () => {
      if (!launching) throw new Error('PDF output was not requested');
      return renderer ?? launching;
    };

    const failures: { label: string; reason: string }[] = [];
    // Once every report's PDF has come from the browser, the browser is closed while the last
    // ones are sealed and written, rather than after (a cold report's last twentieth of a second).
    let toPrint = options.formats.includes('pdf') ? jobs.length : 0;
    const printed = () => {
      toPrint--;
      if (toPrint === 0) void renderer?.close();
    };
    let next = 0;
    const worker = async () => {
      while (next < jobs.length && !io.signal?.aborted) {
        const job = jobs[next++] as Job;
        const label = `${job.grant.id} ${job.period.label}`;
        const started = performance.now();
        const attempt = () =>
          withTimeout(
            (abandoned) =>
              runJob(
                job,
                config,
                inputs,
                provenance,
                options,
                getRenderer,
                () => abandoned() || Boolean(io.signal?.aborted),
                printed,
              ),
            options.timeoutSeconds,
            'the report',
            io.signal,
            '--timeout sets the limit',
          );
        try {
          let files: string[];
          try {
            files = await attempt();
          } catch (error) {
            if (!browserDied(renderer) || io.signal?.aborted) throw error;
            // One relaunch for the whole batch, however many reports were printing when it died.
            relaunched ??= (async () => {
              progress.note('The browser stopped unexpectedly; starting it again and retrying.');
              await renderer?.relaunch();
            })();
            await relaunched;
            files = await attempt();
          }
          written++;
          progress.done(
            label,
            files.map((f) => displayPath(f)),
            (performance.now() - started) / 1000,
          );
        } catch (error) {
          // Without a browser nothing can be printed: stop the batch (exit 4). Anything else
          // (a missing logo or theme, a render that timed out) fails this report only.
          if (error instanceof ReportError && error.exitCode === ExitCode.noBrowser) throw error;
          if (io.signal?.aborted) return;
          const reason =
            reasonOf(error) + (error instanceof ReportError && error.hint ? ` (${error.hint})` : '');
          failures.push({ label, reason });
          progress.failed(label, reason, (performance.now() - started) / 1000);
        } finally {
          // One report is done: the rest of a batch runs the same code again (src/jit.ts).
          releaseOptimisingCompiler({ batch: true });
        }
      }
    };
    const workers = Math.max(1, Math.min(options.concurrency, jobs.length));
    await Promise.all(Array.from({ length: workers }, worker));
    if (io.signal?.aborted) {
      io.err(
        'Stopped: interrupted before every report was made. Files already written are complete; nothing partial was left.',
      );
      return 130;
    }
    progress.summary(written, failures, (performance.now() - began) / 1000);
    return failures.length > 0 ? ExitCode.reportFailed : ExitCode.ok;
  } catch (error) {
    if (io.signal?.aborted) {
      io.err('Stopped: interrupted. Nothing partial was left.');
      return 130;
    }
    return reportError(error, io);
  } finally {
    releaseOptimisingCompiler();
    io.signal?.removeEventListener('abort', onAbort);
    // A run that wrote nothing leaves no empty folder of its own making behind.
    if (output && written === 0) await releaseOutputFolder(output).catch(() => undefined);
    // The browser is closed (or, still starting, killed), however the run ended, but never
    // waited for longer than CLOSE_GRACE_MS: one that will not close is killed when the process exits.
    if (!renderer) finished.abort();
    await atMost(preloading, CLOSE_GRACE_MS);
    await atMost(
      (launching ?? Promise.resolve(undefined)).then((r) => r?.close()).catch(() => undefined),
      CLOSE_GRACE_MS,
    );
  }
}

/** Prints an error as one readable block and returns its exit status; a bug keeps its stack off the user's screen unless asked. */
export function reportError(error: unknown, io: Io): number {
  if (error instanceof ReportError) {
    io.err(formatError(error));
    return error.exitCode;
  }
  io.err(
    `Error: something went wrong inside impact-report: ${error instanceof Error ? error.message : String(error)}`,
  );
  if (io.env.IMPACT_REPORT_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
  else
    io.err(
      'This is a bug, not a problem with your data. Set IMPACT_REPORT_DEBUG=1 to see the details, and please report it.',
    );
  return ExitCode.reportFailed;
}
