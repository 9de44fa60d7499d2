import { defaultPorts, emptyPlan, sourced, type Cluster, type Endpoint, type Plan, type Vm } from '../../../../shared/plan/model';
import { subnetFor, subnetOfVm, type Subnet } from './addressRules';
import type { ImportContext } from './context';
import { DEFAULT_ORGANISATION, SMARTX_PROFILE, type SmartxClusterInfoFields, type SmartxExtension, type SmartxManagementVm } from './extension';
import { fieldLabel, secretLabel } from './labels';
import type { DocumentInfo } from './readDocument';
import type { HostSheet } from './readHosts';
import type { ManagementSheet } from './readManagement';
import type { NetworkSheet } from './readNetworks';
import { parseSizing } from './sizing';

export interface SheetsRead {
  document: DocumentInfo;
  networks: NetworkSheet;
  hosts: HostSheet;
  management: ManagementSheet;
  subnets: Subnet[];
}

/** The cluster the host sheet describes: named by its rows (`=虚拟网络!B3`), else the first of 虚拟网络. */
export function mainClusterName(read: Pick<SheetsRead, 'networks' | 'hosts'>): string | null {
  return read.hosts.hosts.find((host) => host.cluster)?.cluster ?? read.networks.clusters[0]?.name ?? null;
}

function clusterEndpoint(ctx: ImportContext, name: string, read: SheetsRead): Endpoint | null {
  const summary = read.hosts.summary;
  if (!summary?.vipIp) return null;
  const password = summary.adminPassword?.secret ?? null;
  if (!password) {
    ctx.add('secret.missing', summary.adminPassword?.ref ?? summary.vip.ref, { what: secretLabel('adminPassword', ctx.lang), name });
  }
  if (!summary.adminUser?.text) ctx.require(summary.adminUser ?? { ...summary.vip, text: null }, fieldLabel('clusterAdmin', ctx.lang));
  return sourced(
    {
      name, kind: 'smartx', address: summary.vipIp, port: defaultPorts.smartx, username: summary.adminUser?.text ?? null,
      password, apiToken: null, tlsFingerprint: null, jumpHost: null, datacenter: read.document.datacenter.text,
      cluster: name, region: null, project: null, domain: null,
    },
    summary.origin,
    { address: summary.vip.ref, username: summary.adminUser?.ref, password: summary.adminPassword?.ref, datacenter: read.document.datacenter.ref },
  );
}

function cloudTowerEndpoint(vm: SmartxManagementVm, cluster: string | null, datacenter: string | null): Endpoint | null {
  if (!vm.ip) return null;
  return sourced(
    {
      name: vm.name, kind: 'cloudtower', address: vm.ip, port: defaultPorts.cloudtower, username: vm.webUser, password: vm.webPassword,
      apiToken: null, tlsFingerprint: null, jumpHost: null, datacenter, cluster: vm.cluster ?? cluster, region: null, project: null, domain: null,
    },
    vm.origin,
    { name: vm.src.name, address: vm.src.ip, username: vm.src.webUser, password: vm.src.webPassword, cluster: vm.src.cluster },
  );
}

function managementVm(ctx: ImportContext, vm: SmartxManagementVm, endpoint: string, cluster: string | null, subnets: Subnet[]): Vm | null {
  if (vm.role === 'er' || !vm.sizing) return null;
  const sizing = parseSizing(vm.sizing);
  if (!sizing) {
    ctx.add('smartx.sizing_invalid', vm.src.sizing ?? vm.origin, { value: vm.sizing, name: vm.name });
    return null;
  }
  const network = vm.ip ? (subnetOfVm(subnets, vm.ip) ?? subnetFor(subnets, ['management']))?.network.name ?? null : null;
  const placement = vm.cluster ?? cluster;
  return sourced(
    {
      name: vm.name, endpoint, placement: placement ? [placement] : [], os: 'other', image: null, ...sizing, network, ip: vm.ip,
      gateway: null, vmid: null, scripts: [], haGroup: null, availabilityZone: null, storage: null, flavor: null, jumpHost: null,
      user: vm.sshUser, password: vm.sshPassword, sshKeyPath: null,
      notes: [vm.description, vm.version && `v${vm.version}`].filter(Boolean).join(' ') || null,
    },
    vm.origin,
    {
      name: vm.src.name, placement: vm.cluster ? vm.src.cluster : undefined, vcpu: vm.src.sizing, memoryMiB: vm.src.sizing,
      diskGiB: vm.src.sizing, ip: vm.src.ip, user: vm.src.sshUser, password: vm.src.sshPassword, notes: vm.src.description,
    },
  );
}

