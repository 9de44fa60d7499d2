import type { FindingSeverity } from '../../../../shared/plan/findings';
import type { SheetSpec } from './external';
import { columnLetters } from '../workbook';
import { cellOf, samplePlanRows, samplePlanSheets, tableFields, type PlanRows } from './v1Plan';

/*
 * Broken plans, each with the one finding it must produce: code, sheet and
 * cell. Every case starts from the valid sample plan and changes one thing.
 */

export interface CorpusCase {
  name: string;
  change?: (rows: PlanRows) => void;
  /** Replaces the sheets built from the rows (for header and sheet problems). */
  sheets?: (rows: PlanRows) => SheetSpec[];
  expect: { code: string; severity: FindingSeverity; sheet: string | null; cell: (rows: PlanRows) => string | null };
}

const vm = (field: string, index: number) => (rows: PlanRows) => cellOf('vms', rows.vms, field, index);
const network = (field: string, index: number) => (rows: PlanRows) => cellOf('networks', rows.networks, field, index);
const endpoint = (field: string, index: number) => (rows: PlanRows) => cellOf('endpoints', rows.endpoints, field, index);
const jump = (field: string, index: number) => (rows: PlanRows) => cellOf('jumpHosts', rows.jumpHosts, field, index);
const image = (field: string, index: number) => (rows: PlanRows) => cellOf('images', rows.images, field, index);
const script = (field: string, index: number) => (rows: PlanRows) => cellOf('scripts', rows.scripts, field, index);

function setVm(index: number, values: Record<string, string | number | boolean | null>) {
  return (rows: PlanRows) => Object.assign(rows.vms[index]!, values);
}

