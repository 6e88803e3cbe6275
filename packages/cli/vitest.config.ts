import { defineConfig } from 'vitest/config';

// Timeouts guard against hangs only: on a loaded 2-core machine a CLI test may take minutes.

export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 },
});
