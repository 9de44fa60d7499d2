import type { RetryPolicy } from '../../runner/types';
import type { InstallTimings } from './install';
import type { VmTimings } from './towerVm';
import type { VerifyTimings } from './verify';

/** Every wait of the pipeline; a rehearsal uses the short ones (the lab's installer takes seconds, not 20 minutes). */
export interface SmartxTimings {
  chunkRetry: RetryPolicy;
  vm: VmTimings;
  install: InstallTimings;
  verify: VerifyTimings;
  task: { intervalMs: number; timeoutMs: number };
}

export const siteTimings: SmartxTimings = {
  // Each chunk: 3 tries, 2 s doubling (the design's tenacity backoff).
  chunkRetry: { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 20_000, jitter: 0.2 },
  vm: { poll: { intervalMs: 3000, timeoutMs: 30 * 60_000 }, guestAgentTimeoutMs: 45 * 60_000, createAttempts: 4, retryDelayMs: 10_000 },
  install: { graceMs: 3 * 60_000, timeoutMs: 60 * 60_000, preinstallTimeoutMs: 10 * 60_000 },
  verify: { tries: 3, intervalMs: 10_000, timeoutMs: 10_000 },
  task: { intervalMs: 2000, timeoutMs: 30 * 60_000 },
};

export const labTimings: SmartxTimings = {
  chunkRetry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200, jitter: 0 },
  vm: { poll: { intervalMs: 100, timeoutMs: 60_000 }, guestAgentTimeoutMs: 20_000, createAttempts: 4, retryDelayMs: 50 },
  install: { graceMs: 500, timeoutMs: 60_000, preinstallTimeoutMs: 30_000 },
  verify: { tries: 3, intervalMs: 500, timeoutMs: 5000 },
  task: { intervalMs: 100, timeoutMs: 60_000 },
};
