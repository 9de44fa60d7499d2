import { describe, expect, it } from 'vitest';
import { abortableSleep, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 5000, jitter: 0 };

  it('doubles from the base delay and stops at the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(policy, attempt, () => 0.9))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('randomises only the jitter share of the delay, never past the cap', () => {
    const jittered = { ...policy, jitter: 0.2 };
    expect(backoffDelay(jittered, 2, () => 0)).toBe(800);
    expect(backoffDelay(jittered, 2, () => 1)).toBe(1000);
    expect(backoffDelay(jittered, 9, () => 1)).toBe(5000);
  });
});

describe('abortableSleep', () => {
  it('rejects with the reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });

  it('resolves after the delay', async () => {
    await expect(abortableSleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });
});
