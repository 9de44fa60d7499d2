import { sourced, type CellRef } from '../../../../shared/plan/model';
import type { Secret } from '../../../../shared/plan/secret';
import { rowRange } from '../workbook';
import { checkIp, checkServer } from './cellChecks';
import type { ImportContext, Read } from './context';
import type { ManagementRole, SmartxIpRange, SmartxManagementVm } from './extension';
import { fieldLabel, passwordPolicyText, secretLabel } from './labels';
import { dataRows, findLabel, findTable, isNoteRow, mergeAt, rowHasLabel, type ColumnSpec, type Table } from './table';

export const MANAGEMENT_SHEET = '集群管理信息';

type Field = 'name' | 'description' | 'version' | 'ip' | 'webUser' | 'webPassword' | 'sshUser' | 'sshPassword'
  | 'systemUser' | 'systemPassword' | 'sizing' | 'serial' | 'cluster';

const columns: ColumnSpec<Field>[] = [
  { field: 'name', names: ['SmartX生产平台管理 虚拟机名称', '虚拟机名称', '管理虚拟机名称', 'VM name'] },
  { field: 'description', names: ['技术说明', 'description'] },
  { field: 'version', names: ['Version', '版本'] },
  { field: 'ip', names: ['IP地址', 'IP', 'IP address'] },
  { field: 'webUser', names: ['Web 管理员', 'web admin'], passwordField: 'webPassword' },
  { field: 'webPassword', names: ['Web 密码', 'Web 管理员密码', 'web password'] },
  { field: 'sshUser', names: ['SSH 用户名', 'SSH user'], passwordField: 'sshPassword' },
  { field: 'sshPassword', names: ['SSH 密码', 'SSH password'] },
  { field: 'systemUser', names: ['系统管理员', 'system admin'], passwordField: 'systemPassword' },
  { field: 'systemPassword', names: ['系统管理员密码', 'system password'] },
  { field: 'sizing', names: ['性能配置', 'sizing'] },
  { field: 'serial', names: ['SN', 'S/N', 'serial'] },
  { field: 'cluster', names: ['管理集群', 'cluster'] },
];

type InfraField = 'name' | 'ip';
const infraColumns: ColumnSpec<InfraField>[] = [
  { field: 'name', names: ['基础架构设备名称', 'infrastructure'] },
  { field: 'ip', names: ['IP地址', 'IP', 'address'] },
];

const TEMPORARY_LABELS = ['临时IP', 'temporary IP'];
const INFRA_HEADER = ['基础架构设备名称'];

export interface ManagementSheet {
  vms: SmartxManagementVm[];
  ntp: { value: string; ref: CellRef }[];
  dns: { value: string; ref: CellRef }[];
  temporaryIps: SmartxIpRange | null;
}

function roleOf(name: string): ManagementRole {
  if (/cloud\s*tower/i.test(name)) return 'cloudtower';
  if (/observ|o11y|可观测/i.test(name)) return 'observability';
  if (/backup|备份/i.test(name)) return 'backup';
  if (/^er$|everoute/i.test(name.trim())) return 'er';
  return 'other';
}

/** CloudTower's medium password policy: at least 8 characters, with letters and digits. */
export function meetsCloudTowerPolicy(password: string): boolean {
  return password.length >= 8 && /[A-Za-z]/.test(password) && /\d/.test(password);
}

function readVm(ctx: ImportContext, r: Record<Field, Read>, role: ManagementRole, origin: CellRef): SmartxManagementVm {
  const written = r.name.text ?? '';
  let name = written;
  if (role === 'cloudtower') {
    name = written.toLowerCase();
    if (name !== written) ctx.add('smartx.cloudtower_name_lowercased', r.name.ref, { value: written, lower: name });
  } else if (role === 'er' && r.description.text) {
    name = `${written}/${r.description.text}`;
  }
  const ipField = fieldLabel('vmIp', ctx.lang);
  const ip = ctx.require(r.ip, ipField) ? checkIp(ctx, r.ip, ipField) : null;
  const secret = (field: 'webPassword' | 'sshPassword' | 'systemPassword'): Secret | null => ctx.secret(r[field]);
  const webPassword = secret('webPassword');
  if (role === 'cloudtower') {
    ctx.require(r.webUser, fieldLabel('webUser', ctx.lang));
    if (!webPassword) ctx.add('secret.missing', r.webPassword.ref, { what: secretLabel('webPassword', ctx.lang), name });
    else if (!meetsCloudTowerPolicy(webPassword.reveal())) ctx.add('password.weak', r.webPassword.ref, { policy: passwordPolicyText(ctx.lang) });
  }
  if (role !== 'er') ctx.require(r.sizing, fieldLabel('sizing', ctx.lang));
  return sourced(
    {
      name, role, description: r.description.text, version: r.version.text, ip: ip?.ok ? ip.value : null,
      webUser: r.webUser.text, webPassword, sshUser: r.sshUser.text, sshPassword: secret('sshPassword'),
      systemUser: r.systemUser.text, systemPassword: secret('systemPassword'), sizing: r.sizing.text, serial: r.serial.text,
      cluster: r.cluster.text,
    },
    origin,
    {
      name: r.name.ref, description: r.description.ref, version: r.version.ref, ip: r.ip.ref, webUser: r.webUser.ref,
      webPassword: r.webPassword.ref, sshUser: r.sshUser.ref, sshPassword: r.sshPassword.ref, systemUser: r.systemUser.ref,
      systemPassword: r.systemPassword.ref, sizing: r.sizing.ref, serial: r.serial.ref, cluster: r.cluster.ref,
    },
  );
}

