import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration tests start real servers, keep the pool small.
    maxWorkers: 2,
    // No test may reach a real network, whatever a workbook names (see electron/engine/net/networkScope.ts).
    env: { RACKPILOT_NETWORK_SCOPE: 'loopback' },
    // Stops the OpenStack lab at the end of a run that started it (see electron/engine/testing/openstackLab.ts).
    globalSetup: ['electron/engine/testing/openstackLabGlobalSetup.ts'],
  },
});
