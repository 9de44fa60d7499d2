import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { doneStepStates, stepStates, type StepState } from '../../../shared/runModel';
import type { GraphIndex } from './graph';
import type { Attempt } from './attempt';
import type { StepKind, StepSpec } from './types';

export interface InitialStepState {
  state: StepState;
  attempt: number;
}

/** The runner's mutable view of one step. */
export interface StepRecord {
  readonly index: number;
  readonly spec: StepSpec;
  readonly kind: StepKind;
  /** Undefined when no key limit applies to the step. */
  readonly key: string | undefined;
  readonly keyLimit: number;
  /** Dependencies not yet succeeded or skipped. */
  remaining: number;
  state: StepState;
  attempt: number;
  /** Attempts since the step last became ready: the retry budget is per round, so resume and retryStep get a fresh one. */
  roundAttempts: number;
  /** check() has not yet answered in this round. */
  needsCheck: boolean;
  /** Waiting for a slot (in the ready heap or parked on its key). */
  queued: boolean;
  /** The attempt executing now, if any. */
  current: Attempt | null;
}

const knownStates: ReadonlySet<string> = new Set(stepStates);

/**
 * Done and failed steps keep their state; anything that was in flight when
 * the previous run stopped starts over as pending (check() then tells
 * whether its effect is already in place).
 */
function normalise(state: StepState): StepState {
  return doneStepStates.has(state) || state === 'failed' ? state : 'pending';
}

const noKey = { key: undefined, keyLimit: Infinity } as const;

function keyOf(spec: StepSpec, kind: StepKind): { key: string | undefined; keyLimit: number } {
  const { concurrencyKey, keyLimit } = kind.policy;
  if (concurrencyKey === undefined || keyLimit === undefined || keyLimit === Infinity) return noKey;
  try {
    const key = concurrencyKey(spec);
    return { key: key === undefined ? undefined : String(key), keyLimit };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return fail('internal', `Step kind '${spec.kind}' could not compute the concurrency key of step '${spec.id}'.`, {
      detail: message,
    });
  }
}

function checkInitial(graph: GraphIndex, initial: Record<string, InitialStepState>): void {
  for (const [id, given] of Object.entries(initial)) {
    if (!graph.indexById.has(id)) fail('invalid_request', text('service.saved.unknownStep', { step: id }));
    if (!knownStates.has(given?.state)) {
      fail('invalid_request', text('service.saved.badState', { step: id, state: String(given?.state) }));
    }
    if (!Number.isInteger(given.attempt) || given.attempt < 0) {
      fail('invalid_request', text('service.saved.badAttempt', { step: id, attempt: String(given.attempt) }));
    }
  }
}

/**
 * Builds the records; `changed` lists those whose saved state was normalised
 * (reported on the first start), `done` counts those already succeeded or skipped.
 */
export function buildRecords(
  steps: readonly StepSpec[],
  graph: GraphIndex,
  initial: Record<string, InitialStepState> = {},
): { records: StepRecord[]; changed: StepRecord[]; done: number } {
  checkInitial(graph, initial);
  const changed: StepRecord[] = [];
  const records: StepRecord[] = [];
  const hasSaved = Object.keys(initial).length > 0;
  for (let index = 0; index < steps.length; index++) {
    const spec = steps[index] as StepSpec;
    const kind = graph.kinds[index] as StepKind;
    const saved = hasSaved && Object.hasOwn(initial, spec.id) ? initial[spec.id] : undefined;
    const state = saved === undefined ? 'pending' : normalise(saved.state);
    const { key, keyLimit } = keyOf(spec, kind);
    const record: StepRecord = {
      index,
      spec,
      kind,
      key,
      keyLimit,
      remaining: 0,
      state,
      attempt: saved?.attempt ?? 0,
      roundAttempts: 0,
      needsCheck: true,
      queued: false,
      current: null,
    };
    if (saved !== undefined && saved.state !== state) changed.push(record);
    records.push(record);
  }
  const { start, edges } = graph.deps;
  let done = 0;
  for (const record of records) {
    if (doneStepStates.has(record.state)) done++;
    for (let edge = start[record.index] as number; edge < (start[record.index + 1] as number); edge++) {
      if (!doneStepStates.has((records[edges[edge] as number] as StepRecord).state)) record.remaining++;
    }
  }
  return { records, changed, done };
}