function clusterInfo(read: SheetsRead, name: string): SmartxExtension['clusters'][number] {
  const s = read.hosts.summary;
  return sourced<SmartxClusterInfoFields>(
    {
      name, smtxOsVersion: s?.version?.text ?? null, serial: s?.serial?.text ?? null, adminUser: s?.adminUser?.text ?? null,
      adminPassword: s?.adminPassword?.secret ?? null, features: s?.features?.text ?? null,
      storageArchitecture: s?.storageArchitecture?.text ?? null, networkArchitecture: s?.networkArchitecture?.text ?? null,
    },
    s?.origin ?? null,
    {
      smtxOsVersion: s?.version?.ref, serial: s?.serial?.ref, adminUser: s?.adminUser?.ref, adminPassword: s?.adminPassword?.ref,
      features: s?.features?.ref, storageArchitecture: s?.storageArchitecture?.ref, networkArchitecture: s?.networkArchitecture?.ref,
    },
  );
}

export function buildPlan(ctx: ImportContext, read: SheetsRead): Plan {
  const plan = emptyPlan(SMARTX_PROFILE, ctx.wb.path);
  const { document, networks, hosts, management } = read;
  const main = mainClusterName(read);
  const ntp = management.ntp.map((server) => server.value);
  const dns = management.dns.map((server) => server.value);
  plan.project = sourced(
    {
      name: document.project.text ?? main ?? 'SmartX', organisation: document.customer.text ?? DEFAULT_ORGANISATION, language: 'zh',
      datacenter: document.datacenter.text, notes: null, ntpServers: ntp, dnsServers: dns,
    },
    document.origin,
    {
      name: document.project.text ? document.project.ref : undefined, organisation: document.customer.text ? document.customer.ref : undefined,
      datacenter: document.datacenter.text ? document.datacenter.ref : undefined, ntpServers: management.ntp[0]?.ref, dnsServers: management.dns[0]?.ref,
    },
  );
  const clusterNames = [...networks.clusters.map((c) => c.name), ...(main && !networks.clusters.some((c) => c.name === main) ? [main] : [])];
  const endpoint = main ? clusterEndpoint(ctx, main, read) : null;
  if (endpoint) plan.endpoints.push(endpoint);
  const towerVm = management.vms.find((vm) => vm.role === 'cloudtower');
  const tower = towerVm ? cloudTowerEndpoint(towerVm, main, document.datacenter.text) : null;
  if (tower) plan.endpoints.push(tower);
  plan.clusters = clusterNames.filter(Boolean).map((name): Cluster => {
    const isMain = name === main;
    const ref = networks.clusters.find((c) => c.name === name)?.ref;
    return sourced(
      {
        name, vip: isMain ? (hosts.summary?.vipIp ?? null) : null, vds: networks.vdses.filter((v) => v.cluster === name).map((v) => v.name),
        endpoint: isMain && endpoint ? endpoint.name : null, ntpServers: ntp, dnsServers: dns, notes: null,
      },
      ref ?? null,
      { name: ref, vip: isMain ? hosts.summary?.vip.ref : undefined, ntpServers: management.ntp[0]?.ref, dnsServers: management.dns[0]?.ref },
    );
  });
  plan.networks = networks.networks;
  plan.hosts = hosts.hosts.map((host) => (host.cluster ? host : { ...host, cluster: main }));
  for (const vm of management.vms) {
    // CloudTower is installed onto the cluster itself; the other components are deployed through CloudTower.
    const target = vm.role === 'cloudtower' || !tower ? (endpoint?.name ?? main ?? '') : tower.name;
    const planned = managementVm(ctx, vm, target, main, read.subnets);
    if (planned) plan.vms.push(planned);
  }
  const extension: SmartxExtension = {
    customer: document.customer.text,
    clusters: main ? [clusterInfo(read, main)] : [],
    vdses: networks.vdses,
    networks: networks.infos,
    hosts: hosts.infos,
    managementVms: management.vms,
    temporaryIps: management.temporaryIps,
  };
  plan.extensions[SMARTX_PROFILE] = extension;
  return plan;
}
