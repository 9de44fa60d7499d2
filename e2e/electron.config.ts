import { defineConfig } from '@playwright/test';

/*
 * The desktop app's spec on its own (`npx playwright test --config e2e/electron.config.ts`).
 * It launches Electron itself, so it needs no browser project; it skips
 * where no Electron binary is installed.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'electron.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  outputDir: '../test-results/electron',
});
