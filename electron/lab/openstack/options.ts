import type { OpenStackFaultInput } from './faults';

export interface OpenStackLabOptions {
  /** Loopback only; default 127.0.0.1. */
  host?: string;
  /**
   * The name the catalog and `authUrl` give the services instead of `host`:
   * `localhost` (the one loopback name a certificate can carry and a client
   * sends as SNI). Default: `host`.
   */
  advertisedHost?: string;
  /** Serve HTTPS with this key and certificate (PEM, e.g. self-signed) instead of plain HTTP. */
  tls?: { key: string; cert: string };
  /** Default `admin`, project `admin`, domain `Default`. */
  username?: string;
  /** Default: random per start. */
  password?: string;
  project?: string;
  region?: string;
  /** Keystone's token lifetime (its default is 1 h). */
  tokenLifetimeMs?: number;
  /** Availability zones with one compute host each (az-1/oslab-az1 and az-2/oslab-az2 like the real lab). */
  zones?: { zone: string; host: string }[];
  /** How long a new server stays in BUILD before ACTIVE (or ERROR); default 300 ms. */
  buildMs?: number;
  /** Compute quota of the project (Nova's defaults: 10 instances, 20 cores, 51200 MB). */
  quota?: { instances?: number; cores?: number; ram?: number };
  /** Faults in force from the start (same shapes as POST /__lab/faults). */
  faults?: OpenStackFaultInput[];
  /** Token for the /__lab admin API; default random. */
  adminToken?: string;
}

/** Nova 26 (Zed) as the real lab runs it. */
export const novaVersions = { min: '2.1', max: '2.93' };
/** What the fake virt driver reports per compute host. */
export const fakeHypervisor = { vcpus: 1000, memoryMb: 800_000, localGb: 600_000 };

export function checkHost(host: string): string {
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== '::1') throw new Error(`OpenStack lab: host ${host} is not a loopback address.`);
  return host;
}

export function checkAdvertisedHost(name: string): string {
  if (name !== 'localhost') checkHost(name);
  return name;
}
