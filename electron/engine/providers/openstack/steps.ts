import { engineText, type EngineTextKey } from '../../../../shared/i18n/engineText';
import { whereOf, type CellRef, type Plan } from '../../../../shared/plan/model';
import type { StepSpec } from '../../runner/types';
import { endpointView, type PlannedNetwork, type PlannedServer } from './planView';

/*
 * The OpenStack part of a plan's graph, per endpoint:
 *
 *   keypair ─┐   secgroup ─┐   flavor ─┐   image ─┐   network ──> router (a slice's management network)
 *            └─────────────┴───────────┴──────────┴───────┴──> server (ports with fixed IPs, then the server)
 *
 * Ids name only plan names, so they are stable across runs.
 */

export const osKinds = {
  keypair: 'openstack.keypair',
  secgroup: 'openstack.secgroup',
  flavor: 'openstack.flavor',
  image: 'openstack.image',
  network: 'openstack.network',
  router: 'openstack.router',
  server: 'openstack.server',
} as const;

export interface OsKeypairInput {
  endpoint: string;
  name: string;
  publicKey: string | null;
  publicKeyFile: string | null;
  cell?: CellRef;
}

export interface OsRuleInput {
  direction: 'ingress' | 'egress';
  protocol: 'tcp' | 'udp' | 'icmp' | 'any';
  ports: string | null;
  remoteCidr: string | null;
  remoteGroup: string | null;
}

export interface OsSecgroupInput {
  endpoint: string;
  name: string;
  description: string | null;
  rules: OsRuleInput[];
}

/** How a flavor is found: a name the cloud has, one to create with its sizes, or the smallest that fits. */
export interface OsFlavorInput {
  endpoint: string;
  name: string;
  mode: 'existing' | 'create' | 'recommend';
  vcpu: number | null;
  memoryMiB: number | null;
  diskGiB: number | null;
  cell?: CellRef;
}

export interface OsImageInput {
  endpoint: string;
  name: string;
  /** Null: the cloud already has it (found by name). */
  file: string | null;
  sha256: string | null;
  diskFormat: string;
  cells: { file?: CellRef; name?: CellRef };
}

export type OsNetworkInput = PlannedNetwork & { endpoint: string };

export interface OsRouterInput {
  endpoint: string;
  name: string;
  network: string;
  externalNetwork: string | null;
}

export type OsServerInput = PlannedServer & {
  endpoint: string;
  /** The flavor step's name (a planned flavor, or an `auto-…` one sized from the VM). */
  flavorName: string;
  /** The other nodes of its slice, for the zone distribution (stable across runs). */
  sliceNodes: Array<{ name: string; zone: string | null }>;
  sliceZones: string[];
  ha: boolean;
};

export const autoFlavorName = (server: Pick<PlannedServer, 'vcpu' | 'memoryMiB' | 'diskGiB'>): string => `rp-${server.vcpu}c-${server.memoryMiB}m-${server.diskGiB}g`;

/** A step whose title readers say in their language; the English stays as its title. */
const stepOf = <T>(id: string, kind: string, titleKey: EngineTextKey, titleParams: Record<string, string>, target: string, deps: string[], input: T): StepSpec =>
  ({ id, kind, title: engineText('en', titleKey, titleParams), titleKey, titleParams, target, deps, input }) as StepSpec;

function diskFormatOf(file: string | null, kind: string): string {
  const lower = (file ?? '').toLowerCase();
  if (lower.endsWith('.qcow2') || lower.endsWith('.img')) return 'qcow2';
  if (lower.endsWith('.raw')) return 'raw';
  if (lower.endsWith('.vmdk')) return 'vmdk';
  return kind === 'iso' || lower.endsWith('.iso') ? 'iso' : 'qcow2';
}

