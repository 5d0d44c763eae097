import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';

// issue 15, "Finding your way": the top-level help shows how to make a report, global options
// go before or after the command, contradictory flags are refused.

describe('impact-report --help', () => {
  const help = runCli(['--help']);

  it('shows how to make a report, with every report option', () => {
    expect(help.status).toBe(0);
    for (const flag of ['--grant <id...>', '--all', '--period <period...>', '--format <list>', '--out <dir>'])
      expect(help.stdout).toContain(flag);
    for (const flag of ['--config <file>', '--quiet', '--timeout <seconds>', '--concurrency <n>'])
      expect(help.stdout).toContain(flag);
    expect(help.stdout).toMatch(/Making reports \(the default command/);
    expect(help.stdout).toContain('impact-report --grant powerhouse-2024');
  });

  it('lists every exit status, 130 included, and prints the format default as a word', () => {
    for (const status of ['0 ', '1 ', '2 ', '3 ', '4 ', '130 ']) expect(help.stdout).toContain(`  ${status}`);
    expect(help.stdout).toMatch(/130\s+interrupted/);
    expect(help.stdout).toContain('(default: pdf)');
    expect(help.stdout).not.toContain('["pdf"]');
  });

  it('report --help says the same about the report options', () => {
    const own = runCli(['report', '--help']);
    expect(own.status).toBe(0);
    expect(own.stdout).toContain('--grant <id...>');
    expect(own.stdout).toContain('--config <file>');
    expect(own.stdout).toMatch(/130\s+interrupted/);
  });
});

describe('output read by a program that stops early', () => {
  it('--help into a closed pipe (`impact-report --help | head`) ends quietly, exit 0', async () => {
    const child = spawn(process.execPath, [CLI, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before the help is written: every write to it fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const status = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});

describe('global options', () => {
  it.each([
    [['-c', 'impact-report.yaml', 'validate']],
    [['--config', 'impact-report.yaml', 'list']],
    [['validate', '--config', 'impact-report.yaml']],
    [['list', '-c', 'impact-report.yaml']],
  ])('%j works', (args) => {
    const result = runCli(args);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('powerhouse-2024');
  });

  it('--config before the command is the one used', () => {
    const result = runCli(['--config', 'no-such.yaml', 'validate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('The configuration file no-such.yaml was not found');
  });

  it('--config before the default command makes the report', () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-global-'));
    const result = runCli([
      '-c',
      'impact-report.yaml',
      '--grant',
      'powerhouse-2024',
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(result.status).toBe(0);
    expect(readdirSync(out)).toEqual(['powerhouse-2024_2024.json']);
  });
});

describe('contradictory flags', () => {
  it.each([[['--grant', 'powerhouse-2024', '--all']], [['--all', '--grant', 'powerhouse-2024']]])(
    '%j is refused with exit 2 and nothing is written',
    (args) => {
      const out = mkdtempSync(join(tmpdir(), 'impact-conflict-'));
      const result = runCli([...args, '--format', 'json', '--out', out]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/--grant.*cannot be used with.*--all/);
      expect(readdirSync(out)).toEqual([]);
    },
  );
});
