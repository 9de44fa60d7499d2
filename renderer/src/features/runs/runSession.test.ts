import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../../shared/contract/channels';
import type { Reply } from '../../../../shared/reply';
import type { EngineEvent, LogLine } from '../../../../shared/runModel';
import type { call as apiCall } from '../../api/client';
import type { Schedule } from '../../lib/frameBatcher';
import { makeRun, makeStep } from '../../../../shared/testRuns';
import { useLogStore } from '../logs/logStore';
import { createRunSession } from './runSession';
import { useRunStore } from './runStore';

const line = (seq: number, stepId = 'a'): LogLine => ({ seq, stepId, level: 'info', at: seq, text: `line ${seq}` });
const logEvent = (seqs: number[], runId = 'run-1'): EngineEvent => ({ type: 'log', runId, seq: seqs[seqs.length - 1]!, at: 0, lines: seqs.map((seq) => line(seq)) });
const stepEvent = (seq: number, state: 'running' | 'succeeded' | 'failed', runId = 'run-1'): EngineEvent => ({
  type: 'step.state',
  runId,
  seq,
  at: seq,
  stepId: 'a',
  state,
  attempt: 1,
  error: null,
});

/** A fake engine: answers from `logs` and the snapshot, and records what was asked. */
function fakeEngine() {
  const requests: { channel: ChannelName; request: unknown }[] = [];
  const state = { snapshot: makeRun([makeStep('a'), makeStep('b', { target: 'vm-2' })], { seq: 10 }), logs: [] as LogLine[] };
  let gate: Promise<void> = Promise.resolve();
  let release: () => void = () => {};
  const call = (async (channel: ChannelName, request: Record<string, unknown>): Promise<Reply<unknown>> => {
    requests.push({ channel, request });
    await gate;
    if (channel === 'run:get') {
      if (request.runId !== state.snapshot.id) return { ok: false, error: { code: 'not_found', title: 'No such run', retryable: false } };
      return { ok: true, value: structuredClone(state.snapshot) };
    }
    if (channel === 'run:logs') {
      const after = (request.afterSeq as number | undefined) ?? 0;
      const limit = request.limit as number;
      const lines = state.logs.filter((entry) => entry.seq > after);
      return { ok: true, value: { lines: lines.slice(0, limit), hasMore: lines.length > limit } };
    }
    return { ok: false, error: { code: 'unsupported', title: channel, retryable: false } };
  }) as unknown as typeof apiCall;
  return {
    call,
    state,
    requests,
    /** Holds every answer until `open()` is called. */
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    open: () => release(),
  };
}

function manualFrames(): { schedule: Schedule; tick(): void } {
  let due: (() => void)[] = [];
  return {
    schedule: (callback) => {
      due.push(callback);
      return () => (due = due.filter((entry) => entry !== callback));
    },
    tick: () => {
      const now = due;
      due = [];
      for (const callback of now) callback();
    },
  };
}

const shownLogSeqs = (): number[] => {
  const { buffer } = useLogStore.getState();
  return Array.from({ length: buffer.size }, (_, i) => buffer.at(buffer.firstIndex + i)!.seq);
};

describe('run session', () => {
  beforeEach(() => {
    useLogStore.getState().reset(null);
  });

  it('applies only the events after the snapshot that arrived while it loaded, without repeating log lines', async () => {
    const engine = fakeEngine();
    engine.state.logs = [line(3), line(7), line(11)];
    const frames = manualFrames();
    const session = createRunSession(engine.call, frames.schedule);
    engine.hold();
    const opening = session.open('run-1');
    expect(useRunStore.getState().status).toBe('loading');
    session.receive([stepEvent(9, 'running'), logEvent([7]), logEvent([11, 12]), stepEvent(13, 'succeeded'), stepEvent(99, 'failed', 'other-run')]);
    engine.open();
    await opening;
    const { snapshot, status, stepTargets } = useRunStore.getState();
    expect(status).toBe('ready');
    expect(snapshot?.seq).toBe(13);
    expect(snapshot?.steps[0]?.state).toBe('succeeded');
    expect(stepTargets.get('b')).toBe('vm-2');
    expect(shownLogSeqs()).toEqual([3, 7, 11, 12]);
    expect(engine.requests.map((entry) => entry.channel)).toEqual(['run:get', 'run:logs']);
  });

  it('applies live events once per frame, in one store update', async () => {
    const engine = fakeEngine();
    const frames = manualFrames();
    const session = createRunSession(engine.call, frames.schedule);
    await session.open('run-1');
    let updates = 0;
    const unsubscribe = useRunStore.subscribe(() => updates++);
    session.receive([stepEvent(11, 'running')]);
    session.receive([logEvent([12, 13])]);
    session.receive([stepEvent(14, 'failed')]);
    expect(updates).toBe(0);
    frames.tick();
    unsubscribe();
    expect(updates).toBe(1);
    expect(useRunStore.getState().snapshot?.steps[0]?.state).toBe('failed');
    expect(shownLogSeqs()).toEqual([12, 13]);
  });

  it('after a reconnect refetches the snapshot and only the log lines it does not have', async () => {
    const engine = fakeEngine();
    engine.state.logs = [line(1), line(2)];
    const session = createRunSession(engine.call, manualFrames().schedule);
    await session.open('run-1');
    engine.state.logs.push(line(20), line(21));
    engine.state.snapshot = { ...engine.state.snapshot, seq: 22, state: 'paused' };
    await session.resync();
    expect(useRunStore.getState().snapshot).toMatchObject({ seq: 22, state: 'paused' });
    expect(shownLogSeqs()).toEqual([1, 2, 20, 21]);
    const lastLogRequest = engine.requests.filter((entry) => entry.channel === 'run:logs').pop();
    expect(lastLogRequest?.request).toMatchObject({ afterSeq: 2 });
  });

  it('pages through a long log', async () => {
    const engine = fakeEngine();
    engine.state.logs = Array.from({ length: 120_000 }, (_, i) => line(i + 1));
    engine.state.snapshot = { ...engine.state.snapshot, seq: 120_000 };
    const session = createRunSession(engine.call, manualFrames().schedule);
    await session.open('run-1');
    expect(useLogStore.getState().buffer.size).toBe(120_000);
    expect(engine.requests.filter((entry) => entry.channel === 'run:logs')).toHaveLength(3);
  });

  it('fetches only the tail of a log longer than the cap, and says that older lines exist', async () => {
    const engine = fakeEngine();
    engine.state.logs = [line(1), ...Array.from({ length: 11 }, (_, i) => line(240_000 + i))];
    engine.state.snapshot = { ...engine.state.snapshot, seq: 240_010 };
    const session = createRunSession(engine.call, manualFrames().schedule);
    await session.open('run-1');
    expect(shownLogSeqs()).toHaveLength(11);
    expect(shownLogSeqs()[0]).toBe(240_000);
    await expect.poll(() => useLogStore.getState().olderOmitted).toBe(true);
  });

  it('ignores the answer for a run the user has already left', async () => {
    const engine = fakeEngine();
    const session = createRunSession(engine.call, manualFrames().schedule);
    engine.hold();
    const first = session.open('run-1');
    const second = session.open('missing');
    engine.open();
    await Promise.all([first, second]);
    expect(useRunStore.getState()).toMatchObject({ runId: 'missing', status: 'error', snapshot: null });
    expect(useRunStore.getState().loadError?.code).toBe('not_found');
  });
});
