import type { Database, Statement } from 'better-sqlite3';
import type { NewReservation, Reservation } from './records';

interface ReservationRow {
  environment: string;
  resource_kind: string;
  value: string;
  run_id: string | null;
  step_id: string | null;
  created_at: number;
}

const toReservation = (row: ReservationRow): Reservation => ({
  environment: row.environment,
  resourceKind: row.resource_kind,
  value: row.value,
  runId: row.run_id,
  stepId: row.step_id,
  createdAt: row.created_at,
});

/** Values (VMIDs, addresses) claimed per environment so concurrent or resumed runs never pick the same one. */
export class Reservations {
  private readonly insert: Statement<[string, string, string, string | null, string | null, number]>;
  private readonly selectOne: Statement<[string, string, string], ReservationRow>;
  private readonly selectKind: Statement<[string, string], ReservationRow>;
  private readonly remove: Statement<[string, string, string]>;
  private readonly removeRun: Statement<[string]>;
  private readonly removeEnvironments: Statement<{ prefix: string }>;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO reservations (environment, resource_kind, value, run_id, step_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (environment, resource_kind, value) DO NOTHING`,
    );
    this.selectOne = db.prepare('SELECT * FROM reservations WHERE environment = ? AND resource_kind = ? AND value = ?');
    this.selectKind = db.prepare('SELECT * FROM reservations WHERE environment = ? AND resource_kind = ? ORDER BY created_at, value');
    this.remove = db.prepare('DELETE FROM reservations WHERE environment = ? AND resource_kind = ? AND value = ?');
    this.removeRun = db.prepare('DELETE FROM reservations WHERE run_id = ?');
    this.removeEnvironments = db.prepare('DELETE FROM reservations WHERE substr(environment, 1, length(@prefix)) = @prefix');
  }

  /**
   * False when someone else holds the value. The same run and step asking
   * again gets true: a step resumed after a crash keeps what it reserved.
   */
  reserve(reservation: NewReservation, now: number): boolean {
    const { environment, resourceKind, value, runId, stepId } = reservation;
    if (this.insert.run(environment, resourceKind, value, runId, stepId, now).changes > 0) return true;
    const holder = this.selectOne.get(environment, resourceKind, value);
    return holder !== undefined && runId !== null && holder.run_id === runId && holder.step_id === stepId;
  }

  release(environment: string, resourceKind: string, value: string): boolean {
    return this.remove.run(environment, resourceKind, value).changes > 0;
  }

  releaseRun(runId: string): number {
    return this.removeRun.run(runId).changes;
  }

  releaseEnvironments(prefix: string): number {
    return this.removeEnvironments.run({ prefix }).changes;
  }

  list(environment: string, resourceKind: string): Reservation[] {
    return this.selectKind.all(environment, resourceKind).map(toReservation);
  }
}
