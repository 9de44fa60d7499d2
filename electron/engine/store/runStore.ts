import type { Database } from 'better-sqlite3';
import type { TrustPin } from '../../../shared/contract/channels';
import type { TrustEvent } from '../../../shared/contract/wizardChannels';
import type { EngineEvent, LogLine, RunSnapshot, RunSummary } from '../../../shared/runModel';
import { text, type TextRef } from '../../../shared/i18n/engineText';
import type { ArtifactStore } from '../runner/types';
import { Artifacts } from './artifacts';
import type { FileHashCache } from '../transfer/types';
import { EventLog } from './eventLog';
import { FileHashes } from './fileHashes';
import { LogLines } from './logLines';
import { TrustPins } from './pins';
import type { ArtifactEntry, ListRunsQuery, NewReservation, Reservation, RunChange } from './records';
import { Reservations } from './reservations';
import { RunRecords } from './runs';
import { StepDurations, type PastStepDurations } from './stepDurations';
import { useFailure } from './storeErrors';
import { clipRedacted, redactDeep, type TextRedactor } from '../util/redactor';
import type { LogQuery, NewLogLine, NewPin, NewRun, NewStep, StoredRun, StoredStep } from './types';

/** A log line longer than this is cut (after redaction) with a note of its length. */
export const maxLogLineLength = 16_000;

const noRedaction: TextRedactor = { redact: (text) => text };

/**
 * The engine's persistent state: runs, steps, events, log lines, artifacts,
 * trust pins and reservations in one SQLite file (WAL). Every method is
 * synchronous and each write is one short transaction. Failures arrive as
 * AppFailure: 'not_found' / 'conflict' / 'invalid_request' for the caller's
 * mistakes, 'io' (naming the file) when the disk or database lets us down.
 * Obtain one with `openStore(file, { redactor })`.
 *
 * The store is the choke point for secrets: every string it writes (run and
 * step text, events with their errors, log lines, artifacts) passes the
 * redactor first, and the events it hands back for emitting are the redacted
 * ones. What is on disk therefore needs no redaction when read, even by an
 * engine that no longer knows the secrets.
 */
export class RunStore {
  private readonly runs: RunRecords;
  private readonly events: EventLog;
  private readonly logs: LogLines;
  private readonly artifacts: Artifacts;
  private readonly pins: TrustPins;
  private readonly reservations: Reservations;
  private readonly hashes: FileHashes;
  private readonly durations: StepDurations;
  private closed = false;

  /** Digests of local files by path, size and mtime, so an ISO is hashed once (transfer/hashCache). */
  readonly fileHashes: FileHashCache = {
    lookup: (key) => this.guard(text('store.action.readChecksum'), () => this.hashes.lookup(key)),
    remember: (key, digest) => this.guard(text('store.action.saveChecksum'), () => this.hashes.remember(key, digest)),
    forget: (key) => this.guard(text('store.action.dropChecksum'), () => this.hashes.forget(key)),
  };

  constructor(
    private readonly db: Database,
    /** The file the store lives in, for messages. */
    readonly file: string,
    private readonly redactor: TextRedactor = noRedaction,
  ) {
    this.runs = new RunRecords(db);
    this.events = new EventLog(db);
    this.logs = new LogLines(db);
    this.artifacts = new Artifacts(db);
    this.pins = new TrustPins(db);
    this.reservations = new Reservations(db);
    this.hashes = new FileHashes(db);
    this.durations = new StepDurations(db);
  }

  /** Steps keep the given order; the run starts 'pending' with sequence 0. */
  createRun(run: NewRun, steps: NewStep[]): void {
    this.guard(text('store.action.saveRun'), () => this.runs.createRun(this.redacted(run), this.redacted(steps)));
  }

  getRun(runId: string): StoredRun | undefined {
    return this.guard(text('store.action.readRun'), () => this.runs.getRun(runId));
  }

  /** Newest first. */
  listRuns(query: ListRunsQuery): RunSummary[] {
    return this.guard(text('store.action.listRuns'), () => this.runs.listRuns(query));
  }

  getSteps(runId: string): StoredStep[] {
    return this.guard(text('store.action.readSteps'), () => this.runs.getSteps(runId));
  }

  /** What a (re)subscribing window needs: state plus the sequence number it is current to. */
  getSnapshot(runId: string): RunSnapshot | undefined {
    return this.guard(text('store.action.readRun'), () => this.runs.getSnapshot(runId));
  }

  /** How long past steps took, for estimates: lab rehearsals and real environments apart. */
  pastStepDurations(lab: boolean, perKind = 50): PastStepDurations {
    return this.guard(text('store.action.readDurations'), () => this.durations.past(lab, perKind));
  }

  /** A run still holding the environment: pending, running, paused or interrupted. */
  findActiveRun(environment: string): StoredRun | undefined {
    return this.guard(text('store.action.findActive'), () => this.runs.findActiveRun(environment));
  }

