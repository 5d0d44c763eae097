import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandHere } from '../../src/commands/init.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const temp = () => mkdtempSync(join(tmpdir(), 'impact-command-'));

// issue 15: init's "Next:" must print a command that works where the user is.
describe('commandHere', () => {
  it('in a starter inside a clone, run from its shell: node and the relative path of the CLI', async () => {
    expect(await commandHere({ PATH: '/usr/bin:/bin' }, join(PROJECT_ROOT, 'my-reports'))).toBe(
      'node ../dist/cli.js',
    );
  });

  it('far from the clone: node and the absolute path, quoted when it needs to be', async () => {
    expect(await commandHere({ PATH: '' }, '/')).toBe(`node ${CLI.slice(1)}`);
    const far = join(temp(), 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k');
    expect(await commandHere({ PATH: '' }, far)).toBe(/\s/.test(CLI) ? `node '${CLI}'` : `node ${CLI}`);
  });

  it('with impact-report on PATH leading to this very CLI: impact-report', async () => {
    const bin = temp();
    symlinkSync(CLI, join(bin, 'impact-report'));
    expect(await commandHere({ PATH: `/nowhere:${bin}` }, temp())).toBe('impact-report');
  });

  it('an impact-report on PATH that is another installation does not count', async () => {
    const bin = temp();
    symlinkSync('/bin/true', join(bin, 'impact-report'));
    expect(await commandHere({ PATH: bin }, PROJECT_ROOT)).toBe('node dist/cli.js');
  });

  it('under npx: npx impact-report inside the project that has the tool, node outside it', async () => {
    const npx = { npm_command: 'exec', npm_config_local_prefix: PROJECT_ROOT, PATH: '' };
    expect(await commandHere(npx, join(PROJECT_ROOT, 'my-reports'))).toBe('npx impact-report');
    expect(await commandHere(npx, join(temp(), 'x'))).toMatch(/^node /);
  });

  it("under npm, PATH holds npm's own folders and is not trusted", async () => {
    const bin = temp();
    symlinkSync(CLI, join(bin, 'impact-report'));
    expect(await commandHere({ npm_command: 'run-script', PATH: bin }, join(PROJECT_ROOT, 'x'))).toBe(
      'node ../dist/cli.js',
    );
  });
});
