import type { SheetKey } from '../v1/columnTypes';
import type { RowInput } from './planSheets';

/*
 * The sample site, as data: a 3-node Proxmox cluster (endpoint pve-lab,
 * nodes pve1..pve3), a management and an application network, one ISO with
 * its checksum, three templates and ten VMs of three OSes with their
 * post-install scripts. Values are written the way people write them
 * (`4 GiB`, `40G`, `Ubuntu 24.04`), in English in every language version;
 * only the headers are translated. Passwords are placeholders the lab
 * rehearsal replaces (see assets/sample-plan/README.md).
 */

export const SAMPLE_ISO_FILE = 'images/tools.iso';
export const SAMPLE_PLACEHOLDER_PASSWORD = 'lab-placeholder';

export const sampleProject: RowInput = {
  name: 'Rackpilot sample site',
  organisation: 'Example Corp',
  datacenter: 'Lab DC-1, row 3',
  notes: 'A small site to rehearse with: a 3-node Proxmox cluster, two VLANs and ten VMs.',
  ntpServers: '10.10.10.5, 10.10.10.6',
  dnsServers: '10.10.10.53, 10.10.10.54',
};

const linux = { user: 'ops', password: SAMPLE_PLACEHOLDER_PASSWORD, storage: 'ceph-vm', endpoint: 'pve-lab' };
const windows = { user: 'Administrator', password: SAMPLE_PLACEHOLDER_PASSWORD, storage: 'ceph-vm', endpoint: 'pve-lab' };

const sampleVms: RowInput[] = [
  { name: 'web-01', ...linux, placement: 'pve1, pve2', os: 'Ubuntu 24.04', image: 'ubuntu-2404', vcpu: 2, memoryMiB: '4 GiB', diskGiB: '40G', network: 'app', ip: '10.20.0.21', vmid: 1001, scripts: 'hello', haGroup: 'ha-web', notes: 'Web front end behind the load balancer.' },
  { name: 'web-02', ...linux, placement: 'pve2, pve3', os: 'Ubuntu 24.04', image: 'ubuntu-2404', vcpu: 2, memoryMiB: '4 GiB', diskGiB: '40G', network: 'app', ip: '10.20.0.22', vmid: 1002, scripts: 'hello', haGroup: 'ha-web', notes: null },
  { name: 'web-03', ...linux, placement: 'pve3, pve1', os: 'Ubuntu 24.04', image: 'ubuntu-2404', vcpu: 2, memoryMiB: 4096, diskGiB: 40, network: 'app', ip: '10.20.0.23', vmid: 1003, scripts: 'hello', haGroup: 'ha-web', notes: null },
  { name: 'mon-01', ...linux, placement: 'pve1', os: 'Ubuntu 24.04 LTS', image: 'ubuntu-2404', vcpu: 2, memoryMiB: '8G', diskGiB: '100 GiB', network: 'mgmt', ip: '10.10.10.31', vmid: 1010, scripts: 'hello', haGroup: null, notes: 'Monitoring (Prometheus, Grafana).' },
  { name: 'bastion-01', ...linux, placement: 'pve2', os: 'ubuntu', image: 'ubuntu-2404', vcpu: 1, memoryMiB: '2 GiB', diskGiB: 20, network: 'mgmt', ip: '10.10.10.30', vmid: 1011, scripts: 'hello', haGroup: null, notes: 'SSH entry point for operators.' },
  { name: 'db-01', ...linux, placement: 'pve1, pve3', os: 'CentOS Stream 9', image: 'centos-9', vcpu: 4, memoryMiB: '16 GiB', diskGiB: '200G', network: 'app', ip: '10.20.0.31', vmid: 2001, scripts: 'hello', haGroup: 'ha-db', notes: 'PostgreSQL primary.' },
  { name: 'db-02', ...linux, placement: 'pve3, pve1', os: 'CentOS Stream 9', image: 'centos-9', vcpu: 4, memoryMiB: '16 GiB', diskGiB: '200G', network: 'app', ip: '10.20.0.32', vmid: 2002, scripts: 'hello', haGroup: 'ha-db', notes: 'PostgreSQL standby.' },
  { name: 'app-01', ...linux, placement: 'pve2', os: 'centos', image: 'centos-9', vcpu: 4, memoryMiB: '8 GiB', diskGiB: '60G', network: 'app', ip: '10.20.0.41', vmid: 2010, scripts: 'hello', haGroup: null, notes: null },
  { name: 'win-app-01', ...windows, placement: 'pve1, pve2', os: 'Windows Server 2022', image: 'win2022', vcpu: 4, memoryMiB: '8 GiB', diskGiB: '80G', network: 'app', ip: '10.20.0.51', vmid: 3001, scripts: 'hello', haGroup: null, notes: 'Line-of-business application server.' },
  { name: 'win-app-02', ...windows, placement: 'pve2, pve3', os: 'Windows Server 2022', image: 'win2022', vcpu: 4, memoryMiB: '8 GiB', diskGiB: '80G', network: 'app', ip: '10.20.0.52', vmid: 3002, scripts: 'hello', haGroup: null, notes: null },
];

