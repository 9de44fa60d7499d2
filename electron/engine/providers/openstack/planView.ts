import { whereOf, type CellRef, type Plan, type Slice, type Vm } from '../../../../shared/plan/model';
import { expandSlice, generatedNodeNames } from '../../../../shared/plan/openstack/topology';

/*
 * What the plan puts on one OpenStack endpoint, in the provider's terms:
 * servers (a slice's nodes and the endpoint's other VMs), each with its
 * ports, and the networks those ports join. A slice's topology becomes its
 * networks and fixed-IP ports (shared/plan/openstack/topology.ts); a VM
 * outside a slice gets one port on its planned network.
 */

export interface PlannedNetwork {
  name: string;
  /** Null for an existing Neutron network the plan only names. */
  cidr: string | null;
  gateway: string | null;
  dns: string[];
  /** True: the cloud already has it (Networks sheet's Neutron network); never created nor deleted. */
  existing: boolean;
  slice: string | null;
  cell?: CellRef;
}

export interface PlannedServer {
  name: string;
  slice: string | null;
  /** A flavor row's name, or null: sized from vcpu/memory/disk. */
  flavor: string | null;
  vcpu: number;
  memoryMiB: number;
  diskGiB: number;
  image: string | null;
  /** A zone the VM row pins, else null (the slice's distribution decides). */
  zone: string | null;
  ports: Array<{ network: string; ip: string | null }>;
  keyPair: string | null;
  securityGroups: string[];
  userData: string | null;
  cells: { flavor?: CellRef; image?: CellRef; zone?: CellRef; row?: CellRef };
}

export interface PlannedSliceRouter {
  slice: string;
  /** The management network the router serves. */
  network: string;
  externalNetwork: string | null;
}

export interface EndpointView {
  networks: PlannedNetwork[];
  servers: PlannedServer[];
  routers: PlannedSliceRouter[];
}

const bareIp = (ip: string | null): string | null => (ip ? ip.split('/')[0]!.trim() : null);
const cellsOf = (vm: Vm): PlannedServer['cells'] => {
  const out: PlannedServer['cells'] = {};
  for (const field of ['flavor', 'image', 'availabilityZone'] as const) {
    const cell = whereOf(vm, field);
    if (cell) out[field === 'availabilityZone' ? 'zone' : field] = cell;
  }
  const row = whereOf(vm);
  if (row) out.row = row;
  return out;
};

/** A slice's nodes: the VM rows that name it, in row order, else `nodes` generated ones. */
export function sliceNodes(plan: Plan, slice: Slice): Array<{ name: string; vm: Vm | null }> {
  const rows = plan.vms.filter((vm) => vm.slice === slice.name);
  if (rows.length > 0) return rows.map((vm) => ({ name: vm.name, vm }));
  return generatedNodeNames(slice.name, slice.nodes ?? 0).map((name) => ({ name, vm: null }));
}

function sliceView(plan: Plan, slice: Slice, view: EndpointView): void {
  const nodes = sliceNodes(plan, slice);
  const expansion = expandSlice({ name: slice.name, topology: slice.topology, nodes: nodes.map((node) => node.name), cidr: slice.cidr, managementCidr: slice.managementCidr });
  // Validation reports a slice that cannot be expanded, to the cell; it deploys nothing.
  if (expansion.kind !== 'expanded') return;
  const sliceCell = whereOf(slice) ?? undefined;
  for (const network of expansion.networks) {
    view.networks.push({ name: network.name, cidr: network.cidr, gateway: network.gateway, dns: network.role === 'management' ? slice.dns : [], existing: false, slice: slice.name, ...(sliceCell ? { cell: sliceCell } : {}) });
    if (network.role === 'management') view.routers.push({ slice: slice.name, network: network.name, externalNetwork: slice.externalNetwork });
  }
  for (const node of expansion.nodes) {
    const vm = nodes.find((entry) => entry.name === node.name)?.vm ?? null;
    view.servers.push({
      name: node.name,
      slice: slice.name,
      flavor: vm?.flavor ?? slice.flavor,
      vcpu: vm?.vcpu ?? 1,
      memoryMiB: vm?.memoryMiB ?? 512,
      diskGiB: vm?.diskGiB ?? 0,
      image: vm?.image ?? slice.image,
      zone: vm?.availabilityZone ?? null,
      ports: node.ports.map((port) => ({ network: port.network, ip: port.ip })),
      keyPair: vm?.keyPair ?? slice.keyPair,
      securityGroups: vm?.securityGroups?.length ? vm.securityGroups : slice.securityGroups,
      userData: vm?.userData ?? null,
      cells: vm ? cellsOf(vm) : sliceCell ? { row: sliceCell } : {},
    });
  }
}

/** Everything the plan deploys on the OpenStack endpoint `endpoint`. */
export function endpointView(plan: Plan, endpoint: string): EndpointView {
  const view: EndpointView = { networks: [], servers: [], routers: [] };
  for (const slice of plan.slices ?? []) if (slice.endpoint === endpoint) sliceView(plan, slice, view);
  const sliced = new Set(view.servers.map((server) => server.name));
  for (const vm of plan.vms) {
    if (vm.endpoint !== endpoint || sliced.has(vm.name) || vm.slice) continue;
    const network = vm.network ? plan.networks.find((entry) => entry.name === vm.network) : undefined;
    if (network && !view.networks.some((entry) => entry.name === network.name)) {
      const cell = whereOf(network) ?? undefined;
      view.networks.push({
        name: network.neutronNetwork ?? network.name,
        cidr: network.neutronNetwork ? null : network.cidr,
        gateway: network.gateway,
        dns: network.dns,
        existing: network.neutronNetwork !== null,
        slice: null,
        ...(cell ? { cell } : {}),
      });
    }
    view.servers.push({
      name: vm.name,
      slice: null,
      flavor: vm.flavor,
      vcpu: vm.vcpu,
      memoryMiB: vm.memoryMiB,
      diskGiB: vm.diskGiB,
      image: vm.image,
      zone: vm.availabilityZone,
      ports: network ? [{ network: network.neutronNetwork ?? network.name, ip: bareIp(vm.ip) }] : [],
      keyPair: vm.keyPair ?? null,
      securityGroups: vm.securityGroups ?? [],
      userData: vm.userData ?? null,
      cells: cellsOf(vm),
    });
  }
  return view;
}
