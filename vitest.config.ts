import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The package and set-up checks take minutes: `npm run test:package` runs them.
    exclude: [...configDefaults.exclude, 'test/package/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // End-to-end tests start Chromium; two cores, so keep the parallelism modest.
    maxWorkers: 2,
    // One temporary folder for the whole run, removed at its end (test/helpers/temporary-folder.ts).
    globalSetup: ['test/helpers/temporary-folder.ts'],
  },
});
