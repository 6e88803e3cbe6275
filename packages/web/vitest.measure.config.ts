import { defineConfig } from 'vitest/config';

// `pnpm measure`: figures for the README (first paint, bundle size), kept out of the test suite.
export default defineConfig({
  test: {
    globalSetup: ['test/global-browser.ts'],
    include: ['measure/**/*.measure.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
