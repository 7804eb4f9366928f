import { defineConfig } from '@playwright/test';

// Every test launches its own Chromium with the built extension (tests/e2e/fixtures.ts), so
// profiles — and the extension's IndexedDB — never leak between tests.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'off' },
});
