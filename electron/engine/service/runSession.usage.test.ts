import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/runModel';
import { applyEvents } from '../../../shared/runReducer';
import { deferred, policy } from '../runner/testFakes';
import type { StepKind } from '../runner/types';
import { openStore } from '../store/openStore';
import { makeTempDir, sampleRun } from '../store/storeTestKit';
import { Redactor } from '../util/redactor';
import { RunSession } from './runSession';
import type { UsageSource } from './usagePoller';

const temp = makeTempDir('run-usage');
afterAll(() => temp.remove());

/** A step that holds until the test lets it finish, so the poller gets several rounds in. */
function heldKind(release: Promise<void>): StepKind {
  return { kind: 'work', policy: policy(), check: async () => false, run: () => release };
}

describe('RunSession usage polling', () => {
  it('publishes usage while the run executes, ends with a final reading before the final state, and logs a failed read as debug', async () => {
    const store = openStore(temp.file('usage.sqlite'));
    const runId = 'run-usage-1';
    store.createRun(sampleRun(runId), [{ id: 'a', kind: 'work', title: 'A', target: 'a', deps: [], input: null }]);
    let reads = 0;
    const source: UsageSource = {
      endpoint: 'cloud-1',
      read: async () => {
        reads += 1;
        if (reads === 2) throw new Error('limits unavailable');
        return { endpoint: 'cloud-1', meters: [{ id: 'instances', used: reads, quota: 20, total: null }] };
      },
    };
    const emitted: EngineEvent[] = [];
    const release = deferred();
    const session = new RunSession({ runId, store, kinds: { work: heldKind(release.promise) }, concurrency: 1, redactor: new Redactor(), emit: (events) => emitted.push(...events), usageSources: [source], usageIntervalMs: 20 });
    const done = session.start();
    while (reads < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    release.resolve();
    await done;
    await session.close();
    const readsAtEnd = reads;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(reads).toBe(readsAtEnd);

    const usageEvents = emitted.filter((event) => event.type === 'run.usage');
    expect(usageEvents.length).toBe(readsAtEnd - 1);
    const finalState = emitted.findLast((event) => event.type === 'run.state');
    expect(finalState).toMatchObject({ state: 'succeeded' });
    expect(usageEvents.at(-1)!.seq).toBeLessThan(finalState!.seq);

    const snapshot = store.getSnapshot(runId)!;
    const replayed = applyEvents({ ...snapshot, seq: 0 }, store.getEventsAfter(runId, 0, 1000));
    expect(replayed.usage?.['cloud-1']?.[0]).toEqual({ id: 'instances', used: readsAtEnd, quota: 20, total: null });
    const lines = store.getLogLines(runId, { limit: 100 }).lines;
    expect(lines.some((line) => line.level === 'debug' && line.text.includes('limits unavailable'))).toBe(true);
    store.close();
  });
});
