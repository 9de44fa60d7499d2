import type { SheetKey } from '../v1/columnTypes';
import type { RowInput } from './planSheets';
import { SAMPLE_ISO_FILE, SAMPLE_PLACEHOLDER_PASSWORD } from './samplePlanData';

/*
 * The vCenter sample site, as data: one vCenter endpoint (datacenter DC0,
 * cluster DC0_C0, datastore LocalDS_0: the names VMware's vcsim starts
 * with), a standard port group and a distributed one, the two templates the
 * lab's vCenter holds, the sample ISO, and eight VMs (five Linux, three
 * Windows), one of them with the ISO in its CD-ROM. Every object it names
 * exists in a stock vcsim, so a script can point the endpoint's Address,
 * Port, User, Password and TLS fingerprint at any vcsim and deploy it.
 */

export const sampleVsphereProject: RowInput = {
  name: 'Rackpilot vCenter sample site',
  organisation: 'Example Corp',
  datacenter: 'Lab DC-2',
  notes: 'One vCenter, two port groups, eight VMs cloned from a Linux and a Windows template with guest customization.',
  ntpServers: '10.30.0.5',
  dnsServers: '10.30.0.53',
};

const linux = { endpoint: 'vc-lab', placement: 'DC0_C0', os: 'Ubuntu 22.04', image: 'ubuntu-2204', storage: 'LocalDS_0', user: 'ops', password: SAMPLE_PLACEHOLDER_PASSWORD, domain: 'lab.example', timeZone: 'Europe/Madrid' };
const windows = { endpoint: 'vc-lab', placement: 'DC0_C0', os: 'Windows Server 2022', image: 'win2022', storage: 'LocalDS_0', user: 'Administrator', password: SAMPLE_PLACEHOLDER_PASSWORD, workgroup: 'LAB', timeZone: '105' };

const vms: RowInput[] = [
  { name: 'vweb-01', ...linux, vcpu: 2, memoryMiB: '4 GiB', diskGiB: '40G', network: 'app', ip: '10.31.0.21' },
  { name: 'vweb-02', ...linux, vcpu: 2, memoryMiB: '4 GiB', diskGiB: '40G', network: 'app', ip: '10.31.0.22' },
  { name: 'vdb-01', ...linux, vcpu: 4, memoryMiB: '8 GiB', diskGiB: '100G', network: 'app', ip: '10.31.0.31' },
  { name: 'vmon-01', ...linux, vcpu: 2, memoryMiB: '4 GiB', diskGiB: '40G', network: 'mgmt', ip: '10.30.0.31' },
  { name: 'vtools-01', ...linux, image: 'tools-iso', vcpu: 1, memoryMiB: '2 GiB', diskGiB: '20G', network: 'mgmt', ip: '10.30.0.32', notes: 'Clones an Ubuntu template and mounts tools.iso.' },
  { name: 'vwin-01', ...windows, vcpu: 4, memoryMiB: '8 GiB', diskGiB: '80G', network: 'app', ip: '10.31.0.51' },
  { name: 'vwin-02', ...windows, vcpu: 4, memoryMiB: '8 GiB', diskGiB: '80G', network: 'app', ip: '10.31.0.52' },
  { name: 'vwin-03', ...windows, vcpu: 2, memoryMiB: '4 GiB', diskGiB: '60G', network: 'mgmt', ip: '10.30.0.51' },
];

export function sampleVsphereRows(isoSha256: string): Partial<Record<SheetKey, readonly RowInput[]>> {
  return {
    endpoints: [{ name: 'vc-lab', kind: 'vsphere', address: '10.30.0.10', port: 443, username: 'administrator@vsphere.local', password: SAMPLE_PLACEHOLDER_PASSWORD, datacenter: 'DC0', cluster: 'DC0_C0' }],
    jumpHosts: [],
    networks: [
      { name: 'mgmt', endpoint: 'vc-lab', vlan: 0, cidr: '10.30.0.0/24', gateway: '10.30.0.1', dns: '10.30.0.53', portGroup: 'VM Network' },
      { name: 'app', endpoint: 'vc-lab', vlan: 31, cidr: '10.31.0.0/24', gateway: '10.31.0.1', dns: '10.30.0.53', portGroup: 'DC0_DVPG0', vds: 'DVS0' },
    ],
    images: [
      { name: 'tools-iso', kind: 'iso', file: SAMPLE_ISO_FILE, sha256: isoSha256, endpoint: 'vc-lab', storage: 'LocalDS_0' },
      { name: 'ubuntu-2204', kind: 'template', endpoint: 'vc-lab', remoteName: 'tpl-ubuntu-22.04' },
      { name: 'win2022', kind: 'template', endpoint: 'vc-lab', remoteName: 'tpl-windows-2022' },
    ],
    vms,
    scripts: [],
  };
}
