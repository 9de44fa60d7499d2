import type { SheetKey } from '../v1/columnTypes';
import type { RowInput } from './planSheets';
import { SAMPLE_PLACEHOLDER_PASSWORD } from './samplePlanData';

/*
 * The OpenStack sample site, as data: one OpenStack endpoint (Keystone on an
 * internal head node) reached through a bastion on a non-standard SSH port,
 * the way the orchestrator it replaces reached its cloud, and one 4-node
 * mesh slice with HA over two availability zones. Scripts point the
 * endpoint's and the jump host's cells (by their English headers) at any
 * OpenStack and bastion. The key pair's public key is a throwaway one whose
 * private half was never kept.
 */

export const sampleOpenstackProject: RowInput = {
  name: 'Rackpilot OpenStack sample site',
  organisation: 'Example Corp',
  datacenter: 'Lab DC-3',
  notes: 'One OpenStack behind a bastion; a 4-node mesh slice spread over two zones.',
  ntpServers: '10.40.0.5',
  dnsServers: '10.40.0.53',
};

const SAMPLE_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEjWQVrz2/dHRIsA7ALxXbEOi2JUHGyvuMjAVih9zdw/ ops@rackpilot-sample';

export function sampleOpenstackRows(): Partial<Record<SheetKey, readonly RowInput[]>> {
  return {
    endpoints: [
      {
        name: 'os-lab',
        kind: 'openstack',
        address: '192.168.202.1',
        port: 5000,
        username: 'admin',
        password: SAMPLE_PLACEHOLDER_PASSWORD,
        jumpHost: 'bastion',
        region: 'RegionOne',
        project: 'admin',
        domain: 'Default',
      },
    ],
    jumpHosts: [{ name: 'bastion', address: '10.40.0.2', port: 5821, user: 'ubuntu', password: SAMPLE_PLACEHOLDER_PASSWORD }],
    networks: [],
    images: [{ name: 'cirros', kind: 'template', endpoint: 'os-lab', remoteName: 'cirros' }],
    vms: [],
    scripts: [],
    flavors: [{ name: 'rp.small', endpoint: 'os-lab', vcpu: 1, memoryMiB: '1 GiB', diskGiB: '5 GiB', recommend: true, notes: 'The smallest flavor of the cloud that fits 1 vCPU, 1 GiB, 5 GiB.' }],
    availabilityZones: [
      { name: 'zone-1', endpoint: 'os-lab', hosts: 'compute-01' },
      { name: 'zone-2', endpoint: 'os-lab', hosts: 'compute-02' },
    ],
    keyPairs: [{ name: 'ops-key', endpoint: 'os-lab', publicKey: SAMPLE_PUBLIC_KEY }],
    securityGroups: [{ name: 'mesh-ssh', endpoint: 'os-lab', description: 'SSH and ping from anywhere; everything between the slice nodes' }],
    securityGroupRules: [
      { group: 'mesh-ssh', direction: 'ingress', protocol: 'tcp', ports: '22', remoteCidr: '0.0.0.0/0' },
      { group: 'mesh-ssh', direction: 'ingress', protocol: 'icmp', remoteCidr: '0.0.0.0/0' },
      { group: 'mesh-ssh', direction: 'ingress', protocol: 'any', remoteGroup: 'mesh-ssh' },
    ],
    slices: [
      {
        name: 'mesh4',
        endpoint: 'os-lab',
        topology: 'mesh',
        nodes: 4,
        ha: true,
        cidr: '10.60.0.0/24',
        managementCidr: '10.61.0.0/24',
        externalNetwork: 'public',
        dns: '10.40.0.53',
        image: 'cirros',
        flavor: 'rp.small',
        keyPair: 'ops-key',
        securityGroups: 'mesh-ssh',
        notes: 'Four nodes, every pair linked: six /29 links and a management network routed to public.',
      },
    ],
  };
}
