import { randomBytes, randomUUID } from 'node:crypto';
import { fakeHypervisor } from './options';

/*
 * What the simulated cloud holds. One project (the login's), resources keyed
 * by id. A server's life, as Nova's API shows it:
 *
 *   BUILD (vm_state building, task scheduling) ──buildMs──> ACTIVE (host picked in its zone)
 *        └───────────────────── serverError fault ───────> ERROR (fault {code 500, message})
 *   any ── DELETE ──> gone (404)
 */

export type ServerState = { kind: 'BUILD' } | { kind: 'ACTIVE'; host: string; launchedAt: string } | { kind: 'ERROR'; fault: { code: number; message: string; created: string } };

export interface Flavor {
  id: string;
  name: string;
  ram: number;
  vcpus: number;
  disk: number;
  ephemeral: number;
  swap: number;
  isPublic: boolean;
}

export interface Server {
  id: string;
  name: string;
  flavor: Flavor;
  imageId: string;
  zone: string | null;
  keyName: string | null;
  userData: string | null;
  portIds: string[];
  /** The ports Nova made for `networks: [{uuid}]`; they are deleted with the server, the others only unbound. */
  ownPortIds: string[];
  metadata: Record<string, string>;
  created: string;
  updated: string;
  state: ServerState;
  reservationId: string;
  timer?: NodeJS.Timeout;
}

export interface Network { id: string; name: string; segmentationId: number; created: string; updated: string; revision: number; subnets: string[]; adminStateUp: boolean; shared: boolean; external: boolean; mtu: number }
export interface Subnet { id: string; name: string; networkId: string; cidr: string; ipVersion: 4 | 6; gatewayIp: string | null; enableDhcp: boolean; dnsNameservers: string[]; allocationPools: { start: string; end: string }[]; created: string; updated: string }
export interface Port { id: string; name: string; networkId: string; mac: string; fixedIps: { subnet_id: string; ip_address: string }[]; deviceId: string; deviceOwner: string; securityGroups: string[]; created: string; updated: string; status: 'DOWN' | 'ACTIVE' }
export interface Router { id: string; name: string; created: string; updated: string; revision: number }
export interface SecurityGroup { id: string; name: string; description: string; created: string; updated: string; rules: { id: string; ethertype: 'IPv4' | 'IPv6'; standardAttrId: number }[] }
export interface Image {
  id: string;
  name: string | null;
  diskFormat: string | null;
  containerFormat: string | null;
  visibility: string;
  status: 'queued' | 'saving' | 'uploading' | 'importing' | 'active' | 'killed' | 'deleted';
  size: number | null;
  virtualSize: number | null;
  checksum: string | null;
  osHashValue: string | null;
  minRam: number;
  minDisk: number;
  tags: string[];
  created: string;
  updated: string;
  /** The uploaded bytes when small enough to keep (see glance.ts). */
  data: Buffer | null;
  /** What PUT stage received, until the import turns it into the image. */
  staged: { size: number; md5: string; sha512: string; data: Buffer | null } | null;
  /** Made active by the import flow (Glance then shows the os_glance_* import properties). */
  imported: boolean;
}

/** Timestamps as the services print them: whole seconds, `Z`. */
export const isoSeconds = (at = Date.now()): string => new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
export const hexId = (): string => randomUUID().replace(/-/g, '');
export const macAddress = (): string => `fa:16:3e:${[...randomBytes(3)].map((byte) => byte.toString(16).padStart(2, '0')).join(':')}`;

export class Cloud {
  readonly flavors = new Map<string, Flavor>();
  readonly servers = new Map<string, Server>();
  readonly networks = new Map<string, Network>();
  readonly subnets = new Map<string, Subnet>();
  readonly ports = new Map<string, Port>();
  readonly routers = new Map<string, Router>();
  readonly securityGroups = new Map<string, SecurityGroup>();
  readonly images = new Map<string, Image>();
  private nextSegment = 1;
  private nextInstance = 1;

  constructor(
    readonly zones: { zone: string; host: string }[],
    readonly quota: { instances: number; cores: number; ram: number },
  ) {}

  segmentId(): number {
    return this.nextSegment++;
  }

  instanceName(): string {
    return `instance-${(this.nextInstance++).toString(16).padStart(8, '0')}`;
  }

  usage(): { instances: number; cores: number; ram: number } {
    const live = [...this.servers.values()];
    return { instances: live.length, cores: live.reduce((sum, s) => sum + s.flavor.vcpus, 0), ram: live.reduce((sum, s) => sum + s.flavor.ram, 0) };
  }

  /** The compute host of a zone (or the least loaded one), or null when none can take the flavor. */
  pickHost(zone: string | null, flavor: Flavor): string | null {
    const candidates = this.zones.filter((entry) => zone === null || entry.zone === zone);
    const load = (host: string) => [...this.servers.values()].filter((s) => s.state.kind === 'ACTIVE' && s.state.host === host);
    const fits = candidates.filter(({ host }) => {
      const here = load(host);
      return (
        here.reduce((sum, s) => sum + s.flavor.vcpus, flavor.vcpus) <= fakeHypervisor.vcpus &&
        here.reduce((sum, s) => sum + s.flavor.ram, flavor.ram) <= fakeHypervisor.memoryMb &&
        here.reduce((sum, s) => sum + s.flavor.disk, flavor.disk) <= fakeHypervisor.localGb
      );
    });
    fits.sort((a, b) => load(a.host).length - load(b.host).length);
    return fits[0]?.host ?? null;
  }

  zoneOfHost(host: string): string | null {
    return this.zones.find((entry) => entry.host === host)?.zone ?? null;
  }

  clearTimers(): void {
    for (const server of this.servers.values()) clearTimeout(server.timer);
  }
}
