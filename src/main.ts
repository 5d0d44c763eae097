import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { loadConfig } from './config/load.js';
import { type Period, parsePeriod } from './config/period.js';
import type { Config, Grant } from './domain.js';
import { ExitCode, formatError, ReportError, usageError } from './errors.js';
import { type Inputs, loadInputs } from './ingest/load.js';
import { type Format, outputPath, writeAtomic } from './output/write.js';
import { toolVersion } from './paths.js';
import type { PdfRenderer } from './pdf/renderer.js';
import { buildStatsModel, type Provenance, type StatsModel } from './stats/model.js';

export interface ReportOptions {
  config: string;
  grants: string[];
  all: boolean;
  period?: string;
  out: string;
  formats: Format[];
  quiet: boolean;
  concurrency: number;
}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** "Now", for generatedAt when SOURCE_DATE_EPOCH is not set. */
  now: () => Date;
}

export const defaultIo = (): Io => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  now: () => new Date(),
});

interface Job {
  grant: Grant;
  period: Period;
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
        `There is no grant "${id}" in ${relative(process.cwd(), config.path) || config.path}.`,
        `Known grants: ${config.grants.map((g) => g.id).join(', ') || 'none'}. \`impact-report list\` shows them.`,
      );
    }
    return grant;
  });
}

function planJobs(config: Config, options: ReportOptions): Job[] {
  const fyStart = config.organisation.financialYearStart;
  return selectGrants(config, options.grants, options.all).map((grant) => {
    const text = options.period ?? grant.defaultPeriod;
    if (!text)
      throw usageError(
        `The grant "${grant.id}" has no default period, so --period is needed.`,
        'For example: --period FY2024-25. Or set "period:" on the grant in the configuration.',
      );
    return { grant, period: parsePeriod(text, fyStart) };
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function statsFor(job: Job, config: Config, inputs: Inputs, provenance: Provenance): StatsModel {
  return buildStatsModel({
    grant: job.grant,
    period: job.period,
    episodes: inputs.episodes,
    referrals: inputs.referrals,
    thresholds: config.thresholds,
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
): Promise<string[]> {
  const stats = statsFor(job, config, inputs, provenance);
  const rendered: [Format, string | Uint8Array][] = [];
  if (options.formats.includes('json')) rendered.push(['json', `${JSON.stringify(stats, null, 2)}\n`]);
  if (options.formats.includes('html') || options.formats.includes('pdf')) {
    const [{ buildReportModel }, { drawCharts }, { renderHtml }] = await Promise.all([
      import('./report/build.js'),
      import('./charts/draw.js'),
      import('./html/render.js'),
    ]);
    const model = drawCharts(
      buildReportModel({
        stats,
        grant: job.grant,
        organisation: config.organisation,
        disclosure: config.disclosure,
      }),
    );
    const doc = renderHtml(model, config.disclosure);
    if (options.formats.includes('html')) rendered.push(['html', doc.html]);
    if (options.formats.includes('pdf')) {
      const pdf = await (await renderer()).print(doc, {
        title: model.documentTitle,
        author: config.organisation.name,
        subject: model.subject,
        keywords: model.keywords,
        creator: `impact-report ${provenance.toolVersion}`,
        lang: model.lang,
        date: new Date(provenance.generatedAt),
      });
      rendered.push(['pdf', pdf]);
    }
  }
  const written: string[] = [];
  for (const [format, data] of rendered) {
    const path = outputPath(options.out, job.grant.id, job.period.label, format);
    await writeAtomic(path, data);
    written.push(path);
  }
  return written;
}

/** Runs the report command; returns the exit status. Only cli.ts exits. */
export async function runReport(options: ReportOptions, io: Io): Promise<number> {
  let renderer: Promise<PdfRenderer> | undefined;
  try {
    const { config, bytes } = await loadConfig(options.config);
    const jobs = planJobs(config, options);
    const generatedAt = generationTime(io);
    const inputs = await loadInputs(config);
    const provenance: Provenance = {
      toolVersion: toolVersion(),
      generatedAt: generatedAt.toISOString(),
      sha256: {
        configuration: sha256(bytes),
        outcomes: inputs.sha256.outcomes,
        referrals: inputs.sha256.referrals ?? null,
      },
    };
    const getRenderer = () => {
      renderer ??= import('./pdf/renderer.js').then(({ PdfRenderer }) => PdfRenderer.launch(io.env));
      return renderer;
    };
    if (options.formats.includes('pdf')) await getRenderer();

    const failures: { job: Job; error: unknown }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++] as Job;
        const started = performance.now();
        try {
          const files = await runJob(job, config, inputs, provenance, options, getRenderer);
          if (!options.quiet) {
            const seconds = ((performance.now() - started) / 1000).toFixed(1);
            io.out(`wrote ${files.map((f) => relative(process.cwd(), f) || f).join(', ')} (${seconds} s)`);
          }
        } catch (error) {
          if (error instanceof ReportError && error.exitCode !== ExitCode.reportFailed) throw error;
          failures.push({ job, error });
          io.err(
            `failed ${job.grant.id} ${job.period.label}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(options.concurrency, jobs.length)) }, worker),
    );
    if (failures.length > 0) {
      io.err(`${failures.length} of ${jobs.length} report${jobs.length === 1 ? '' : 's'} failed.`);
      return ExitCode.reportFailed;
    }
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io);
  } finally {
    if (renderer) await renderer.then((r) => r.close()).catch(() => undefined);
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
