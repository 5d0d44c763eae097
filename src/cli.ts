#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_CONFIG } from './config/load.js';
import { ExitCode } from './errors.js';
import { defaultIo, type ReportOptions, reportError, runReport } from './main.js';
import { FORMATS, type Format } from './output/write.js';
import { toolVersion } from './paths.js';

const io = defaultIo();

function parseFormats(value: string): Format[] {
  const formats = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  for (const f of formats) {
    if (!FORMATS.includes(f as Format))
      throw new CommanderError(
        ExitCode.usage,
        'impact-report.format',
        `unknown format "${f}": expected pdf, html or json (comma-separated)`,
      );
  }
  return [...new Set(formats)] as Format[];
}

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new CommanderError(
      ExitCode.usage,
      'impact-report.concurrency',
      `--concurrency must be a whole number from 1 to 16, found "${value}"`,
    );
  return n;
}

const configOption = () =>
  new Option('-c, --config <file>', 'the configuration file').default(DEFAULT_CONFIG);

function addReportOptions(command: Command): Command {
  return command
    .option('-g, --grant <id...>', 'the grant(s) to report on, as named under "grants:" in the configuration')
    .option('-a, --all', 'report on every grant in the configuration', false)
    .option(
      '-p, --period <period>',
      "the period: 2024, 2024-Q3, FY2024-25, FY2024-25-Q1 or 2024-04-01..2025-03-31 (default: the grant's own)",
    )
    .addOption(configOption())
    .option('-o, --out <dir>', 'the folder to write reports to', 'out')
    .option('-f, --format <list>', 'comma-separated output formats: pdf, html, json', parseFormats, [
      'pdf',
    ] as Format[])
    .option('-q, --quiet', 'print errors only', false)
    .option('--concurrency <n>', 'reports rendered at once in a batch', parseConcurrency, 2);
}

async function report(opts: Record<string, unknown>): Promise<void> {
  const options: ReportOptions = {
    config: opts.config as string,
    grants: (opts.grant as string[] | undefined) ?? [],
    all: Boolean(opts.all),
    period: opts.period as string | undefined,
    out: opts.out as string,
    formats: opts.format as Format[],
    quiet: Boolean(opts.quiet),
    concurrency: opts.concurrency as number,
  };
  process.exitCode = await runReport(options, io);
}

const program = new Command('impact-report')
  .description("Turns a charity's anonymised outcome exports into funder-ready reports (PDF, HTML, JSON).")
  .version(toolVersion(), '-V, --version')
  .showHelpAfterError('(run impact-report --help for usage)')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

addReportOptions(
  program
    .command('report', { isDefault: true })
    .description('make the report(s) for one or more grants (the default command)')
    .exitOverride(),
).action(async (opts) => report(opts));

program
  .command('validate')
  .description('check the configuration and input files; writes nothing')
  .addOption(configOption())
  .exitOverride()
  .action(async (opts) => {
    const { runValidate } = await import('./commands/validate.js');
    process.exitCode = await runValidate(opts.config as string, io);
  });

program
  .command('list')
  .description('list the grants, their funders and default periods')
  .addOption(configOption())
  .exitOverride()
  .action(async (opts) => {
    const { runList } = await import('./commands/list.js');
    process.exitCode = await runList(opts.config as string, io);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    process.exitCode = done ? ExitCode.ok : ExitCode.usage;
    if (error.code === 'impact-report.format' || error.code === 'impact-report.concurrency')
      process.stderr.write(`error: ${error.message}\n`);
  } else {
    process.exitCode = reportError(error, io);
  }
}
