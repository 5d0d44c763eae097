#!/usr/bin/env node
// Kept light on purpose: `--help`, `list`, `validate` and JSON runs never load puppeteer or pdf-lib.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

import { ExitCode } from './errors.js';
import { holdOptimisingCompiler } from './jit.js';
import type { ReportOptions } from './main.js';
import { FORMATS, type Format } from './output/write.js';
import { toolVersion } from './paths.js';

/** report.md: the configuration defaults to ./impact-report.yaml. */
const DEFAULT_CONFIG = 'impact-report.yaml';

const interrupt = new AbortController();

const usage = (message: string) => new InvalidArgumentError(message);

function parseFormats(value: string): Format[] {
  const formats = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  if (formats.length === 0) throw usage(`--format needs at least one of ${FORMATS.join(', ')}`);
  for (const f of formats) {
    if (!FORMATS.includes(f as Format))
      throw usage(`unknown format "${f}": expected ${FORMATS.join(', ')} (comma-separated)`);
  }
  return [...new Set(formats)] as Format[];
}

const wholeNumber = (flag: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw usage(`--${flag} must be a whole number from ${min} to ${max}, found "${value}"`);
  return n;
};

/** Global: accepted before or after the command (`impact-report -c other.yaml validate`). */
const configOption = () =>
  new Option('-c, --config <file>', 'the configuration file (before or after the command)').default(
    DEFAULT_CONFIG,
  );

const EXIT_STATUS = `Exit status:
  0  every report written            1    a report failed or ran out of time
  2  usage or configuration error    3    invalid input data (or personal data)
  4  no usable browser for PDFs      130  interrupted (Ctrl-C or SIGTERM)`;

async function io() {
  const { defaultIo } = await import('./main.js');
  return defaultIo(interrupt.signal);
}

/** The run in progress has a browser to close when interrupted (the report command). */
let closesOnInterrupt = false;

const program = new Command('impact-report')
  .description("Turns a charity's anonymised outcome exports into funder-ready reports (PDF, HTML, JSON).")
  .usage(
    '[report] --grant <id...> | --all  [options]\n       impact-report validate | list | init [dir]  [options]',
  )
  .version(toolVersion(), '-V, --version')
  .addOption(configOption())
  .configureHelp({ showGlobalOptions: true })
  .showHelpAfterError('(run impact-report --help for usage)')
  .exitOverride();

const report = program
  .command('report', { isDefault: true })
  .description('make the report(s) for one or more grants (the default command: "report" may be left out)')
  .addOption(
    new Option(
      '-g, --grant <id...>',
      'the grant(s) to report on, as named under "grants:" in the configuration (not with --all)',
    ).conflicts('all'),
  )
  .option('-a, --all', 'report on every grant in the configuration')
  .option(
    '-p, --period <period...>',
    "2024, 2024-Q3, FY2024-25, FY2024-25-Q1, 2024-04-01..2025-03-31, previous-quarter or previous-fy-quarter; several make a batch (default: each grant's own)",
  )
  .option('-o, --out <dir>', 'the folder to write reports to', 'out')
  .addOption(
    new Option(
      '-f, --format <list>',
      'comma-separated output formats: pdf, html, json, csv (every figure as printed, for monitoring forms)',
    )
      .argParser(parseFormats)
      .default(['pdf'] as Format[], 'pdf'),
  )
  .option('-q, --quiet', 'print errors only')
  .option('--concurrency <n>', 'reports rendered at once in a batch', wholeNumber('concurrency', 1, 16), 2)
  .option(
    '--timeout <seconds>',
    'give up on a single report, or on reading the inputs, after this long',
    wholeNumber('timeout', 5, 3600),
    120,
  )
  .addHelpText(
    'after',
    `
Examples:
  impact-report --grant powerhouse-2024
  impact-report --grant programme --period FY2014-15 --format json,html
  impact-report --all --period previous-quarter --quiet
  impact-report --all --period FY2025-26-Q1 FY2025-26-Q2 FY2025-26-Q3 FY2025-26-Q4

${EXIT_STATUS}`,
  )
  .exitOverride()
  .action(async (_opts, command: Command) => {
    const opts = command.optsWithGlobals();
    // The browser is the longest wait of a PDF run: its driver is loaded first, so that it can
    // be started while the rest of the tool loads and the inputs are read (docs/benchmarks.md).
    if ((opts.format as Format[]).includes('pdf')) {
      // Until the first PDF is made (src/jit.ts).
      holdOptimisingCompiler();
      void import('./pdf/renderer.js').catch(() => undefined);
    }
    const { runReport } = await import('./main.js');
    const options: ReportOptions = {
      config: opts.config,
      grants: opts.grant ?? [],
      all: Boolean(opts.all),
      periods: opts.period ?? [],
      out: opts.out,
      formats: opts.format,
      quiet: Boolean(opts.quiet),
      concurrency: opts.concurrency,
      timeoutSeconds: opts.timeout,
    };
    closesOnInterrupt = true;
    process.exitCode = await runReport(options, await io());
  });

