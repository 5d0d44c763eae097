// Puppeteer downloads its own Chrome when it is installed, unless told not to. Where a usable
// browser is already installed (the project's set-up installs Debian's Chromium headless shell;
// GitHub's Ubuntu runners have Google Chrome) or PUPPETEER_SKIP_DOWNLOAD is set, skip it: the
// download fails where its host cannot be reached, and the install with it. Users without a browser
// still get puppeteer's own. Shipped in the npm package too: puppeteer looks for this file from its
// own folder upwards, which for a global install (npm install --global) passes through
// impact-report's folder. (A project that has impact-report as a dependency needs its own copy, or
// PUPPETEER_SKIP_DOWNLOAD=true.)
const { accessSync, constants } = require('node:fs');

const systemBrowsers = [
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter(Boolean);

const runnable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const skip =
  ['1', 'true'].includes(String(process.env.PUPPETEER_SKIP_DOWNLOAD).toLowerCase()) ||
  systemBrowsers.some(runnable);

module.exports = { skipDownload: skip };
