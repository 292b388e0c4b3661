import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser tests build the demo site once and drive Debian's Chromium; give them room.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Plot's output depends on whether a global `it` exists: keep globals off so tests see build output.
    globals: false,
    pool: 'forks',
    // A run-wide temp folder where the site tests share one build of the sample data (built on first use).
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
