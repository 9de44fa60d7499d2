import { defineConfig } from '@playwright/test';

/*
 * The web UI against the real web host and engine (`npm run test:e2e`;
 * build the renderer first). Each test starts its own host with a fresh data
 * directory (webhost.fixture.ts). Debian's Chromium, never a downloaded one.
 * Screenshots of every screen visited go to e2e/artifacts/screens/.
 */
// The web hosts and labs the specs start inherit this: no connection leaves loopback
// (the sample plan's endpoint and VM addresses are private-range ones).
process.env.RACKPILOT_NETWORK_SCOPE = 'loopback';

export default defineConfig({
  testDir: '.',
  // Numbered specs only: electron.spec.ts has a config of its own.
  testMatch: /[\\/]\d\d-[^\\/]+\.spec\.ts$/,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  outputDir: 'artifacts/test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
