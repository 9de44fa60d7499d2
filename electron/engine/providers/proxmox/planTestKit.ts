import { Secret } from '../../../../shared/plan/secret';
import {
  emptyPlan,
  sourced,
  type EndpointFields,
  type ImageFields,
  type NetworkFields,
  type Plan,
  type VmFields,
} from '../../../../shared/plan/model';

/** Test helper: a Proxmox plan built directly, cells included, as the workbook importer would fill it. */
export interface TestEndpoint {
  name?: string;
  url: string;
  username: string;
  password: string;
  fingerprint?: string;
}

let row = 3;
const origin = (sheet: string) => ({ sheet, cell: `A${row}:Z${row}` });

export function testEndpoint(endpoint: TestEndpoint): Plan['endpoints'][number] {
  const url = new URL(endpoint.url);
  const fields: EndpointFields = {
    name: endpoint.name ?? 'pve-lab',
    kind: 'proxmox',
    address: url.hostname,
    port: Number(url.port || 8006),
    username: endpoint.username,
    password: new Secret(endpoint.password),
    apiToken: null,
    tlsFingerprint: endpoint.fingerprint ?? null,
    jumpHost: null,
    datacenter: null,
    cluster: null,
    region: null,
    project: null,
    domain: null,
  };
  row++;
  return sourced(fields, origin('Endpoints'), { address: { sheet: 'Endpoints', cell: `C${row}` }, password: { sheet: 'Endpoints', cell: `F${row}` } });
}

export function testNetwork(fields: Partial<NetworkFields> = {}): Plan['networks'][number] {
  row++;
  return sourced<NetworkFields>(
    { name: 'prod', endpoint: null, vlan: 20, cidr: '10.0.20.0/24', gateway: '10.0.20.1', dns: ['10.0.0.2'], bridge: 'vmbr0', portGroup: null, vds: null, neutronNetwork: null, ...fields },
    origin('Networks'),
  );
}

export function testImage(fields: Partial<ImageFields> & { name: string }): Plan['images'][number] {
  row++;
  return sourced<ImageFields>(
    { kind: 'iso', file: null, sha256: null, endpoint: null, storage: 'local', node: null, remoteName: null, ...fields },
    origin('Images'),
    { file: { sheet: 'Images', cell: `C${row}` }, sha256: { sheet: 'Images', cell: `D${row}` } },
  );
}

export function testVm(fields: Partial<Omit<VmFields, 'password'>> & { name: string; password?: string | null }): Plan['vms'][number] {
  row++;
  const { password, ...rest } = fields;
  return sourced<VmFields>(
    {
      endpoint: 'pve-lab',
      placement: [],
      os: 'ubuntu',
      image: null,
      vcpu: 2,
      memoryMiB: 2048,
      diskGiB: 16,
      network: 'prod',
      ip: null,
      gateway: null,
      vmid: null,
      scripts: [],
      haGroup: null,
      availabilityZone: null,
      storage: null,
      flavor: null,
      jumpHost: null,
      user: 'ops',
      sshKeyPath: null,
      notes: null,
      ...rest,
      password: password ? new Secret(password) : null,
    },
    origin('VMs'),
    { ip: { sheet: 'VMs', cell: `H${row}` }, vmid: { sheet: 'VMs', cell: `K${row}` } },
  );
}

export function testPlan(parts: Partial<Pick<Plan, 'endpoints' | 'networks' | 'images' | 'vms'>>, sourcePath = '/tmp/plan.xlsx'): Plan {
  const plan = emptyPlan('rackpilot-v1', sourcePath);
  plan.project.name = 'Lab rehearsal';
  plan.project.dnsServers = ['10.0.0.53'];
  return { ...plan, endpoints: parts.endpoints ?? [], networks: parts.networks ?? [testNetwork()], images: parts.images ?? [], vms: parts.vms ?? [] };
}
