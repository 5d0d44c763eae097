import { defineConfig } from 'vitest/config';

// The slow checks of what a user installs, run by `npm run test:package` (and .ci/run) after
// `npm test`: the npm package installed from its tarball, the scheduled workflow's commands,
// scripts/setup.sh. An npm install compiles node-canvas here, so they take minutes, not seconds.
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    maxWorkers: 2,
    // One temporary folder for the whole run, removed at its end (test/helpers/temporary-folder.ts).
    globalSetup: ['test/helpers/temporary-folder.ts'],
  },
});
