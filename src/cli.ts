#!/usr/bin/env node
// Kept light on purpose: `--help`, `list`, `validate` and JSON runs never load puppeteer or pdf-lib.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

import { ExitCode } from './errors.js';
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

const configOption = () =>
  new Option('-c, --config <file>', 'the configuration file').default(DEFAULT_CONFIG);

async function io() {
  const { defaultIo } = await import('./main.js');
  return defaultIo(interrupt.signal);
}

const program = new Command('impact-report')
  .description("Turns a charity's anonymised outcome exports into funder-ready reports (PDF, HTML, JSON).")
  .version(toolVersion(), '-V, --version')
  .showHelpAfterError('(run impact-report --help for usage)')
  .exitOverride();

program
  .command('report', { isDefault: true })
  .description('make the report(s) for one or more grants (the default command)')
  .option('-g, --grant <id...>', 'the grant(s) to report on, as named under "grants:" in the configuration')
  .option('-a, --all', 'report on every grant in the configuration', false)
  .option(
    '-p, --period <period...>',
    "2024, 2024-Q3, FY2024-25, FY2024-25-Q1, 2024-04-01..2025-03-31, previous-quarter or previous-fy-quarter; several make a batch (default: each grant's own)",
  )
  .addOption(configOption())
  .option('-o, --out <dir>', 'the folder to write reports to', 'out')
  .option(
    '-f, --format <list>',
    'comma-separated output formats: pdf, html, json, csv (every figure as printed, for monitoring forms)',
    parseFormats,
    ['pdf'] as Format[],
  )
  .option('-q, --quiet', 'print errors only', false)
  .option('--concurrency <n>', 'reports rendered at once in a batch', wholeNumber('concurrency', 1, 16), 2)
  .option(
    '--timeout <seconds>',
    'give up on a single report after this long',
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

Exit status: 0 all written, 1 a report failed, 2 usage or configuration, 3 invalid data, 4 no browser.`,
  )
  .exitOverride()
  .action(async (opts) => {
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
    process.exitCode = await runReport(options, await io());
  });

program
  .command('validate')
  .description('check the configuration and input files; writes nothing')
  .addOption(configOption())
  .exitOverride()
  .action(async (opts) => {
    const { runValidate } = await import('./commands/validate.js');
    process.exitCode = await runValidate(opts.config, await io());
  });

program
  .command('list')
  .description('list the grants: funders, default periods and how many episodes each matches')
  .addOption(configOption())
  .exitOverride()
  .action(async (opts) => {
    const { runList } = await import('./commands/list.js');
    process.exitCode = await runList(opts.config, await io());
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

// Ctrl-C: let the run close the browser and stop; a second Ctrl-C leaves at once.
process.once('SIGINT', () => {
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});
process.once('SIGTERM', () => interrupt.abort());

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
