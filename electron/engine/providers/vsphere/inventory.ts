import type { OsFamily } from '../../../../shared/plan/model';
import { retrieveInventory, type ObjectContent } from './properties';
import type { VimClient } from './soapClient';
import { bool, child, list, moref, num, text, type MoRef } from './xml';

export interface VsDatacenter { ref: MoRef; name: string; vmFolder: MoRef | null }
export interface VsCluster { ref: MoRef; name: string; datacenter: string; rootPool: MoRef | null }
export interface VsHost { ref: MoRef; name: string; datacenter: string; cluster: string | null; online: boolean; memTotal: number; memUsed: number }
/** `path` is below the cluster's root pool (`pool-a/web`); the root pool itself has path "". */
export interface VsPool { ref: MoRef; name: string; path: string; datacenter: string; cluster: string | null }
/** `path` from the datacenter down: `vm/Rackpilot/web`. */
export interface VsFolder { ref: MoRef; path: string; datacenter: string }
export interface VsDatastore { ref: MoRef; name: string; datacenter: string; capacity: number; free: number; accessible: boolean }
export interface VsNetwork {
  ref: MoRef;
  name: string;
  datacenter: string;
  kind: 'portgroup' | 'dvportgroup';
  /** Distributed port groups: what a NIC backing names. */
  portgroupKey: string | null;
  switchUuid: string | null;
  switchName: string | null;
}
export interface VsVm {
  ref: MoRef;
  name: string;
  datacenter: string;
  template: boolean;
  guestId: string;
  os: OsFamily | null;
  powerState: string;
  folder: string | null;
  pool: MoRef | null;
  host: MoRef | null;
  datastores: string[];
  numCpu: number;
  memoryMiB: number;
  ipAddress: string | null;
  toolsRunning: boolean;
}

export interface VsInventory {
  about: { fullName: string; apiVersion: string };
  datacenters: VsDatacenter[];
  clusters: VsCluster[];
  hosts: VsHost[];
  pools: VsPool[];
  folders: VsFolder[];
  datastores: VsDatastore[];
  networks: VsNetwork[];
  vms: VsVm[];
}

const common = ['name', 'parent'] as const;
const inventoryPaths = {
  Datacenter: [...common, 'vmFolder'],
  ClusterComputeResource: [...common, 'resourcePool'],
  HostSystem: [...common, 'summary.hardware.memorySize', 'summary.quickStats.overallMemoryUsage', 'runtime.connectionState', 'runtime.inMaintenanceMode'],
  ResourcePool: [...common],
  Folder: [...common],
  Datastore: [...common, 'summary.capacity', 'summary.freeSpace', 'summary.accessible'],
  Network: [...common],
  DistributedVirtualPortgroup: [...common, 'key', 'config.distributedVirtualSwitch'],
  DistributedVirtualSwitch: [...common, 'uuid'],
  VirtualMachine: [
    ...common,
    'config.template',
    'config.guestId',
    'runtime.powerState',
    'resourcePool',
    'datastore',
    'runtime.host',
    'summary.config.numCpu',
    'summary.config.memorySizeMB',
    'guest.ipAddress',
    'guest.toolsRunningStatus',
  ],
} as const;

const osByGuestId: Array<[OsFamily, RegExp]> = [
  ['windows', /^win/i],
  ['ubuntu', /^ubuntu/i],
  ['debian', /^debian/i],
  ['centos', /^centos/i],
  ['rocky', /^(rocky|rhel|almalinux)/i],
];

/** The OS family a template's guest id or name says, else null. */
export function osOf(guestId: string, name: string): OsFamily | null {
  for (const [os, pattern] of osByGuestId) if (pattern.test(guestId)) return os;
  const words: Array<[OsFamily, RegExp]> = [['windows', /win/i], ['ubuntu', /ubuntu/i], ['debian', /debian/i], ['centos', /cent-?os/i], ['rocky', /rocky|rhel/i]];
  for (const [os, pattern] of words) if (pattern.test(name)) return os;
  return null;
}

const refsOf = (val: unknown): MoRef[] => list(child(val, 'ManagedObjectReference')).flatMap((node) => moref(node) ?? []);

/** Reads the whole inventory the provider needs in one container view, paged. */
export async function readInventory(client: VimClient, signal: AbortSignal, pageSize?: number): Promise<VsInventory> {
  const content = await client.serviceContent(signal);
  const objects = await retrieveInventory(client, inventoryPaths, signal, pageSize);
  return buildInventory(objects, { fullName: content.fullName, apiVersion: content.apiVersion });
}

