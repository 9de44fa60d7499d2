import type { TextRef } from '../../../shared/i18n/textRef';
import type { AppError } from '../../../shared/errors';
import type { EngineEvent, LogLevel, LogLine, Progress, RunState, RunSummary, StepSnapshot, StepState, StepUndo } from '../../../shared/runModel';
import type { TrustPin } from '../../../shared/contract/channels';

export interface NewRun {
  id: string;
  planName: string;
  environment: string;
  /** The graph and source as JSON-safe data (secrets already redacted), enough to rebuild the run after a restart. */
  source: unknown;
  createdAt: number;
}

export interface NewStep {
  id: string;
  kind: string;
  title: string;
  titleKey?: string;
  titleParams?: Record<string, string | number>;
  target: string;
  deps: string[];
  input: unknown;
}

export interface StoredStep extends StepSnapshot {
  input: unknown;
}

export interface StoredRun extends RunSummary {
  source: unknown;
  lastSeq: number;
  error: AppError | null;
}

export interface NewLogLine {
  runId: string;
  stepId: string | null;
  level: LogLevel;
  at: number;
  text: string;
  textRef?: TextRef | undefined;
}

export interface LogQuery {
  afterSeq?: number;
  limit: number;
  stepId?: string;
  minLevel?: LogLevel;
}

export interface StepUpdate {
  state?: StepState;
  attempt?: number;
  startedAt?: number | null;
  endedAt?: number | null;
  progress?: Progress | null;
  error?: AppError | null;
  /** A rollback's record of the step; the other fields stay what its run made them. */
  undo?: StepUndo | null;
}

export interface RunUpdate {
  state?: RunState;
  startedAt?: number | null;
  endedAt?: number | null;
  error?: AppError | null;
}

export interface NewPin {
  kind: 'tls' | 'ssh';
  host: string;
  port: number;
  fingerprint: string;
  subject: string | null;
}
