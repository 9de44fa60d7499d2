import { textRefSchema } from '../../../shared/i18n/textRef';
import { appErrorSchema, fail, type AppError } from '../../../shared/errors';
import {
  engineEventSchema,
  isLabEnvironment,
  progressSchema,
  stepTitleFields,
  stepUndoSchema,
  stepStates,
  type EngineEvent,
  type LogLevel,
  type LogLine,
  type Progress,
  type RunState,
  type RunSummary,
  type StepState,
  type StepUndo,
} from '../../../shared/runModel';
import type { StoredRun, StoredStep } from './types';

/*
 * Row <-> record mapping. Reads never throw on a damaged value: a JSON column
 * that does not parse (or no longer has the expected shape) reads as null, so
 * one bad row cannot hide a whole run from the user.
 */

export interface RunRow {
  id: string;
  plan_name: string;
  environment: string;
  state: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  source_json?: string | null;
  error_json?: string | null;
  last_seq?: number;
}

export interface StepRow {
  step_id: string;
  kind: string;
  title: string;
  title_key?: string | null;
  title_params_json?: string | null;
  target: string;
  deps_json: string | null;
  input_json: string | null;
  state: string;
  attempt: number;
  started_at: number | null;
  ended_at: number | null;
  progress_json: string | null;
  error_json: string | null;
  undo_json?: string | null;
}

export interface EventRow {
  run_id: string;
  seq: number;
  type: string;
  payload_json: string | null;
  at: number;
}

export interface LogRow {
  seq: number;
  step_id: string | null;
  level: string;
  at: number;
  text: string;
  text_ref_json?: string | null;
}

export function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** `undefined` and `null` are stored as NULL; values JSON cannot hold are a caller bug, reported as such. */
export function toJson(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  try {
    return JSON.stringify(value) ?? null;
  } catch (cause) {
    // Everything stored is the engine's own data or parsed JSON: a cycle or a BigInt here is a bug, not something an engineer can fix.
    return fail('internal', `The ${what} cannot be saved: it is not JSON-safe data.`, {
      detail: cause instanceof Error ? cause.message : String(cause),
    });
  }
}

export function parseError(text: string | null | undefined): AppError | null {
  const parsed = appErrorSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}

function parseProgress(text: string | null): Progress | null {
  const parsed = progressSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}

function parseUndo(text: string | null | undefined): Pick<StoredStep, 'undo'> {
  const parsed = stepUndoSchema.safeParse(parseJson(text));
  return parsed.success ? { undo: parsed.data satisfies StepUndo } : {};
}

function titleKeyOf(row: StepRow): Pick<StoredStep, 'titleKey' | 'titleParams'> {
  if (!row.title_key) return {};
  const params = stepTitleFields.titleParams.safeParse(parseJson(row.title_params_json));
  return params.success && params.data ? { titleKey: row.title_key, titleParams: params.data } : { titleKey: row.title_key };
}

function parseDeps(text: string | null): string[] {
  const value = parseJson(text);
  return Array.isArray(value) ? value.filter((dep): dep is string => typeof dep === 'string') : [];
}

export function emptyStepCounts(): Record<StepState, number> {
  const counts = {} as Record<StepState, number>;
  for (const state of stepStates) counts[state] = 0;
  return counts;
}

/** Runs stored before `rehearsal` was data carry it in their name, in English. */
const legacyRehearsalSuffix = ' (lab rehearsal)';

export function toRunSummary(row: RunRow, stepCounts: Record<StepState, number>): RunSummary {
  const rehearsal = isLabEnvironment(row.environment);
  return {
    id: row.id,
    planName: rehearsal && row.plan_name.endsWith(legacyRehearsalSuffix) ? row.plan_name.slice(0, -legacyRehearsalSuffix.length) : row.plan_name,
    environment: row.environment,
    rehearsal,
    state: row.state as RunState,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    stepCounts,
  };
}

export function toStoredRun(row: RunRow, stepCounts: Record<StepState, number>): StoredRun {
  return {
    ...toRunSummary(row, stepCounts),
    source: parseJson(row.source_json),
    lastSeq: row.last_seq ?? 0,
    error: parseError(row.error_json),
  };
}

export function toStoredStep(row: StepRow): StoredStep {
  return {
    id: row.step_id,
    kind: row.kind,
    title: row.title,
    ...titleKeyOf(row),
    target: row.target,
    deps: parseDeps(row.deps_json),
    state: row.state as StepState,
    attempt: row.attempt,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    progress: parseProgress(row.progress_json),
    error: parseError(row.error_json),
    ...parseUndo(row.undo_json),
    input: parseJson(row.input_json),
  };
}

/** An event whose payload no longer parses is left out rather than handed on half-built. */
export function toEngineEvent(row: EventRow): EngineEvent | undefined {
  const payload = parseJson(row.payload_json);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const parsed = engineEventSchema.safeParse({ ...payload, type: row.type, runId: row.run_id, seq: row.seq, at: row.at });
  return parsed.success ? parsed.data : undefined;
}

export function toLogLine(row: LogRow): LogLine {
  const line: LogLine = { seq: row.seq, stepId: row.step_id, level: row.level as LogLevel, at: row.at, text: row.text };
  // A reference this version cannot read leaves the English, which is always there.
  const ref = row.text_ref_json ? textRefSchema.safeParse(parseJson(row.text_ref_json)) : null;
  if (ref?.success) line.textRef = ref.data;
  return line;
}
