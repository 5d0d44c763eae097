import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { findBrowser, INSTALL_HINT, isHeadlessShell } from '../../src/pdf/browser.js';

// Any file that exists stands in for a browser here: discovery only looks for the file.
const EXISTING = process.execPath;

function failure(run: () => unknown): ReportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReportError) return error;
    throw error;
  }
  throw new Error('expected a ReportError');
}

describe('browser discovery (report.md order)', () => {
  it('1. PUPPETEER_EXECUTABLE_PATH first, over puppeteer’s own', () => {
    const own = () => '/somewhere/else';
    expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: EXISTING }, own)).toEqual({ path: EXISTING, tried: [] });
  });

  it('a path set in the environment that does not exist fails at once (exit 4), naming it', () => {
    const error = failure(() => findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent' }, () => EXISTING));
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain('PUPPETEER_EXECUTABLE_PATH=/nonexistent (no such file)');
    expect(error.hint).toBe(INSTALL_HINT);
  });

  it('2. then puppeteer’s own downloaded browser', () => {
    expect(findBrowser({}, () => EXISTING).path).toBe(EXISTING);
  });

  it('3. then a system Chrome or Chromium, saying what was tried before it', () => {
    const choice = (() => {
      try {
        return findBrowser({}, () => '/cache/puppeteer/chrome/linux-148/chrome');
      } catch (error) {
        return error as ReportError;
      }
    })();
    if (choice instanceof ReportError) {
      // No system browser on this machine: the message lists puppeteer's and every usual path.
      expect(choice.exitCode).toBe(4);
      expect(choice.message).toContain("puppeteer's own browser at /cache/puppeteer/chrome/linux-148/chrome");
      expect(choice.message).toContain('/usr/bin/chromium');
      // Chromium's headless shell is looked for before a whole Chromium.
      expect(choice.message.indexOf('/usr/lib/chromium/chromium-headless-shell')).toBeLessThan(
        choice.message.indexOf('/usr/bin/chromium\n'),
      );
      expect(choice.message).toContain('/usr/bin/google-chrome');
    } else {
      expect(choice.tried[0]).toBe(
        "puppeteer's own browser at /cache/puppeteer/chrome/linux-148/chrome (not downloaded)",
      );
      expect(choice.path).toMatch(/chrom/i);
      // Chromium's headless shell, where installed, over any whole browser (set-up installs it on Debian).
      if (existsSync('/usr/lib/chromium/chromium-headless-shell'))
        expect(choice.path).toBe('/usr/lib/chromium/chromium-headless-shell');
    }
  });

  it('survives puppeteer failing to say where its browser is', () => {
    const error = (() => {
      try {
        return findBrowser({}, () => {
          throw new Error('no cache');
        });
      } catch (e) {
        return e as ReportError;
      }
    })();
    const tried = error instanceof ReportError ? error.message : error.tried.join('\n');
    expect(tried).toContain("puppeteer's own browser (none)");
  });
});

describe('Chromium’s headless shell', () => {
  it('is told apart by its file’s name, wherever it is installed', () => {
    expect(isHeadlessShell('/usr/bin/chromium-headless-shell')).toBe(true);
    expect(isHeadlessShell('/usr/lib/chromium/chromium-headless-shell')).toBe(true);
    expect(
      isHeadlessShell(
        '/root/.cache/puppeteer/chrome-headless-shell/linux-148.0/chrome-headless-shell-linux64/chrome-headless-shell',
      ),
    ).toBe(true);
    expect(isHeadlessShell('C:\\puppeteer\\chrome-headless-shell-win64\\chrome-headless-shell.exe')).toBe(
      true,
    );
  });

  it('is not a whole browser, even one in a folder named after the shell', () => {
    expect(isHeadlessShell('/usr/bin/chromium')).toBe(false);
    expect(isHeadlessShell('/usr/bin/google-chrome-stable')).toBe(false);
    expect(isHeadlessShell('/opt/headless-shell-tools/chrome')).toBe(false);
  });
});
