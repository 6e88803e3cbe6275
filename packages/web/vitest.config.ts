import { defineConfig } from 'vitest/config';

// The browser tests drive the built app (dist/) in Debian's Chromium through playwright-core.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