/*
 * `hello` is what the VMs run (a rehearsal runs it on the lab's SSH
 * simulator, which speaks a small shell: echo, printf, cat, exit). The others
 * show what a real site's scripts look like; give a VM their names in its
 * Scripts column to run them.
 */
const scripts: RowInput[] = [
  {
    name: 'hello',
    interpreter: 'bash',
    sudo: false,
    timeoutSec: 60,
    body: ['echo "hello from Rackpilot"', "printf '%s\\n' 'the VM answers over SSH'", 'exit 0'].join('\n'),
  },
  {
    name: 'base-packages',
    interpreter: 'bash',
    sudo: true,
    timeoutSec: '15m',
    body: [
      'set -euo pipefail',
      'export DEBIAN_FRONTEND=noninteractive',
      'apt-get update -q',
      'apt-get install -y -q qemu-guest-agent chrony curl',
      'systemctl enable --now qemu-guest-agent chrony',
    ].join('\n'),
  },
  {
    name: 'base-packages-el',
    interpreter: 'bash',
    sudo: true,
    timeoutSec: '15m',
    body: ['set -euo pipefail', 'dnf -y -q install qemu-guest-agent chrony curl', 'systemctl enable --now qemu-guest-agent chronyd'].join('\n'),
  },
  {
    name: 'set-fqdn',
    interpreter: 'bash',
    sudo: true,
    timeoutSec: 60,
    body: [
      'set -euo pipefail',
      'short="$(hostname -s)"',
      'hostnamectl set-hostname "${short}.lab.example"',
      'grep -q "${short}.lab.example" /etc/hosts || echo "127.0.1.1 ${short}.lab.example ${short}" >> /etc/hosts',
    ].join('\n'),
  },
  {
    name: 'install-nginx',
    interpreter: 'bash',
    sudo: true,
    timeoutSec: '10m',
    body: [
      'set -euo pipefail',
      'export DEBIAN_FRONTEND=noninteractive',
      'apt-get install -y -q nginx',
      'echo "<h1>$(hostname -f)</h1>" > /var/www/html/index.html',
      'systemctl enable --now nginx',
      'curl -fsS http://127.0.0.1/ > /dev/null',
    ].join('\n'),
  },
  {
    name: 'install-postgres',
    interpreter: 'bash',
    sudo: true,
    timeoutSec: '20m',
    body: [
      'set -euo pipefail',
      'dnf -y -q install postgresql-server',
      'test -f /var/lib/pgsql/data/PG_VERSION || postgresql-setup --initdb',
      'systemctl enable --now postgresql',
      'sudo -u postgres psql -Atc "select version()"',
    ].join('\n'),
  },
  {
    name: 'join-domain',
    interpreter: 'powershell',
    sudo: false,
    timeoutSec: '15m',
    // Offline domain join: the blob was provisioned by the domain admins, so no domain password is in the plan.
    body: [
      "$ErrorActionPreference = 'Stop'",
      'Set-DnsClientServerAddress -InterfaceAlias Ethernet -ServerAddresses 10.10.10.53,10.10.10.54',
      'djoin.exe /requestODJ /loadfile C:\\rackpilot\\odj-$env:COMPUTERNAME.txt /windowspath $env:SystemRoot /localos',
      'shutdown.exe /r /t 30 /c "Rackpilot: joining lab.example"',
    ].join('\n'),
  },
];

/** Rows per table sheet; the ISO's checksum is filled in by the generator from the file it writes. */
export function sampleRows(isoSha256: string): Partial<Record<SheetKey, readonly RowInput[]>> {
  return {
    endpoints: [{ name: 'pve-lab', kind: 'proxmox', address: '10.10.10.11', port: 8006, username: 'root@pam', password: SAMPLE_PLACEHOLDER_PASSWORD }],
    jumpHosts: [],
    networks: [
      { name: 'mgmt', endpoint: 'pve-lab', vlan: 10, cidr: '10.10.10.0/24', gateway: '10.10.10.1', dns: '10.10.10.53, 10.10.10.54', bridge: 'vmbr0' },
      { name: 'app', endpoint: 'pve-lab', vlan: 20, cidr: '10.20.0.0/24', gateway: '10.20.0.1', dns: '10.10.10.53, 10.10.10.54', bridge: 'vmbr0' },
    ],
    images: [
      { name: 'tools-iso', kind: 'iso', file: SAMPLE_ISO_FILE, sha256: isoSha256, endpoint: 'pve-lab', storage: 'local', node: 'pve1' },
      { name: 'ubuntu-2404', kind: 'template', endpoint: 'pve-lab', remoteName: 'tpl-ubuntu-2404' },
      { name: 'centos-9', kind: 'template', endpoint: 'pve-lab', remoteName: 'tpl-centos-stream-9' },
      { name: 'win2022', kind: 'template', endpoint: 'pve-lab', remoteName: 'tpl-win2022' },
    ],
    vms: sampleVms,
    scripts,
  };
}
