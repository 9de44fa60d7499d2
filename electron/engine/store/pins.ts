import type { Database, Statement } from 'better-sqlite3';
import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { TrustPin } from '../../../shared/contract/channels';
import type { TrustEvent } from '../../../shared/contract/wizardChannels';
import { TrustEvents } from './trustEvents';
import type { NewPin } from './types';

interface PinRow {
  id: number;
  kind: 'tls' | 'ssh';
  host: string;
  port: number;
  fingerprint: string;
  subject: string | null;
  created_at: number;
}

const toPin = (row: PinRow): TrustPin => ({
  id: row.id,
  kind: row.kind,
  host: row.host,
  port: row.port,
  fingerprint: row.fingerprint,
  subject: row.subject,
  createdAt: row.created_at,
});

/** Host names are case-insensitive; stored lower-case so a pin matches however the workbook spells the host. */
const normalHost = (host: string): string => host.trim().toLowerCase();

/**
 * Accepted TLS certificate and SSH host key fingerprints, per host and port:
 * at most one fingerprint per kind and host:port, so a changed certificate
 * can never be pinned next to the old one. Going from one to another takes
 * `replace` (or revoking first). Every change is recorded in trust_events
 * within the same transaction.
 */
export class TrustPins {
  private readonly trail: TrustEvents;
  private readonly addRecorded: (pin: NewPin, now: number) => TrustPin;
  private readonly revokeRecorded: (id: number, now: number) => boolean;
  private readonly replaceRecorded: (pin: NewPin, now: number) => TrustEvent;
  private readonly selectAll: Statement<[], PinRow>;
  private readonly selectFor: Statement<[string, string, number], PinRow>;
  private readonly selectOne: Statement<[string, string, number, string], PinRow>;
  private readonly insert: Statement<[string, string, number, string, string | null, number]>;
  private readonly remove: Statement<[number]>;
  private readonly selectById: Statement<[number], PinRow>;
  private readonly removeFor: Statement<[string, string, number]>;

  constructor(db: Database) {
    this.trail = new TrustEvents(db);
    this.selectAll = db.prepare('SELECT * FROM trust_pins ORDER BY host, port, kind, id');
    this.selectFor = db.prepare('SELECT * FROM trust_pins WHERE kind = ? AND host = ? AND port = ? ORDER BY id');
    this.selectOne = db.prepare('SELECT * FROM trust_pins WHERE kind = ? AND host = ? AND port = ? AND fingerprint = ?');
    this.insert = db.prepare(
      `INSERT INTO trust_pins (kind, host, port, fingerprint, subject, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, host, port, fingerprint) DO NOTHING`,
    );
    this.remove = db.prepare('DELETE FROM trust_pins WHERE id = ?');
    this.selectById = db.prepare('SELECT * FROM trust_pins WHERE id = ?');
    this.removeFor = db.prepare('DELETE FROM trust_pins WHERE kind = ? AND host = ? AND port = ?');
    this.addRecorded = db.transaction((pin: NewPin, now: number) => this.addNow(pin, now));
    this.revokeRecorded = db.transaction((id: number, now: number) => this.revokeNow(id, now));
    this.replaceRecorded = db.transaction((pin: NewPin, now: number) => this.replaceNow(pin, now));
  }

  list(): TrustPin[] {
    return this.selectAll.all().map(toPin);
  }

  /** Pinning the same fingerprint again returns the existing pin unchanged; a different one on a pinned host:port is a 'conflict'. */
  add(pin: NewPin, now: number): TrustPin {
    return this.addRecorded(checked(pin), now);
  }

  find(kind: 'tls' | 'ssh', host: string, port: number): TrustPin[] {
    return this.selectFor.all(kind, normalHost(host), port).map(toPin);
  }

  revoke(id: number, now: number): boolean {
    return this.revokeRecorded(id, now);
  }

  /** Drops every pin of kind + host:port and pins `pin` instead, in one transaction; returns the event recorded. */
  replace(pin: NewPin, now: number): TrustEvent {
    return this.replaceRecorded(checked(pin), now);
  }

  events(limit: number): TrustEvent[] {
    return this.trail.recent(limit);
  }

  private addNow(pin: NewPin, now: number): TrustPin {
    const others = this.find(pin.kind, pin.host, pin.port).filter((existing) => existing.fingerprint !== pin.fingerprint);
    if (others.length > 0) {
      fail('conflict', text('store.pin.otherFingerprint', { host: pin.host, port: pin.port, fingerprints: others.map((other) => other.fingerprint).join(', ') }), {
        hint: text('store.pin.otherFingerprintHint'),
      });
    }
    const inserted = this.insert.run(pin.kind, pin.host, pin.port, pin.fingerprint, pin.subject, now).changes > 0;
    const row = this.selectOne.get(pin.kind, pin.host, pin.port, pin.fingerprint);
    if (!row) return fail('internal', `The trust pin for ${pin.host}:${pin.port} was not saved.`);
    if (inserted) this.trail.record({ at: now, action: 'pinned', kind: pin.kind, host: pin.host, port: pin.port, removed: [], added: pin.fingerprint });
    return toPin(row);
  }

  private revokeNow(id: number, now: number): boolean {
    const row = this.selectById.get(id);
    if (!row || this.remove.run(id).changes === 0) return false;
    this.trail.record({ at: now, action: 'revoked', kind: row.kind, host: row.host, port: row.port, removed: [row.fingerprint], added: null });
    return true;
  }

  private replaceNow(pin: NewPin, now: number): TrustEvent {
    const removed = this.find(pin.kind, pin.host, pin.port).map((existing) => existing.fingerprint);
    this.removeFor.run(pin.kind, pin.host, pin.port);
    this.insert.run(pin.kind, pin.host, pin.port, pin.fingerprint, pin.subject, now);
    return this.trail.record({ at: now, action: 'replaced', kind: pin.kind, host: pin.host, port: pin.port, removed, added: pin.fingerprint });
  }
}

/** Validated, with the host in its stored (lower-case) form. */
function checked(pin: NewPin): NewPin {
  if (pin.kind !== 'tls' && pin.kind !== 'ssh') fail('invalid_request', text('store.pin.unknownKind', { kind: String(pin.kind) }));
  if (!Number.isInteger(pin.port) || pin.port < 1 || pin.port > 65535) {
    fail('invalid_request', text('store.pin.badPort', { port: String(pin.port), host: pin.host }));
  }
  return { ...pin, host: normalHost(pin.host) };
}
