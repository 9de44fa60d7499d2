import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlatformUsage } from '../providers/types';
import { UsagePoller, type UsageSource } from './usagePoller';
import { EndpointSessions } from '../net/endpointSessions';

/** A fake platform whose instance count grows by one per read. */
function countingSource(endpoint: string, failOn: ReadonlySet<number> = new Set()): UsageSource & { reads: number } {
  const source = {
    endpoint,
    reads: 0,
    read: async (): Promise<PlatformUsage> => {
      source.reads += 1;
      if (failOn.has(source.reads)) throw new Error(`quota service down (read ${source.reads})`);
      return { endpoint, meters: [{ id: 'instances', used: source.reads, quota: 10, total: null }] };
    },
  };
  return source;
}

describe('UsagePoller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads at start, every interval and once at stop, then leaves no timer', async () => {
    const source = countingSource('os1');
    const published: PlatformUsage[] = [];
    const poller = new UsagePoller({ sessions: new EndpointSessions(), sources: [source], intervalMs: 5000, publish: (usage) => published.push(usage), debug: () => undefined });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(source.reads).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(source.reads).toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(source.reads).toBe(3);
    await poller.stop();
    expect(source.reads).toBe(4);
    expect(published.map((usage) => usage.meters[0]!.used)).toEqual([1, 2, 3, 4]);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(source.reads).toBe(4);
  });

  it('turns a failed read into a debug line and keeps polling the others', async () => {
    const failing = countingSource('os1', new Set([1]));
    const healthy = countingSource('os2');
    const published: string[] = [];
    const debug: string[] = [];
    const poller = new UsagePoller({ sessions: new EndpointSessions(), sources: [failing, healthy], intervalMs: 1000, publish: (usage) => published.push(`${usage.endpoint}:${usage.meters[0]!.used}`), debug: (line) => debug.push(line) });
    poller.start();
    await vi.advanceTimersByTimeAsync(1000);
    await poller.stop();
    expect(debug).toEqual(['Could not read the use of os1: quota service down (read 1)']);
    expect(published).toContain('os1:2');
    expect(published).toContain('os2:1');
    expect(published).toContain('os2:3');
  });

  it('never overlaps rounds when a read is slower than the interval', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: UsageSource = {
      endpoint: 'os1',
      read: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 3000));
        inFlight -= 1;
        return { endpoint: 'os1', meters: [] };
      },
    };
    const poller = new UsagePoller({ sessions: new EndpointSessions(), sources: [slow], intervalMs: 500, publish: () => undefined, debug: () => undefined });
    poller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    const stopping = poller.stop();
    await vi.advanceTimersByTimeAsync(6000);
    await stopping;
    expect(most).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does nothing without sources, and stop before start reads nothing', async () => {
    const source = countingSource('os1');
    const empty = new UsagePoller({ sessions: new EndpointSessions(), sources: [], intervalMs: 1000, publish: () => undefined, debug: () => undefined });
    empty.start();
    await empty.stop();
    const unstarted = new UsagePoller({ sessions: new EndpointSessions(), sources: [source], intervalMs: 1000, publish: () => undefined, debug: () => undefined });
    await unstarted.stop();
    expect(source.reads).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
