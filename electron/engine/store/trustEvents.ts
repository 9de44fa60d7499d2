import type { Database, Statement } from 'better-sqlite3';
import type { TrustEvent } from '../../../shared/contract/wizardChannels';

interface EventRow {
  id: number;
  at: number;
  action: TrustEvent['action'];
  kind: TrustEvent['kind'];
  host: string;
  port: number;
  removed: string;
  added: string | null;
}

export type NewTrustEvent = Omit<TrustEvent, 'id'>;

const toEvent = (row: EventRow): TrustEvent => ({
  id: row.id,
  at: row.at,
  action: row.action,
  kind: row.kind,
  host: row.host,
  port: row.port,
  removed: JSON.parse(row.removed) as string[],
  added: row.added,
});

/** The audit trail of trust pins (migration 004); written by TrustPins in the same transaction as the change. */
export class TrustEvents {
  private readonly insert: Statement<[number, string, string, string, number, string, string | null]>;
  private readonly selectOne: Statement<[number | bigint], EventRow>;
  private readonly selectRecent: Statement<[number], EventRow>;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO trust_events (at, action, kind, host, port, removed, added) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.selectOne = db.prepare('SELECT * FROM trust_events WHERE id = ?');
    this.selectRecent = db.prepare('SELECT * FROM trust_events ORDER BY id DESC LIMIT ?');
  }

  record(event: NewTrustEvent): TrustEvent {
    const { lastInsertRowid } = this.insert.run(event.at, event.action, event.kind, event.host, event.port, JSON.stringify(event.removed), event.added);
    return toEvent(this.selectOne.get(lastInsertRowid)!);
  }

  /** Newest first. */
  recent(limit: number): TrustEvent[] {
    return this.selectRecent.all(limit).map(toEvent);
  }
}
