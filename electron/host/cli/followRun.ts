import { AppFailure } from '../../../shared/errors';
import type { ChannelName, ParsedRequestOf, ValueOf } from '../../../shared/contract/channels';
import { dispatch } from '../../../shared/contract/dispatch';
import type { EngineEvent, RunSnapshot, RunState } from '../../../shared/runModel';
import { finalRunStates } from '../../../shared/runModel';
import { applyEvents } from '../../../shared/runReducer';
import type { EngineService } from '../../engine/service/types';

/** Calls the engine through the same contract as the UI, so the CLI cannot do what the UI cannot. */
export async function call<C extends ChannelName>(engine: EngineService, channel: C, request: ParsedRequestOf<C> | Record<string, unknown>): Promise<ValueOf<C>> {
  const reply = await dispatch(engine.handlers, channel, request);
  if (!reply.ok) throw new AppFailure(reply.error);
  return reply.value as ValueOf<C>;
}

/**
 * Subscribes before fetching the snapshot and applies everything after its
 * seq, so no event falls between the two. Resolves with the final state.
 */
export async function followRun(
  engine: EngineService,
  runId: string,
  onChange: (snapshot: RunSnapshot, events: EngineEvent[]) => void,
): Promise<RunState> {
  let snapshot: RunSnapshot | undefined;
  const early: EngineEvent[] = [];
  let settle: (state: RunState) => void = () => undefined;
  const finished = new Promise<RunState>((resolve) => (settle = resolve));
  const unsubscribe = engine.onEvents((events) => {
    const mine = events.filter((event) => event.runId === runId);
    if (mine.length === 0) return;
    if (!snapshot) {
      early.push(...mine);
      return;
    }
    snapshot = applyEvents(snapshot, mine);
    onChange(snapshot, mine);
    if (finalRunStates.has(snapshot.state)) settle(snapshot.state);
  });
  try {
    snapshot = applyEvents(await call(engine, 'run:get', { runId }), early);
    onChange(snapshot, early);
    if (finalRunStates.has(snapshot.state)) return snapshot.state;
    return await finished;
  } finally {
    unsubscribe();
  }
}
