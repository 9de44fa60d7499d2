import type { Lang } from '../../../../shared/plan/findingCodes';
import { sheetDef } from '../v1/columns';
import type { SheetKey } from '../v1/columnTypes';
import type { SheetSpec } from './external';
import { columnLetters } from '../workbook';

/*
 * A small, valid v1 plan as sheet specs (for openpyxl, LibreOffice or
 * exceljs), with headers in any of the three languages. Tests change one
 * cell to produce one finding.
 */

export type Row = Record<string, string | number | boolean | null>;

export interface TableOptions {
  /** Rows above the header (a title, a note). */
  titleRows?: unknown[][];
  /** Column order: as defined, or reversed to prove order does not matter. */
  reverse?: boolean;
  /** Header text per field instead of the language's canonical one. */
  headers?: Record<string, string>;
  /** Fields to leave out entirely. */
  omit?: string[];
}

/** The fields a table() sheet has, in column order. */
export function tableFields(key: SheetKey, rows: Row[], options: TableOptions = {}): string[] {
  const def = sheetDef(key);
  let fields = def.columns.map((column) => column.field).filter((field) => rows.some((row) => field in row));
  if (!fields.includes(def.keyField)) fields.unshift(def.keyField);
  fields = fields.filter((field) => !(options.omit ?? []).includes(field));
  if (options.reverse) fields.reverse();
  return fields;
}

/** The address of `field` in data row `index` (0-based) of a table() sheet. */
export function cellOf(key: SheetKey, rows: Row[], field: string, index: number, options: TableOptions = {}): string {
  const column = tableFields(key, rows, options).indexOf(field);
  if (column < 0) throw new Error(`${key} has no column ${field}`);
  return `${columnLetters(column + 1)}${(options.titleRows?.length ?? 0) + 2 + index}`;
}

export function table(key: SheetKey, lang: Lang, rows: Row[], options: TableOptions = {}): SheetSpec {
  const def = sheetDef(key);
  const fields = tableFields(key, rows, options);
  const header = fields.map((field) => options.headers?.[field] ?? def.columns.find((column) => column.field === field)!.header[lang]);
  return {
    name: def.name[lang],
    rows: [...(options.titleRows ?? []), header, ...rows.map((row) => fields.map((field) => row[field] ?? null))],
  };
}

export function projectSheet(lang: Lang, values: Row): SheetSpec {
  const def = sheetDef('project');
  return {
    name: def.name[lang],
    rows: Object.entries(values).map(([field, value]) => [def.columns.find((column) => column.field === field)!.header[lang], value]),
  };
}

export const SHA_OF_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface PlanRows {
  endpoints: Row[];
  jumpHosts: Row[];
  networks: Row[];
  images: Row[];
  vms: Row[];
  scripts: Row[];
}

export function samplePlanRows(): PlanRows {
  return {
    endpoints: [
      { name: 'pve1', kind: 'proxmox', address: '10.0.10.11', username: 'root@pam', password: 'pve-secret', tlsFingerprint: 'ab:'.repeat(31) + 'ab', jumpHost: 'bastion2' },
      { name: 'vc1', kind: 'vsphere', address: 'vc1.example.com', port: 443, username: 'administrator@vsphere.local', password: 'vc-secret', datacenter: 'DC1' },
    ],
    jumpHosts: [
      { name: 'bastion1', address: '203.0.113.10', user: 'ops', keyPath: 'keys/bastion1' },
      { name: 'bastion2', address: '10.0.0.5', port: 2222, user: 'ops', password: 'jump-secret', via: 'bastion1' },
    ],
    networks: [
      { name: 'mgmt', endpoint: 'pve1', vlan: 20, cidr: '10.0.20.0/24', gateway: '10.0.20.1', dns: '10.0.0.53, 10.0.0.54', bridge: 'vmbr0' },
      { name: 'app', endpoint: 'pve1', vlan: 30, cidr: '10.0.30.0/24', gateway: '10.0.30.1', bridge: 'vmbr1' },
    ],
    images: [
      { name: 'ubuntu-2404', kind: 'iso', file: 'empty.iso', sha256: SHA_OF_EMPTY, endpoint: 'pve1', storage: 'local' },
      { name: 'win2022', kind: 'template', endpoint: 'pve1', remoteName: '9001' },
    ],
    vms: [
      { name: 'web-01', endpoint: 'pve1', placement: 'pve-a, pve-b', os: 'Ubuntu 24.04', image: 'ubuntu-2404', vcpu: 2, memoryMiB: '4 GiB', diskGiB: '40G', network: 'mgmt', ip: '10.0.20.21', vmid: 1001, scripts: 'base', user: 'ops', password: 'vm-secret' },
      { name: 'web-02', endpoint: 'pve1', os: 'ubuntu', image: 'ubuntu-2404', vcpu: 2, memoryMiB: 4096, diskGiB: 40, network: 'mgmt', ip: '10.0.20.22', vmid: 1002, scripts: 'base, web', user: 'ops', sshKeyPath: 'keys/ops' },
      { name: 'db-01', endpoint: 'pve1', os: 'centos', image: 'ubuntu-2404', vcpu: 4, memoryMiB: '1,5 GiB', diskGiB: '0.5 TiB', network: 'app', ip: '10.0.30.10', vmid: 2001, haGroup: 'ha-db', user: 'ops', password: 'db-secret' },
      { name: 'ad-01', endpoint: 'pve1', os: 'Windows Server 2022', image: 'win2022', vcpu: 2, memoryMiB: '8G', diskGiB: 60, network: 'app', ip: '10.0.30.11', vmid: 3001, user: 'Administrator', password: 'win-secret' },
    ],
    scripts: [
      { name: 'base', runOn: 'all', interpreter: 'bash', body: 'apt-get update\napt-get install -y qemu-guest-agent', sudo: 'yes', timeoutSec: '10m' },
      { name: 'web', runOn: 'web-01, web-02', body: 'apt-get install -y nginx', sudo: true },
    ],
  };
}

export function samplePlanSheets(lang: Lang = 'en', rows: PlanRows = samplePlanRows(), options: Partial<Record<SheetKey, TableOptions>> = {}): SheetSpec[] {
  return [
    projectSheet(lang, { name: 'Lab site A', organisation: 'Example Corp', language: lang, ntpServers: '10.0.0.1' }),
    table('endpoints', lang, rows.endpoints, options.endpoints),
    table('jumpHosts', lang, rows.jumpHosts, options.jumpHosts),
    table('networks', lang, rows.networks, options.networks),
    table('images', lang, rows.images, options.images),
    table('vms', lang, rows.vms, options.vms),
    table('scripts', lang, rows.scripts, options.scripts),
  ];
}
