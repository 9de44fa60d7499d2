import type { HostPort } from '../../net';
import type { SshChain, TunnelLease, TunnelPool } from '../../ssh';
import { chainLabel } from '../../ssh';

/*
 * Where a service URL is really sent. Directly: as it is. Behind a bastion:
 * the catalog names the head node's internal address (`http://192.168.202.1:8774/v2.1`),
 * which only the bastion reaches, so each host:port gets one local tunnel
 * end (shared by every call, reconnected by the pool when its link drops)
 * and the URL is rewritten to it (`http://127.0.0.1:41234/v2.1`).
 */
export class ServiceRoutes {
  private readonly leases = new Map<string, Promise<TunnelLease>>();
  private closed = false;

  constructor(
    private readonly chain: SshChain,
    private readonly pool: TunnelPool | null,
  ) {}

  get viaBastion(): boolean {
    return this.chain.length > 0 && this.pool !== null;
  }

  /** `through jump1 → jump2`, or '' when direct. */
  get via(): string {
    return this.viaBastion ? ` through ${chainLabel(this.chain)}` : '';
  }

  /** The URL to send to for `url`: itself, or the same path on its tunnel's local end. */
  async resolve(url: string, signal: AbortSignal): Promise<string> {
    if (!this.viaBastion) return url;
    const target = new URL(url);
    const { host, port } = serviceAddress(target);
    const key = `${host.toLowerCase()}:${port}`;
    let lease = this.leases.get(key);
    if (!lease) {
      lease = this.pool!.acquire({ chain: this.chain, host, port }, signal);
      this.leases.set(key, lease);
      lease.catch(() => this.leases.delete(key));
    }
    const local = await lease;
    if (this.closed) local.release();
    target.hostname = '127.0.0.1';
    target.port = String(local.localPort);
    return target.toString();
  }

  /** The tunnels opened so far, by remote host:port (for tests and the log). */
  async tunnels(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [key, lease] of this.leases) out[key] = (await lease.catch(() => ({ localPort: 0 }))).localPort;
    return out;
  }

  close(): void {
    this.closed = true;
    for (const lease of this.leases.values()) lease.then((held) => held.release(), () => undefined);
    this.leases.clear();
  }
}

/**
 * The HTTP client a request needs: the service's own origin (its identity
 * for trust, pins, SNI and errors, the Keystone catalog's or the workbook's
 * host:port) and, when `sentTo` is a tunnel's end, where to dial instead.
 * A pin for `https://10.0.0.5:8774` then holds through every run's new
 * tunnel port, and the Connect screen names 10.0.0.5:8774, never 127.0.0.1:41234.
 */
/** A service URL's host (IPv6 without brackets) and port (the scheme's default when the URL names none). */
export function serviceAddress(url: URL): { host: string; port: number } {
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80) };
}

export function clientTarget(url: string, sentTo: string): { origin: string; dialTo?: HostPort } {
  const service = new URL(url);
  const dialled = new URL(sentTo);
  if (dialled.host === service.host) return { origin: service.origin };
  const defaultPort = dialled.protocol === 'https:' ? 443 : 80;
  return { origin: service.origin, dialTo: { host: dialled.hostname.replace(/^\[|\]$/g, ''), port: Number(dialled.port) || defaultPort } };
}
