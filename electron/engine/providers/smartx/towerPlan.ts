import type { CellRef } from '../../../../shared/errors';
import { whereOf, type Endpoint, type Plan, type Vm } from '../../../../shared/plan/model';
import { smartxExtensionOf } from '../../plan/smartx/extension';

/*
 * What the CloudTower pipeline takes from the plan, as the step input of
 * each of its steps (plain data, no secret: those are read from the plan
 * when a step runs). The SmartX profile (plan/smartx) has already checked
 * the cells; this only gathers them.
 */
export interface TowerInput {
  /** The SMTX OS endpoint (the cluster, reached at its VIP). */
  cluster: string;
  /** The CloudTower endpoint (its planned address, its web administrator). */
  tower: string;
  /** The VM's name on the cluster, lower-case as the design asks. */
  vmName: string;
  /** The planned address of CloudTower, without a prefix length. */
  ip: string;
  netmask: string | null;
  gateway: string | null;
  /** The network the VM's NIC joins: VLAN by name first, then by ID. */
  network: { name: string | null; vlan: number | null; vds: string | null };
  /** Null: the cluster's first storage policy. */
  storagePolicy: string | null;
  vcpu: number;
  memoryMiB: number;
  diskGiB: number;
  /** `集群管理信息!D` of the CloudTower row: which ISO to look for. */
  version: string | null;
  /** An ISO the plan names (relative to the workbook); null: found next to the workbook by its name. */
  isoFile: string | null;
  organisation: string;
  datacenter: string | null;
  ntpServers: string[];
  dnsServers: string[];
  sshUser: string;
  cells: { ip?: CellRef; version?: CellRef; sizing?: CellRef; network?: CellRef; organisation?: CellRef; clusterVip?: CellRef };
}

/** The CloudTower installer's SSH account on a fresh VM (SmartX's default). */
export const defaultTowerSshUser = 'cloudtower';

const bare = (ip: string): string => ip.split('/')[0]!.trim();

function netmaskOf(cidr: string | null): string | null {
  const prefix = cidr ? Number(cidr.split('/')[1]) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return null;
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 255).join('.');
}

function put(cells: TowerInput['cells'], key: keyof TowerInput['cells'], cell: CellRef | null | undefined): void {
  if (cell) cells[key] = cell;
}

/** The CloudTower VM of a plan: on the SMTX OS endpoint, named like the CloudTower endpoint. */
export function towerVmOf(plan: Plan, tower: Endpoint): Vm | undefined {
  return plan.vms.find((vm) => vm.name.toLowerCase() === tower.name.toLowerCase() && plan.endpoints.some((e) => e.name === vm.endpoint && e.kind === 'smartx'));
}

/** One pipeline per CloudTower endpoint whose VM the plan puts on an SMTX OS cluster. */
export function towerInputs(plan: Plan): TowerInput[] {
  const extension = smartxExtensionOf(plan.extensions);
  const inputs: TowerInput[] = [];
  for (const tower of plan.endpoints.filter((endpoint) => endpoint.kind === 'cloudtower')) {
    const vm = towerVmOf(plan, tower);
    if (!vm || !vm.ip) continue;
    const network = plan.networks.find((entry) => entry.name === vm.network) ?? null;
    const row = extension?.managementVms.find((entry) => entry.role === 'cloudtower' && entry.name.toLowerCase() === vm.name.toLowerCase());
    const iso = plan.images.find((image) => image.kind === 'iso' && image.file && /cloudtower/i.test(image.name + image.file));
    const cluster = plan.endpoints.find((entry) => entry.name === vm.endpoint)!;
    const cells: TowerInput['cells'] = {};
    put(cells, 'ip', whereOf(vm, 'ip'));
    put(cells, 'version', row?.src.version);
    put(cells, 'sizing', whereOf(vm, 'vcpu'));
    put(cells, 'network', whereOf(vm, 'network') ?? (network ? whereOf(network, 'name') : null));
    put(cells, 'organisation', whereOf(plan.project, 'organisation'));
    put(cells, 'clusterVip', whereOf(cluster, 'address'));
    inputs.push({
      cluster: cluster.name,
      tower: tower.name,
      vmName: vm.name.toLowerCase(),
      ip: bare(vm.ip),
      netmask: netmaskOf(network?.cidr ?? (vm.ip.includes('/') ? vm.ip : null)),
      gateway: vm.gateway ?? network?.gateway ?? null,
      network: { name: network?.name ?? vm.network, vlan: network?.vlan ?? null, vds: network?.vds ?? null },
      storagePolicy: vm.storage,
      vcpu: vm.vcpu,
      memoryMiB: vm.memoryMiB,
      diskGiB: vm.diskGiB,
      version: row?.version ?? null,
      isoFile: iso?.file ?? null,
      organisation: plan.project.organisation ?? 'SMTX-HCI',
      datacenter: plan.project.datacenter,
      ntpServers: [...plan.project.ntpServers],
      dnsServers: [...plan.project.dnsServers],
      sshUser: vm.user ?? defaultTowerSshUser,
      cells,
    });
  }
  return inputs;
}