/** Pure: the objects of a RetrievePropertiesEx answer as an inventory with paths and datacenters resolved. */
export function buildInventory(objects: ObjectContent[], about: VsInventory['about']): VsInventory {
  const byValue = new Map<string, ObjectContent>();
  for (const object of objects) {
    const known = byValue.get(object.obj.value);
    // A distributed port group matches both the Network and the DistributedVirtualPortgroup property specs.
    if (known) for (const [key, value] of object.props) known.props.set(key, value);
    else byValue.set(object.obj.value, { obj: object.obj, props: new Map(object.props) });
  }
  const nameOf = (object: ObjectContent): string => text(object.props.get('name')) ?? object.obj.value;
  const parentOf = (object: ObjectContent): ObjectContent | undefined => {
    const parent = moref(object.props.get('parent'));
    return parent ? byValue.get(parent.value) : undefined;
  };
  const ancestors = (object: ObjectContent): ObjectContent[] => {
    const chain: ObjectContent[] = [];
    for (let at = parentOf(object); at && chain.length < 64; at = parentOf(at)) chain.push(at);
    return chain;
  };
  const datacenterOf = (object: ObjectContent): string => {
    const dc = ancestors(object).find((entry) => entry.obj.type === 'Datacenter');
    return dc ? nameOf(dc) : '';
  };
  const clusterOf = (object: ObjectContent): string | null => {
    const owner = ancestors(object).find((entry) => entry.obj.type === 'ClusterComputeResource' || entry.obj.type === 'ComputeResource');
    return owner?.obj.type === 'ClusterComputeResource' ? nameOf(owner) : null;
  };
  const folderPath = (folder: ObjectContent): string => {
    const names = [nameOf(folder)];
    for (const entry of ancestors(folder)) {
      if (entry.obj.type !== 'Folder') break;
      names.unshift(nameOf(entry));
    }
    return names.join('/');
  };
  const poolPath = (pool: ObjectContent): string => {
    const names: string[] = [];
    for (let at: ObjectContent | undefined = pool; at?.obj.type === 'ResourcePool' && parentOf(at)?.obj.type === 'ResourcePool'; at = parentOf(at)) names.unshift(nameOf(at));
    return names.join('/');
  };
  const all = [...byValue.values()];
  const ofType = (...types: string[]): ObjectContent[] => all.filter((object) => types.includes(object.obj.type));
  const switches = new Map(ofType('VmwareDistributedVirtualSwitch', 'DistributedVirtualSwitch').map((entry) => [entry.obj.value, entry]));

  return {
    about,
    datacenters: ofType('Datacenter').map((entry) => ({ ref: entry.obj, name: nameOf(entry), vmFolder: moref(entry.props.get('vmFolder')) })),
    clusters: ofType('ClusterComputeResource').map((entry) => ({ ref: entry.obj, name: nameOf(entry), datacenter: datacenterOf(entry), rootPool: moref(entry.props.get('resourcePool')) })),
    hosts: ofType('HostSystem').map((entry) => ({
      ref: entry.obj,
      name: nameOf(entry),
      datacenter: datacenterOf(entry),
      cluster: clusterOf(entry),
      online: text(entry.props.get('runtime.connectionState')) === 'connected' && !bool(entry.props.get('runtime.inMaintenanceMode')),
      memTotal: num(entry.props.get('summary.hardware.memorySize')) ?? 0,
      memUsed: (num(entry.props.get('summary.quickStats.overallMemoryUsage')) ?? 0) * 2 ** 20,
    })),
    pools: ofType('ResourcePool').map((entry) => ({ ref: entry.obj, name: nameOf(entry), path: poolPath(entry), datacenter: datacenterOf(entry), cluster: clusterOf(entry) })),
    folders: ofType('Folder')
      .filter((entry) => datacenterOf(entry) !== '')
      .map((entry) => ({ ref: entry.obj, path: folderPath(entry), datacenter: datacenterOf(entry) })),
    datastores: ofType('Datastore').map((entry) => ({
      ref: entry.obj,
      name: nameOf(entry),
      datacenter: datacenterOf(entry),
      capacity: num(entry.props.get('summary.capacity')) ?? 0,
      free: num(entry.props.get('summary.freeSpace')) ?? 0,
      accessible: entry.props.has('summary.accessible') ? bool(entry.props.get('summary.accessible')) : true,
    })),
    networks: ofType('Network', 'DistributedVirtualPortgroup', 'OpaqueNetwork').map((entry) => {
      const distributed = entry.obj.type === 'DistributedVirtualPortgroup';
      const vds = distributed ? switches.get(moref(entry.props.get('config.distributedVirtualSwitch'))?.value ?? '') : undefined;
      return {
        ref: entry.obj,
        name: nameOf(entry),
        datacenter: datacenterOf(entry),
        kind: distributed ? 'dvportgroup' : 'portgroup',
        portgroupKey: distributed ? (text(entry.props.get('key')) ?? entry.obj.value) : null,
        switchUuid: vds ? text(vds.props.get('uuid')) : null,
        switchName: vds ? nameOf(vds) : null,
      } satisfies VsNetwork;
    }),
    vms: ofType('VirtualMachine').map((entry) => {
      const parent = parentOf(entry);
      const guestId = text(entry.props.get('config.guestId')) ?? '';
      return {
        ref: entry.obj,
        name: nameOf(entry),
        datacenter: datacenterOf(entry),
        template: bool(entry.props.get('config.template')),
        guestId,
        os: osOf(guestId, nameOf(entry)),
        powerState: text(entry.props.get('runtime.powerState')) ?? 'unknown',
        folder: parent?.obj.type === 'Folder' ? folderPath(parent) : null,
        pool: moref(entry.props.get('resourcePool')),
        host: moref(entry.props.get('runtime.host')),
        datastores: refsOf(entry.props.get('datastore')).map((ds) => (byValue.get(ds.value) ? nameOf(byValue.get(ds.value) as ObjectContent) : ds.value)),
        numCpu: num(entry.props.get('summary.config.numCpu')) ?? 0,
        memoryMiB: num(entry.props.get('summary.config.memorySizeMB')) ?? 0,
        ipAddress: text(entry.props.get('guest.ipAddress')) || null,
        toolsRunning: text(entry.props.get('guest.toolsRunningStatus')) === 'guestToolsRunning',
      };
    }),
  };
}