function endpointSteps(plan: Plan, endpoint: string): StepSpec[] {
  const view = endpointView(plan, endpoint);
  if (view.servers.length === 0 && view.networks.length === 0) return [];
  const steps: StepSpec[] = [];
  const on = (name: string | null): boolean => name === null || name === endpoint;
  const ids = { keypair: new Map<string, string>(), secgroup: new Map<string, string>(), flavor: new Map<string, string>(), image: new Map<string, string>(), network: new Map<string, string>() };

  for (const name of new Set(view.servers.flatMap((server) => (server.keyPair ? [server.keyPair] : [])))) {
    const row = plan.keyPairs.find((pair) => pair.name === name && on(pair.endpoint));
    const id = `os.keypair:${endpoint}/${name}`;
    const cell = row ? whereOf(row) : null;
    steps.push(stepOf<OsKeypairInput>(id, osKinds.keypair, 'openstack.step.keypair', { name, endpoint }, endpoint, [], { endpoint, name, publicKey: row?.publicKey ?? null, publicKeyFile: row?.publicKeyFile ?? null, ...(cell ? { cell } : {}) }));
    ids.keypair.set(name, id);
  }
  for (const name of new Set(view.servers.flatMap((server) => server.securityGroups))) {
    const row = plan.securityGroups.find((group) => group.name === name && on(group.endpoint));
    const rules = plan.securityGroupRules.filter((rule) => rule.group === name).map((rule) => ({ direction: rule.direction, protocol: rule.protocol, ports: rule.ports, remoteCidr: rule.remoteCidr, remoteGroup: rule.remoteGroup }));
    const id = `os.secgroup:${endpoint}/${name}`;
    steps.push(stepOf<OsSecgroupInput>(id, osKinds.secgroup, 'openstack.step.secgroup', { name, endpoint }, endpoint, [], { endpoint, name, description: row?.description ?? null, rules }));
    ids.secgroup.set(name, id);
  }
  for (const server of view.servers) {
    const name = server.flavor ?? autoFlavorName(server);
    if (ids.flavor.has(name)) continue;
    const row = server.flavor ? plan.flavors.find((flavor) => flavor.name === name && on(flavor.endpoint)) : undefined;
    const mode: OsFlavorInput['mode'] = !server.flavor ? 'recommend' : !row || row.vcpu === null || row.memoryMiB === null ? 'existing' : row.recommend ? 'recommend' : 'create';
    const sizes = row && row.vcpu !== null ? { vcpu: row.vcpu, memoryMiB: row.memoryMiB, diskGiB: row.diskGiB ?? 0 } : server.flavor ? { vcpu: null, memoryMiB: null, diskGiB: null } : { vcpu: server.vcpu, memoryMiB: server.memoryMiB, diskGiB: server.diskGiB };
    const cell = (row ? whereOf(row) : null) ?? server.cells.flavor;
    const id = `os.flavor:${endpoint}/${name}`;
    steps.push(stepOf<OsFlavorInput>(id, osKinds.flavor, 'openstack.step.flavor', { name, endpoint }, endpoint, [], { endpoint, name, mode, ...sizes, ...(cell ? { cell } : {}) }));
    ids.flavor.set(name, id);
  }
  for (const name of new Set(view.servers.flatMap((server) => (server.image ? [server.image] : [])))) {
    const image = plan.images.find((entry) => entry.name === name);
    const file = image?.file ?? null;
    const cells: OsImageInput['cells'] = {};
    const fileCell = image ? whereOf(image, 'file') : null;
    if (fileCell) cells.file = fileCell;
    const remote = image?.remoteName ?? name;
    const id = `image.upload:${endpoint}/${remote}`;
    steps.push(stepOf<OsImageInput>(id, osKinds.image, file ? 'openstack.step.upload' : 'openstack.step.findImage', { name: remote, endpoint }, endpoint, [], { endpoint, name: remote, file, sha256: image?.sha256?.toLowerCase() ?? null, diskFormat: diskFormatOf(file, image?.kind ?? 'template'), cells }));
    ids.image.set(name, id);
  }
  for (const network of view.networks) {
    const id = `os.network:${endpoint}/${network.name}`;
    steps.push(stepOf<OsNetworkInput>(id, osKinds.network, 'openstack.step.network', { name: network.name, endpoint }, endpoint, [], { ...network, endpoint }));
    ids.network.set(network.name, id);
  }
  for (const router of view.routers) {
    const name = `${router.slice}-router`;
    steps.push(stepOf<OsRouterInput>(`os.router:${endpoint}/${name}`, osKinds.router, 'openstack.step.router', { name, endpoint }, endpoint, [ids.network.get(router.network)!], { endpoint, name, network: router.network, externalNetwork: router.externalNetwork }));
  }
  for (const server of view.servers) {
    const flavorName = server.flavor ?? autoFlavorName(server);
    const slice = server.slice ? plan.slices.find((entry) => entry.name === server.slice) : undefined;
    const siblings = view.servers.filter((other) => other.slice !== null && other.slice === server.slice).map((other) => ({ name: other.name, zone: other.zone }));
    const deps = [
      ids.flavor.get(flavorName)!,
      ...(server.image ? [ids.image.get(server.image)!] : []),
      ...(server.keyPair ? [ids.keypair.get(server.keyPair)!] : []),
      ...server.securityGroups.map((group) => ids.secgroup.get(group)!),
      ...[...new Set(server.ports.map((port) => port.network))].map((network) => ids.network.get(network)!),
    ];
    const input: OsServerInput = { ...server, endpoint, flavorName, sliceNodes: siblings, sliceZones: slice?.zones ?? [], ha: slice?.ha ?? false };
    steps.push(stepOf<OsServerInput>(`vm.create:${server.name}`, osKinds.server, 'openstack.step.server', { name: server.name }, server.name, deps, input));
  }
  return steps;
}

export function buildOpenStackSteps(plan: Plan): StepSpec[] {
  return plan.endpoints.filter((endpoint) => endpoint.kind === 'openstack').flatMap((endpoint) => endpointSteps(plan, endpoint.name));
}
