import { defineConfig } from 'vitest/config';

// The browser tests drive the built app (dist/) in Debian's Chromium through playwright-core: one
// preview server and one browser for the whole run (test/global-browser.ts), a context per file.
export default defineConfig({
  test: {
    globalSetup: ['test/global-browser.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