program
  .command('validate')
  .description('check the configuration and input files; writes nothing')
  .exitOverride()
  .action(async (_opts, command: Command) => {
    const { runValidate } = await import('./commands/validate.js');
    process.exitCode = await runValidate(command.optsWithGlobals().config, await io());
  });

program
  .command('list')
  .description('list the grants: funders, default periods and how many episodes each matches')
  .exitOverride()
  .action(async (_opts, command: Command) => {
    const { runList } = await import('./commands/list.js');
    process.exitCode = await runList(command.optsWithGlobals().config, await io());
  });

program
  .command('init')
  .argument('[dir]', 'the folder to create the starter in', '.')
  .description('create a working starter: configuration, sample CSVs and brand files')
  .exitOverride()
  .action(async (dir: string) => {
    const { runInit } = await import('./commands/init.js');
    process.exitCode = await runInit(dir, await io());
  });

/** The top-level help shows how to make a report, not only the list of commands. */
program.addHelpText('after', () => {
  const helper = report.createHelp();
  const options = helper.visibleOptions(report).filter((o) => o.long !== '--help');
  const width = Math.max(...options.map((o) => helper.optionTerm(o).length));
  const items = options.map((o) =>
    helper.formatItem(helper.optionTerm(o), width, helper.optionDescription(o), helper),
  );
  return `
Making reports (the default command; the same as impact-report report --help):
${items.join('\n')}

Examples:
  impact-report --grant powerhouse-2024                 # the grant's own period, PDF into out/
  impact-report --all --period previous-quarter --quiet # every grant, for a scheduled job
  impact-report -c other.yaml validate                  # check another configuration, write nothing
  impact-report init my-reports                         # a working starter for a new charity

${EXIT_STATUS}`;
});

/** File-system calls still in flight (Node's names for them in its list of active resources). */
const fileSystemBusy = () => process.getActiveResourcesInfo().some((r) => r.startsWith('FSReq'));

/**
 * Ends the process now with `code`. Node's exit first waits for its file-system threads, so a
 * call that never returns (a network drive that stopped answering, a folder under /proc) would
 * hold the process for ever: with one in flight the process ends itself with a signal
 * instead, SIGINT after an interrupt (shells and CI report 130), SIGTERM otherwise (143).
 */
function leave(code: number): void {
  if (!fileSystemBusy()) process.exit(code);
  const signal = code === 130 ? 'SIGINT' : 'SIGTERM';
  process.stderr.write(
    code === 130 ? '' : 'impact-report: a file-system call never returned; the process was ended.\n',
  );
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 1000);
}

/**
 * Ctrl-C or SIGTERM: the report command closes its browser and stops, exiting 130; the other
 * commands have nothing to close and stop at once. Whatever the run is waiting for (a file
 * system that never answers, a browser that will not close), it ends within STOP_DEADLINE_MS,
 * and a second signal ends it at once. Exiting kills the browser (puppeteer's exit hook).
 */
const STOP_DEADLINE_MS = 10_000;
let stopping = false;
const stop = () => {
  if (stopping || !closesOnInterrupt) return leave(130);
  stopping = true;
  interrupt.abort();
  setTimeout(() => {
    process.stderr.write('Stopped: the run did not finish closing in time and was ended.\n');
    leave(130);
  }, STOP_DEADLINE_MS).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * Output read by a program that stops reading early (`impact-report --help | head`): the pipe
 * closes and the rest of the output has nowhere to go. The run goes on and ends as it would
 * have, rather than with a stack trace of the write that failed.
 */
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    process.exitCode = done ? ExitCode.ok : ExitCode.usage;
  } else {
    const { reportError } = await import('./main.js');
    process.exitCode = reportError(error, await io());
  }
}
// The run is over: something still pending (a file system call that never returns, a report
// given up at its time limit) must not keep the process alive. Normally nothing is, and the
// process has already ended before this unreferenced timer could fire.
setTimeout(() => leave(Number(process.exitCode ?? 0)), 1000).unref();
