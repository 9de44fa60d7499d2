import type { OsFamily } from '../../../../shared/plan/model';
import { api } from './apiPath';
import type { ProxmoxClient } from './client';
import type { GuestInfo, Inventory, NodeInfo, StorageInfo, TemplateInfo } from './types';

interface Resource {
  id: string;
  type: string;
  node?: string;
  status?: string;
  name?: string;
  vmid?: number;
  template?: boolean | number;
  lock?: string;
  tags?: string;
  hastate?: string;
  maxmem?: number;
  mem?: number;
  maxdisk?: number;
  disk?: number;
  storage?: string;
  content?: string;
  shared?: boolean | number;
}

const osWords: [OsFamily, RegExp][] = [
  ['ubuntu', /ubuntu/i],
  ['rocky', /rocky/i],
  ['centos', /cent-?os/i],
  ['debian', /debian/i],
  ['windows', /win(dows)?[-_ ]?(\d|server|srv)|windows|\bw2k/i],
];

/** The OS family a template's name or tags name, else null (`ubuntu-22.04-template` -> ubuntu). */
export function osFromText(...texts: string[]): OsFamily | null {
  for (const text of texts) {
    for (const [os, pattern] of osWords) if (pattern.test(text)) return os;
  }
  return null;
}

const truthy = (value: unknown): boolean => value === true || value === 1 || value === '1';
const splitTags = (tags: string | undefined): string[] => (tags ? tags.split(/[;, ]+/).filter(Boolean) : []);

function toGuest(resource: Resource): GuestInfo {
  return {
    vmid: Number(resource.vmid),
    name: resource.name ?? '',
    node: resource.node ?? '',
    status: resource.status ?? 'unknown',
    template: truthy(resource.template),
    lock: resource.lock ? resource.lock : null,
    tags: splitTags(resource.tags),
    hastate: resource.hastate ? resource.hastate : null,
  };
}

/** The cluster as one `GET /cluster/resources` shows it: nodes, storages per node, templates, VMs, used VMIDs. */
export async function readInventory(client: ProxmoxClient, signal: AbortSignal): Promise<Inventory> {
  const resources = await client.get<Resource[]>('/cluster/resources', signal);
  const nodes: NodeInfo[] = [];
  const storages: StorageInfo[] = [];
  const templates: TemplateInfo[] = [];
  const vms: GuestInfo[] = [];
  const usedVmids = new Set<number>();
  for (const resource of Array.isArray(resources) ? resources : []) {
    if (resource.type === 'node' && resource.node) {
      nodes.push({
        name: resource.node,
        online: resource.status === 'online',
        memTotal: resource.maxmem ?? 0,
        memUsed: resource.mem ?? 0,
        sslFingerprint: null,
      });
    } else if (resource.type === 'storage' && resource.node && resource.storage) {
      storages.push({
        node: resource.node,
        storage: resource.storage,
        content: (resource.content ?? '').split(',').filter(Boolean),
        shared: truthy(resource.shared),
        active: resource.status === 'available',
        total: resource.maxdisk ?? 0,
        used: resource.disk ?? 0,
      });
    } else if ((resource.type === 'qemu' || resource.type === 'lxc') && typeof resource.vmid === 'number') {
      usedVmids.add(resource.vmid);
      if (resource.type !== 'qemu') continue;
      const guest = toGuest(resource);
      if (guest.template) templates.push({ ...guest, os: osFromText(guest.name, ...guest.tags) });
      else vms.push(guest);
    }
  }
  return { nodes, storages, templates, vms, usedVmids };
}

export interface NodeStatus {
  memTotal: number;
  /** What PVE reports as available (free plus reclaimable); falls back to free. */
  memAvailable: number;
}

/** Asks the node itself: fails when the node is down, which is the reachability test. */
export async function readNodeStatus(client: ProxmoxClient, node: string, signal: AbortSignal): Promise<NodeStatus> {
  const status = await client.get<{ memory?: { total?: number; free?: number; available?: number; used?: number } }>(api`/nodes/${node}/status`, signal);
  const memory = status?.memory ?? {};
  const total = memory.total ?? 0;
  const free = memory.free ?? Math.max(0, total - (memory.used ?? total));
  return { memTotal: total, memAvailable: memory.available ?? free };
}

/** Names of the node's Linux and OVS bridges (`vmbr0`, ...). */
export async function readBridges(client: ProxmoxClient, node: string, signal: AbortSignal): Promise<string[]> {
  const ifaces = await client.get<{ iface: string; type: string }[]>(api`/nodes/${node}/network`, signal, { type: 'any_bridge' });
  return (Array.isArray(ifaces) ? ifaces : []).map((iface) => iface.iface);
}

export interface StorageStatus {
  avail: number;
  total: number;
  content: string[];
  shared: boolean;
  active: boolean;
}

export async function readStorageStatus(client: ProxmoxClient, node: string, storage: string, signal: AbortSignal): Promise<StorageStatus> {
  const status = await client.get<{ avail?: number; total?: number; content?: string; shared?: boolean | number; active?: boolean | number }>(
    api`/nodes/${node}/storage/${storage}/status`,
    signal,
  );
  return {
    avail: status?.avail ?? 0,
    total: status?.total ?? 0,
    content: (status?.content ?? '').split(',').filter(Boolean),
    shared: truthy(status?.shared),
    active: status?.active === undefined ? true : truthy(status.active),
  };
}

export interface Volume {
  volid: string;
  size: number;
  format: string;
  notes?: string;
}

export async function listVolumes(client: ProxmoxClient, node: string, storage: string, content: string, signal: AbortSignal): Promise<Volume[]> {
  const volumes = await client.get<Volume[]>(api`/nodes/${node}/storage/${storage}/content`, signal, { content });
  return Array.isArray(volumes) ? volumes : [];
}

/** Storage names that hold `content` on `node` (active ones first). */
export function storagesWith(inventory: Inventory, node: string, content: string): StorageInfo[] {
  return inventory.storages.filter((entry) => entry.node === node && entry.content.includes(content)).sort((a, b) => Number(b.active) - Number(a.active));
}

/** Finds the node a VMID lives on, or null. */
export function nodeOfVmid(inventory: Inventory, vmid: number): string | null {
  return [...inventory.vms, ...inventory.templates].find((guest) => guest.vmid === vmid)?.node ?? null;
}