  /** Applies the updates and appends the events (fresh sequence numbers) in one transaction; returns the numbered events. */
  commit(runId: string, change: RunChange): EngineEvent[] {
    return this.guard(text('store.action.saveChange'), () => this.events.commit(runId, this.redacted(change)));
  }

  /** Events (not log lines) with seq greater than `seq`, ascending. */
  getEventsAfter(runId: string, seq: number, limit: number): EngineEvent[] {
    return this.guard(text('store.action.readEvents'), () => this.events.getEventsAfter(runId, seq, limit));
  }

  /** For start-up after a crash; returns the ids of the runs it interrupted. */
  markInterrupted(now: number): string[] {
    return this.guard(text('store.action.markInterrupted'), () => this.events.markInterrupted(now));
  }

  /** One transaction for the whole batch (several runs allowed); lines numbered from each run's event counter. */
  appendLogLines(lines: readonly NewLogLine[]): Map<string, LogLine[]> {
    // The catalogue text's params are redacted like the English: a platform's message quoted in one may hold a secret.
    const safe = lines.map((line) => ({ ...this.redacted(line), text: clipRedacted(line.text, maxLogLineLength, this.redactor) }));
    return this.guard(text('store.action.saveLogs'), () => this.logs.append(safe));
  }

  getLogLines(runId: string, query: LogQuery): { lines: LogLine[]; hasMore: boolean } {
    return this.guard(text('store.action.readLogs'), () => this.logs.query(runId, query));
  }

  getArtifact<T = unknown>(runId: string, stepId: string, key: string): T | undefined {
    return this.guard(text('store.action.readArtifact'), () => this.artifacts.get<T>(runId, stepId, key));
  }

  setArtifact(runId: string, stepId: string, key: string, value: unknown): void {
    this.guard(text('store.action.saveArtifact'), () => this.artifacts.set(runId, stepId, key, this.redacted(value)));
  }

  listArtifacts(runId: string): ArtifactEntry[] {
    return this.guard(text('store.action.listArtifacts'), () => this.artifacts.list(runId));
  }

  /** The runner's per-step view of the artifacts. */
  artifactsFor(runId: string, stepId: string): ArtifactStore {
    return {
      get: <T = unknown>(key: string) => this.getArtifact<T>(runId, stepId, key),
      set: (key: string, value: unknown) => this.setArtifact(runId, stepId, key, value),
    };
  }

  listPins(): TrustPin[] {
    return this.guard(text('store.action.listPins'), () => this.pins.list());
  }

  addPin(pin: NewPin, now: number): TrustPin {
    return this.guard(text('store.action.savePin'), () => this.pins.add(pin, now));
  }

  findPins(kind: 'tls' | 'ssh', host: string, port: number): TrustPin[] {
    return this.guard(text('store.action.readPins'), () => this.pins.find(kind, host, port));
  }

  revokePin(id: number, now = Date.now()): boolean {
    return this.guard(text('store.action.revokePin'), () => this.pins.revoke(id, now));
  }

  /** The deliberate way past a changed fingerprint: every pin of kind + host:port goes, `pin` comes, and the trail records both. */
  replacePins(pin: NewPin, now: number): TrustEvent {
    return this.guard(text('store.action.replacePin'), () => this.pins.replace(pin, now));
  }

  /** Pins added, revoked and replaced, newest first. */
  listTrustEvents(limit: number): TrustEvent[] {
    return this.guard(text('store.action.readTrustTrail'), () => this.pins.events(limit));
  }

  reserve(reservation: NewReservation, now: number): boolean {
    return this.guard(text('store.action.reserve'), () => this.reservations.reserve(reservation, now));
  }

  releaseReservation(environment: string, resourceKind: string, value: string): boolean {
    return this.guard(text('store.action.release'), () => this.reservations.release(environment, resourceKind, value));
  }

  /** Drops every reservation a run holds; returns how many. */
  releaseReservationsOfRun(runId: string): number {
    return this.guard(text('store.action.releaseAll'), () => this.reservations.releaseRun(runId));
  }

  /** Drops every reservation of the environments whose names start with `prefix` (their platform was reset); returns how many. */
  releaseReservationsOfEnvironments(prefix: string): number {
    return this.guard(text('store.action.releaseAll'), () => this.reservations.releaseEnvironments(prefix));
  }

  listReservations(environment: string, resourceKind: string): Reservation[] {
    return this.guard(text('store.action.listReservations'), () => this.reservations.list(environment, resourceKind));
  }

  /** Idempotent. Folds the WAL back into the main file so the folder holds one self-contained file. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Another connection may be reading; SQLite checkpoints on a later open.
    }
    this.db.close();
  }

  private redacted<T>(value: T): T {
    return redactDeep(value, this.redactor);
  }

  private guard<T>(action: TextRef, work: () => T): T {
    try {
      return work();
    } catch (cause) {
      throw useFailure(this.file, action, cause);
    }
  }
}
