import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { flatText, runCliAsync } from './pdf-support.js';

const SMALL = join(ROOT, 'test/fixtures/small-numbers');

/** A configuration whose user text is hostile markup aimed at a server of ours. */
function hostileConfig(dir: string, port: number): string {
  const url = `http://127.0.0.1:${port}`;
  const narrative = [
    `Before <img src="${url}/img"> after.`,
    `<script>fetch('${url}/script')</script>`,
    `<link rel="stylesheet" href="${url}/css"><iframe src="${url}/frame"></iframe>`,
    `<style>@import url(${url}/import); body { background: url(${url}/bg) }</style>`,
  ].join('\n\n');
  const file = join(dir, 'impact-report.yaml');
  writeFileSync(
    file,
    JSON.stringify({
      organisation: { name: 'Vale <b>Parent</b> Infant Project', charityNumber: '1000001' },
      input: { outcomes: join(SMALL, 'outcomes.csv'), referrals: join(SMALL, 'referrals.csv') },
      grants: {
        hostile: {
          funder: `Fund <img src="${url}/funder">`,
          title: `Title <svg onload="fetch('${url}/svg')"></svg>`,
          period: '2024',
          narrative,
        },
      },
    }),
  );
  return file;
}

describe('sealed rendering', () => {
  let server: Server;
  let port = 0;
  const seen: string[] = [];
  const out = mkdtempSync(join(tmpdir(), 'impact-sealed-'));

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.url ?? '');
      response.end('no');
    });
    server.on('connection', () => seen.push('(connection)'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('prints hostile user text as text, and the browser asks our server for nothing', async () => {
    const config = hostileConfig(out, port);
    // Async, so this process's server can answer if the browser did ask.
    const result = await runCliAsync([
      '--config',
      config,
      '--grant',
      'hostile',
      '--out',
      out,
      '--format',
      'pdf,html',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(seen).toEqual([]);

    const text = flatText(join(out, 'hostile_2024.pdf'));
    expect(text).toContain(`Before <img src="http://127.0.0.1:${port}/img"> after.`);
    expect(text).toContain(`<script>fetch('http://127.0.0.1:${port}/script')</script>`);
    expect(text).toContain(`Fund <img src="http://127.0.0.1:${port}/funder">`);
    expect(text).toContain('Vale <b>Parent</b> Infant Project');

    const html = readFileSync(join(out, 'hostile_2024.html'), 'utf8');
    expect(html).not.toMatch(/<script|<iframe|<link\b|<img src="http|<svg onload/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('the same HTML opened in a browser without our guards still loads nothing (CSP)', () => {
    const html = readFileSync(join(out, 'hostile_2024.html'), 'utf8');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'">`,
    );
  });
});

describe('without a browser', () => {
  it('exits 4, listing what was tried and how to install one', () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-nobrowser-'));
    const result = runCli(['--grant', 'powerhouse-2024', '--out', out], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' },
    });
    expect(result.status).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No usable Chrome or Chromium was found.');
    expect(result.stderr).toContain('Tried, in order:');
    expect(result.stderr).toContain('PUPPETEER_EXECUTABLE_PATH=/nonexistent/chrome (no such file)');
    expect(result.stderr).toContain('sudo apt-get install -y chromium');
    expect(result.stderr).toContain('npx puppeteer browsers install chrome');
    expect(result.stderr).toContain('--format json,html');
  });

  it('exits 4 when the browser found will not start', () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-nobrowser-'));
    const result = runCli(['--grant', 'powerhouse-2024', '--out', out], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/bin/false' },
    });
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('The browser would not start.');
    expect(result.stderr).toContain('/bin/false (found, but it would not start');
  });

  it('still writes HTML and JSON, which need no browser', () => {
    const out = mkdtempSync(join(tmpdir(), 'impact-nobrowser-'));
    const result = runCli(['--grant', 'powerhouse-2024', '--out', out, '--format', 'html,json'], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' },
    });
    expect(result.status).toBe(0);
    expect(readFileSync(join(out, 'powerhouse-2024_2024.html'), 'utf8')).toContain('<!DOCTYPE html>');
  });
});