function readTemporaryIps(ctx: ImportContext, sheet: string, table: Table<Field>, rows: readonly number[]): SmartxIpRange | null {
  const ipCol = table.columns.ip;
  const hit = findLabel(ctx, sheet, rows, TEMPORARY_LABELS, table.span);
  if (!hit || ipCol === undefined) return null;
  const lastRow = mergeAt(ctx, sheet, hit.row, hit.col)?.bottom ?? hit.row;
  const from = ctx.read(sheet, hit.row, ipCol);
  const to = ctx.read(sheet, lastRow, ipCol);
  const field = fieldLabel('temporaryIp', ctx.lang);
  const value = (read: Read): string | null => {
    const checked = checkIp(ctx, read, field);
    return checked.ok ? checked.value : null;
  };
  return sourced({ from: value(from), to: lastRow === hit.row ? null : value(to) }, { sheet, cell: rowRange(hit.row, hit.col, ipCol) }, { from: from.ref, to: to.ref });
}

function readInfrastructure(ctx: ImportContext, sheet: string, fromRow: number, result: ManagementSheet): void {
  const table = findTable(ctx, sheet, infraColumns, ['name', 'ip'], fromRow, 40);
  if (!table) return;
  let firstNtp: CellRef | null = null;
  let firstDns: CellRef | null = null;
  for (const row of dataRows(ctx, sheet, table.headerRow, (r) => isNoteRow(ctx, sheet, r, table.span))) {
    const label = ctx.label(sheet, row, table.columns.name!);
    const kind = /ntp|时间/i.test(label) ? 'ntp' : /dns|域名/i.test(label) ? 'dns' : null;
    if (!kind) continue;
    const read = ctx.read(sheet, row, table.columns.ip!);
    if (kind === 'ntp') firstNtp ??= read.ref;
    else firstDns ??= read.ref;
    const checked = checkServer(ctx, read, fieldLabel(kind, ctx.lang));
    if (checked.ok) result[kind].push({ value: checked.value, ref: read.ref });
  }
  if (result.ntp.length === 0) ctx.add('smartx.ntp_missing', firstNtp ?? { sheet, cell: null });
  if (result.dns.length === 0) ctx.add('smartx.dns_missing', firstDns ?? { sheet, cell: null });
}

/** `集群管理信息`: management VMs, the temporary IP range, then NTP and DNS servers in a second table. */
export function readManagement(ctx: ImportContext): ManagementSheet {
  const result: ManagementSheet = { vms: [], ntp: [], dns: [], temporaryIps: null };
  const sheet = ctx.sheetName(MANAGEMENT_SHEET);
  if (!sheet) return result;
  const table = findTable(ctx, sheet, columns, ['name', 'ip']);
  if (!table) return result;
  const isEnd = (row: number): boolean =>
    isNoteRow(ctx, sheet, row, table.span) || rowHasLabel(ctx, sheet, row, [...TEMPORARY_LABELS, ...INFRA_HEADER], table.span);
  const rows = dataRows(ctx, sheet, table.headerRow, isEnd);
  let sawCloudTower = false;
  for (const row of rows) {
    const r = Object.fromEntries(columns.map(({ field }) => {
      const col = table.columns[field];
      const read: Read = col === undefined ? { text: null, value: null, ref: { sheet, cell: `${row}:${row}` } } : ctx.read(sheet, row, col);
      return [field, read];
    })) as Record<Field, Read>;
    if (r.name.text === null) continue;
    const role = roleOf(r.name.text);
    sawCloudTower ||= role === 'cloudtower';
    // A component listed without address, version or sizing is one the project does not deploy (the template's ER rows).
    if (role !== 'cloudtower' && [r.ip, r.version, r.sizing].every((read) => read.text === null)) continue;
    result.vms.push(readVm(ctx, r, role, { sheet, cell: rowRange(row, table.firstCol, table.lastCol) }));
  }
  if (!sawCloudTower) ctx.add('value.required', { sheet, cell: null }, { field: 'CloudTower' });
  const after = ctx.wb.rowNumbers(sheet).filter((row) => row > table.headerRow);
  result.temporaryIps = readTemporaryIps(ctx, sheet, table, after);
  readInfrastructure(ctx, sheet, (rows.at(-1) ?? table.headerRow) + 1, result);
  return result;
}
