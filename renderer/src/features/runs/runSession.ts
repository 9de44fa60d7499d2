import { titleFieldsOf } from '../../../../shared/i18n/engineText';
import type { RunSnapshot, EngineEvent, LogLine } from '../../../../shared/runModel';
import type { AppError } from '../../../../shared/errors';
import { call as apiCall } from '../../api/client';
import { applyEvents } from '../../../../shared/runReducer';
import { createFrameBatcher, type Schedule } from '../../lib/frameBatcher';
import { logCap, useLogStore } from '../logs/logStore';
import { initialRunState, useRunStore } from './runStore';

/*
 * Keeps the open run in step with the engine: a snapshot (with the `seq` of
 * the last event it contains), the log, then the live events after it.
 *
 * While a snapshot or the log is being fetched, live events are held back
 * ("holding") and applied afterwards; the snapshot's `seq` fences off the
 * ones it already contains, and the log buffer skips lines it already has.
 * Live events otherwise go through a frame batcher: one store update per
 * animation frame however many events arrive.
 *
 *   closed ──open(id)──> holding ──snapshot+log──> live
 *                          ^                         │ app:connection connected (resync)
 *                          └─────────────────────────┘
 */

const logPage = 50_000;

export interface RunSession {
  open(runId: string): Promise<void>;
  close(): void;
  /** Refetches after the transport reconnected: events may have been missed. */
  resync(): Promise<void>;
  receive(events: readonly EngineEvent[]): void;
}

export function createRunSession(call: typeof apiCall = apiCall, schedule?: Schedule): RunSession {
  let generation = 0;
  let holding = false;
  let held: EngineEvent[] = [];

  const batcher = createFrameBatcher<EngineEvent>((events) => {
    if (holding) held = held.concat(events);
    else applyLive(events);
  }, schedule);

  function applyLive(events: readonly EngineEvent[]): void {
    const { snapshot } = useRunStore.getState();
    if (!snapshot) return;
    const next = applyEvents(snapshot, events);
    if (next !== snapshot) useRunStore.setState({ snapshot: next });
    useLogStore.getState().append(logLinesOf(events, snapshot.id));
  }

  /** Fetches the log after `afterSeq` page by page into the log store; stops early when superseded. */
  async function loadLog(runId: string, afterSeq: number, mine: number): Promise<AppError | null> {
    let after = afterSeq;
    for (;;) {
      const reply = await call('run:logs', { runId, afterSeq: after, limit: logPage });
      if (mine !== generation) return null;
      if (!reply.ok) return reply.error;
      useLogStore.getState().append(reply.value.lines);
      const last = reply.value.lines[reply.value.lines.length - 1];
      if (!reply.value.hasMore || !last) return null;
      after = last.seq;
    }
  }

  /** Says whether the run has lines before the tail that was fetched (one line's worth of asking). */
  async function noteOlderLines(runId: string, tailAfter: number, mine: number): Promise<void> {
    const reply = await call('run:logs', { runId, limit: 1 });
    if (mine !== generation || !reply.ok) return;
    const first = reply.value.lines[0];
    useLogStore.getState().setOlderOmitted(first !== undefined && first.seq <= tailAfter);
  }

  /** Ends holding: applies what arrived meanwhile on top of `snapshot` and goes live. */
  function release(snapshot: RunSnapshot): RunSnapshot {
    const events = [...held, ...batcher.drain()];
    held = [];
    holding = false;
    useLogStore.getState().append(logLinesOf(events, snapshot.id));
    return applyEvents(snapshot, events);
  }

  async function fetchAndRelease(runId: string, mine: number, initial: boolean): Promise<void> {
    const reply = await call('run:get', { runId });
    if (mine !== generation) return;
    if (!reply.ok) {
      const current = useRunStore.getState().snapshot;
      if (initial || !current) {
        holding = false;
        held = [];
        batcher.cancel();
        useRunStore.setState({ status: 'error', loadError: reply.error });
      } else {
        // Keep what is shown and go on with live events; the next reconnect refetches.
        useRunStore.setState({ snapshot: release(current) });
      }
      return;
    }
    const snapshot = reply.value;
    const lastLine = useLogStore.getState().buffer.lastSeq;
    // Log lines share the event sequence, so the newest `logCap` lines all
    // have seq > snapshot.seq - logCap: fetching from there gets the tail
    // without paging through lines that would be dropped anyway.
    const after = lastLine >= 0 ? lastLine : Math.max(0, snapshot.seq - logCap);
    if (lastLine < 0 && after > 0) void noteOlderLines(runId, after, mine);
    const logError = await loadLog(runId, after, mine);
    if (mine !== generation) return;
    useRunStore.setState({
      status: 'ready',
      snapshot: release(snapshot),
      stepTargets: new Map(snapshot.steps.map((step) => [step.id, step.target])),
      stepTitles: new Map(snapshot.steps.map((step) => [step.id, titleFieldsOf(step)])),
      loadError: null,
      actionError: logError ?? useRunStore.getState().actionError,
    });
  }

  async function open(runId: string): Promise<void> {
    const mine = ++generation;
    batcher.cancel();
    holding = true;
    held = [];
    useRunStore.setState({ ...initialRunState, runId, status: 'loading' });
    useLogStore.getState().reset(runId);
    await fetchAndRelease(runId, mine, true);
  }

  return {
    open,
    close() {
      generation++;
      batcher.cancel();
      holding = false;
      held = [];
      useRunStore.setState(initialRunState);
      useLogStore.getState().reset(null);
    },
    async resync() {
      const { runId, status } = useRunStore.getState();
      // A load in flight either completes or fails on its own (then the error status reopens).
      if (runId === null || status === 'loading') return;
      if (status !== 'ready') return open(runId);
      const mine = ++generation;
      holding = true;
      held = held.concat(batcher.drain());
      await fetchAndRelease(runId, mine, false);
    },
    receive(events) {
      const runId = useRunStore.getState().runId;
      const mineOnly = events.filter((event) => event.runId === runId);
      if (mineOnly.length === 0) return;
      if (holding) held = held.concat(mineOnly);
      else batcher.push(mineOnly);
    },
  };
}

function logLinesOf(events: readonly EngineEvent[], runId: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const event of events) {
    if (event.type === 'log' && event.runId === runId) for (const line of event.lines) lines.push(line);
  }
  return lines;
}

export const runSession = createRunSession();
