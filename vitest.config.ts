import { defineConfig } from 'vitest/config';

// Unit tests: the pure core and the storage layer (fake-indexeddb) run in Node.
// Browser tests live in tests/e2e and run under Playwright, not here.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
