import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FaultList } from '../faultList';
import type { FisheyeFault } from './faults';

interface Session {
  expiresAt: number;
  /** Authenticated requests served with it (a tokenExpires fault counts these). */
  uses: number;
}

const same = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** `POST /api/v3/sessions` tokens: opaque, valid for `lifetimeMs`, dead once expired or worn out by a fault. */
export class Sessions {
  private sessions = new Map<string, Session>();
  readonly logins = { granted: 0, refused: 0 };

  constructor(
    private readonly username: string,
    private readonly password: string,
    private readonly lifetimeMs: number,
  ) {}

  login(username: unknown, password: unknown): string | null {
    if (typeof username !== 'string' || typeof password !== 'string' || !same(username, this.username) || !same(password, this.password)) {
      this.logins.refused++;
      return null;
    }
    this.logins.granted++;
    const token = randomBytes(24).toString('hex');
    this.sessions.set(token, { expiresAt: Date.now() + this.lifetimeMs, uses: 0 });
    return token;
  }

  /** Counts one use; false when the token is unknown, expired or worn out. */
  use(token: string | undefined, faults: FaultList<FisheyeFault>): boolean {
    const session = token ? this.sessions.get(token) : undefined;
    if (!session || !token) return false;
    const limit = faults.find('tokenExpires')?.afterRequests ?? Infinity;
    if (session.expiresAt <= Date.now() || session.uses >= limit) {
      this.sessions.delete(token);
      return false;
    }
    session.uses++;
    return true;
  }

  /** Every token issued so far dies (a test of the client's re-login). */
  expireAll(): void {
    this.sessions.clear();
  }
}
