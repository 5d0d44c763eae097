import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // End-to-end tests start Chromium; two cores, so keep the parallelism modest.
    maxWorkers: 2,
  },
});
