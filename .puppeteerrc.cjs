// Puppeteer downloads its own Chrome on `npm ci` unless told not to. Where a usable
// browser is already installed (the project's set-up installs Debian's Chromium) or
// PUPPETEER_SKIP_DOWNLOAD is set, skip it; users elsewhere still get the download.
const { existsSync } = require('node:fs');

const systemBrowsers = [
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].filter(Boolean);

const skip =
  ['1', 'true'].includes(String(process.env.PUPPETEER_SKIP_DOWNLOAD).toLowerCase()) ||
  systemBrowsers.some((path) => existsSync(path));

module.exports = { skipDownload: skip };