export const corpus: CorpusCase[] = [
  { name: 'memory without a number', change: setVm(0, { memoryMiB: 'lots' }), expect: { code: 'value.bad_size', severity: 'error', sheet: 'VMs', cell: vm('memoryMiB', 0) } },
  { name: 'memory with an unknown unit', change: setVm(1, { memoryMiB: '4 PB' }), expect: { code: 'value.bad_size', severity: 'error', sheet: 'VMs', cell: vm('memoryMiB', 1) } },
  { name: 'vCPU in words', change: setVm(0, { vcpu: 'two' }), expect: { code: 'value.not_number', severity: 'error', sheet: 'VMs', cell: vm('vcpu', 0) } },
  { name: 'fractional vCPU', change: setVm(1, { vcpu: 2.5 }), expect: { code: 'value.not_integer', severity: 'error', sheet: 'VMs', cell: vm('vcpu', 1) } },
  { name: 'vCPU zero', change: setVm(1, { vcpu: 0 }), expect: { code: 'value.out_of_range', severity: 'error', sheet: 'VMs', cell: vm('vcpu', 1) } },
  { name: 'empty vCPU', change: setVm(2, { vcpu: null }), expect: { code: 'value.required', severity: 'error', sheet: 'VMs', cell: vm('vcpu', 2) } },
  { name: 'memory N/A', change: setVm(2, { memoryMiB: 'N/A' }), expect: { code: 'value.required', severity: 'error', sheet: 'VMs', cell: vm('memoryMiB', 2) } },
  { name: 'misspelt OS', change: setVm(0, { os: 'ubunto' }), expect: { code: 'value.not_in_list', severity: 'error', sheet: 'VMs', cell: vm('os', 0) } },
  { name: 'unknown endpoint kind', change: (rows) => Object.assign(rows.endpoints[1]!, { kind: 'kvm' }), expect: { code: 'value.not_in_list', severity: 'error', sheet: 'Endpoints', cell: endpoint('kind', 1) } },
  { name: 'VM name with underscore', change: setVm(0, { name: 'web_01' }), expect: { code: 'name.invalid', severity: 'error', sheet: 'VMs', cell: vm('name', 0) } },
  { name: 'VM name too long', change: setVm(0, { name: 'a'.repeat(70) }), expect: { code: 'name.too_long', severity: 'error', sheet: 'VMs', cell: vm('name', 0) } },
  { name: 'two VMs with one name', change: setVm(1, { name: 'WEB-01' }), expect: { code: 'name.duplicate', severity: 'error', sheet: 'VMs', cell: vm('name', 1) } },
  { name: 'IP with an octet over 255', change: setVm(0, { ip: '10.0.20.300' }), expect: { code: 'ip.invalid', severity: 'error', sheet: 'VMs', cell: vm('ip', 0) } },
  { name: 'IP outside the subnet', change: setVm(0, { ip: '10.0.99.5' }), expect: { code: 'ip.outside_cidr', severity: 'error', sheet: 'VMs', cell: vm('ip', 0) } },
  { name: 'IP is the network address', change: setVm(0, { ip: '10.0.20.0' }), expect: { code: 'ip.network_address', severity: 'error', sheet: 'VMs', cell: vm('ip', 0) } },
  { name: 'IP is the broadcast address', change: setVm(0, { ip: '10.0.20.255' }), expect: { code: 'ip.broadcast_address', severity: 'error', sheet: 'VMs', cell: vm('ip', 0) } },
  { name: 'IP is the gateway', change: setVm(1, { ip: '10.0.20.1' }), expect: { code: 'ip.is_gateway', severity: 'error', sheet: 'VMs', cell: vm('ip', 1) } },
  { name: 'IP used twice', change: setVm(1, { ip: '10.0.20.21' }), expect: { code: 'ip.duplicate', severity: 'error', sheet: 'VMs', cell: vm('ip', 1) } },
  { name: 'gateway override outside the subnet', change: setVm(0, { gateway: '10.0.21.1' }), expect: { code: 'gateway.outside_cidr', severity: 'error', sheet: 'VMs', cell: vm('gateway', 0) } },
  { name: 'gateway outside the subnet', change: (rows) => Object.assign(rows.networks[0]!, { gateway: '10.0.21.1' }), expect: { code: 'gateway.outside_cidr', severity: 'error', sheet: 'Networks', cell: network('gateway', 0) } },
  { name: 'VLAN over 4094', change: (rows) => Object.assign(rows.networks[1]!, { vlan: 5000 }), expect: { code: 'vlan.out_of_range', severity: 'error', sheet: 'Networks', cell: network('vlan', 1) } },
  { name: 'prefix over 32', change: (rows) => Object.assign(rows.networks[1]!, { cidr: '10.0.30.0/33' }), expect: { code: 'cidr.invalid', severity: 'error', sheet: 'Networks', cell: network('cidr', 1) } },
  { name: 'subnet with host bits', change: (rows) => Object.assign(rows.networks[0]!, { cidr: '10.0.20.5/24' }), expect: { code: 'cidr.host_bits', severity: 'warning', sheet: 'Networks', cell: network('cidr', 0) } },
  { name: 'DNS server that is not an IP', change: (rows) => Object.assign(rows.networks[0]!, { dns: '10.0.0.53, dns.example' }), expect: { code: 'ip.invalid', severity: 'error', sheet: 'Networks', cell: network('dns', 0) } },
  { name: 'misspelt network', change: setVm(0, { network: 'mgnt' }), expect: { code: 'ref.unknown', severity: 'error', sheet: 'VMs', cell: vm('network', 0) } },
  { name: 'unknown endpoint', change: setVm(3, { endpoint: 'pve9' }), expect: { code: 'ref.unknown', severity: 'error', sheet: 'VMs', cell: vm('endpoint', 3) } },
  { name: 'unknown image', change: setVm(2, { image: 'ubuntu' }), expect: { code: 'ref.unknown', severity: 'error', sheet: 'VMs', cell: vm('image', 2) } },
  { name: 'unknown script', change: setVm(1, { scripts: 'base, nginx' }), expect: { code: 'ref.unknown', severity: 'error', sheet: 'VMs', cell: vm('scripts', 1) } },
  { name: 'unknown jump host', change: (rows) => Object.assign(rows.endpoints[0]!, { jumpHost: 'bastion3' }), expect: { code: 'ref.unknown', severity: 'error', sheet: 'Endpoints', cell: endpoint('jumpHost', 0) } },
  { name: 'script runs on an unknown VM', change: (rows) => Object.assign(rows.scripts[1]!, { runOn: 'web-01, web-03' }), expect: { code: 'ref.unknown', severity: 'error', sheet: 'Scripts', cell: script('runOn', 1) } },
  { name: 'jump hosts in a loop', change: (rows) => Object.assign(rows.jumpHosts[0]!, { via: 'bastion2' }), expect: { code: 'jump.cycle', severity: 'error', sheet: 'Jump hosts', cell: jump('via', 0) } },
  { name: 'ISO file missing', change: (rows) => Object.assign(rows.images[0]!, { file: 'isos/missing.iso' }), expect: { code: 'image.file_missing', severity: 'error', sheet: 'Images', cell: image('file', 0) } },
  { name: 'ISO checksum mismatch', change: (rows) => Object.assign(rows.images[0]!, { file: 'bad.iso' }), expect: { code: 'image.sha256_mismatch', severity: 'error', sheet: 'Images', cell: image('sha256', 0) } },
  { name: 'checksum not hex', change: (rows) => Object.assign(rows.images[0]!, { sha256: 'abc123' }), expect: { code: 'sha256.invalid', severity: 'error', sheet: 'Images', cell: image('sha256', 0) } },
  { name: 'ISO without a file', change: (rows) => Object.assign(rows.images[0]!, { file: null }), expect: { code: 'image.no_file', severity: 'error', sheet: 'Images', cell: image('file', 0) } },
  { name: 'short TLS fingerprint', change: (rows) => Object.assign(rows.endpoints[0]!, { tlsFingerprint: 'AB:CD:EF' }), expect: { code: 'fingerprint.invalid', severity: 'error', sheet: 'Endpoints', cell: endpoint('tlsFingerprint', 0) } },
  { name: 'port out of range', change: (rows) => Object.assign(rows.endpoints[1]!, { port: 70000 }), expect: { code: 'value.out_of_range', severity: 'error', sheet: 'Endpoints', cell: endpoint('port', 1) } },
  { name: 'endpoint without password', change: (rows) => Object.assign(rows.endpoints[1]!, { password: null }), expect: { code: 'secret.missing', severity: 'warning', sheet: 'Endpoints', cell: endpoint('password', 1) } },
  { name: 'jump host without password or key', change: (rows) => Object.assign(rows.jumpHosts[1]!, { password: '-' }), expect: { code: 'secret.missing', severity: 'warning', sheet: 'Jump hosts', cell: jump('password', 1) } },
  { name: 'VM with scripts but no guest password', change: setVm(2, { password: null }), expect: { code: 'secret.missing', severity: 'warning', sheet: 'VMs', cell: vm('password', 2) } },
  { name: 'VMID outside the Ubuntu range', change: setVm(0, { vmid: 2500 }), expect: { code: 'vmid.out_of_range', severity: 'warning', sheet: 'VMs', cell: vm('vmid', 0) } },
  { name: 'VMID used twice', change: setVm(1, { vmid: 1001 }), expect: { code: 'vmid.duplicate', severity: 'error', sheet: 'VMs', cell: vm('vmid', 1) } },
  { name: 'VMID on vSphere', change: setVm(0, { endpoint: 'vc1' }), expect: { code: 'vmid.ignored', severity: 'info', sheet: 'VMs', cell: vm('vmid', 0) } },
  { name: 'network of another endpoint', change: setVm(1, { endpoint: 'vc1', vmid: null }), expect: { code: 'ref.other_endpoint', severity: 'warning', sheet: 'VMs', cell: vm('network', 1) } },
  { name: 'script without commands', change: (rows) => Object.assign(rows.scripts[1]!, { body: null }), expect: { code: 'script.no_body', severity: 'error', sheet: 'Scripts', cell: script('body', 1) } },
  { name: 'sudo maybe', change: (rows) => Object.assign(rows.scripts[0]!, { sudo: 'maybe' }), expect: { code: 'value.bad_bool', severity: 'error', sheet: 'Scripts', cell: script('sudo', 0) } },
  { name: 'formula that cannot be evaluated', change: setVm(1, { vcpu: '=1+1' }), expect: { code: 'formula.unevaluated', severity: 'error', sheet: 'VMs', cell: vm('vcpu', 1) } },
  {
    name: 'row with values but no name',
    change: (rows) => rows.vms.push({ name: null, endpoint: 'pve1', os: 'ubuntu', vcpu: 1 }),
    expect: { code: 'row.no_key', severity: 'info', sheet: 'VMs', cell: (rows) => `A${rows.vms.length + 1}:${columnLetters(tableFields('vms', rows.vms).length)}${rows.vms.length + 1}` },
  },
  {
    name: 'missing required column',
    sheets: (rows) => samplePlanSheets('en', rows, { vms: { omit: ['vcpu'] } }),
    expect: { code: 'header.column_missing', severity: 'error', sheet: 'VMs', cell: () => null },
  },
  {
    name: 'misspelt header',
    sheets: (rows) => samplePlanSheets('en', rows, { vms: { headers: { memoryMiB: 'Memmory' } } }),
    expect: { code: 'header.column_unknown', severity: 'info', sheet: 'VMs', cell: (rows) => vm('memoryMiB', 0)(rows).replace(/\d+$/, '1') },
  },
  {
    name: 'no VMs sheet',
    sheets: (rows) => samplePlanSheets('en', rows).filter((sheet) => sheet.name !== 'VMs'),
    expect: { code: 'workbook.sheet_missing', severity: 'error', sheet: null, cell: () => null },
  },
  {
    name: 'header row not found',
    sheets: (rows) => samplePlanSheets('en', rows).map((sheet) => (sheet.name === 'Networks' ? { name: 'Networks', rows: [['just a note'], ['another note']] } : sheet)),
    expect: { code: 'header.not_found', severity: 'error', sheet: 'Networks', cell: () => null },
  },
];

export function buildCase(testCase: CorpusCase): { rows: PlanRows; sheets: SheetSpec[] } {
  const rows = samplePlanRows();
  testCase.change?.(rows);
  return { rows, sheets: testCase.sheets ? testCase.sheets(rows) : samplePlanSheets('en', rows) };
}
