import type { Database, Statement } from 'better-sqlite3';
import { fail } from '../../../shared/errors';
import type { TrustPin } from '../../../shared/contract/channels';
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

/** Accepted TLS certificate and SSH host key fingerprints, per host and port. */
export class TrustPins {
  private readonly selectAll: Statement<[], PinRow>;
  private readonly selectFor: Statement<[string, string, number], PinRow>;
  private readonly selectOne: Statement<[string, string, number, string], PinRow>;
  private readonly insert: Statement<[string, string, number, string, string | null, number]>;
  private readonly remove: Statement<[number]>;

  constructor(db: Database) {
    this.selectAll = db.prepare('SELECT * FROM trust_pins ORDER BY host, port, kind, id');
    this.selectFor = db.prepare('SELECT * FROM trust_pins WHERE kind = ? AND host = ? AND port = ? ORDER BY id');
    this.selectOne = db.prepare('SELECT * FROM trust_pins WHERE kind = ? AND host = ? AND port = ? AND fingerprint = ?');
    this.insert = db.prepare(
      `INSERT INTO trust_pins (kind, host, port, fingerprint, subject, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, host, port, fingerprint) DO NOTHING`,
    );
    this.remove = db.prepare('DELETE FROM trust_pins WHERE id = ?');
  }

  list(): TrustPin[] {
    return this.selectAll.all().map(toPin);
  }

  /** Pinning the same fingerprint again returns the existing pin unchanged. */
  add(pin: NewPin, now: number): TrustPin {
    if (pin.kind !== 'tls' && pin.kind !== 'ssh') fail('invalid_request', `Unknown trust pin kind "${String(pin.kind)}".`);
    if (!Number.isInteger(pin.port) || pin.port < 1 || pin.port > 65535) {
      fail('invalid_request', `Port ${pin.port} of the trust pin for ${pin.host} is not a valid port.`);
    }
    const host = normalHost(pin.host);
    this.insert.run(pin.kind, host, pin.port, pin.fingerprint, pin.subject, now);
    const row = this.selectOne.get(pin.kind, host, pin.port, pin.fingerprint);
    if (!row) return fail('internal', `The trust pin for ${host}:${pin.port} was not saved.`);
    return toPin(row);
  }

  find(kind: 'tls' | 'ssh', host: string, port: number): TrustPin[] {
    return this.selectFor.all(kind, normalHost(host), port).map(toPin);
  }

  revoke(id: number): boolean {
    return this.remove.run(id).changes > 0;
  }
}
