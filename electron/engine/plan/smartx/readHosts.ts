import { sourced, type CellRef, type Host } from '../../../../shared/plan/model';
import type { Secret } from '../../../../shared/plan/secret';
import { rowRange } from '../workbook';
import { checkInList, checkIp } from './cellChecks';
import type { ImportContext, Read } from './context';
import type { SmartxHostInfo } from './extension';
import { fieldLabel, kindLabel, secretLabel } from './labels';
import { columnsWithin, dataRows, findLabel, findTable, inlineValue, isNoteRow, rowHasLabel, type ColumnSpan, type ColumnSpec } from './table';

export const HOST_SHEET = '主机规划';

type Field = 'sequence' | 'cluster' | 'serial' | 'bmcAddress' | 'bmcUser' | 'bmcPassword' | 'hostName' | 'managementIp'
  | 'sshUser' | 'sshPassword' | 'adminUser' | 'adminPassword' | 'storageIp' | 'description' | 'rack' | 'rackUnit';

const columns: ColumnSpec<Field>[] = [
  { field: 'sequence', names: ['序号', 'no.', '#'] },
  { field: 'cluster', names: ['集群名称', 'cluster'] },
  { field: 'serial', names: ['设备S/N', 'S/N', 'SN', 'serial'] },
  { field: 'bmcAddress', names: ['带外地址', 'BMC', 'IPMI'] },
  { field: 'bmcUser', names: ['带外账号', 'BMC user'], passwordField: 'bmcPassword' },
  { field: 'bmcPassword', names: ['带外密码', 'BMC password'] },
  { field: 'hostName', names: ['主机名', 'host name', 'hostname'] },
  { field: 'managementIp', names: ['管理地址', '管理IP', 'management IP'] },
  { field: 'sshUser', names: ['SSH 用户名', 'SSH user'], passwordField: 'sshPassword' },
  { field: 'sshPassword', names: ['SSH 密码', 'SSH password'] },
  { field: 'adminUser', names: ['管理员账号', 'admin user'], passwordField: 'adminPassword' },
  { field: 'adminPassword', names: ['管理员密码', 'admin password'] },
  { field: 'storageIp', names: ['存储IP', '存储地址', 'storage IP'] },
  { field: 'description', names: ['功能描述', 'description'] },
  { field: 'rack', names: ['机架名称', 'rack'] },
  { field: 'rackUnit', names: ['机架位置 U', '机架位置', 'rack U'] },
];

const SUMMARY_LABELS = ['集群VIP', 'Cluster SN', '集群管理员', '集群功能启用', '存储架构', '网络架构'];

export interface ClusterSummary {
  vip: Read;
  vipIp: string | null;
  version: { text: string; ref: CellRef } | null;
  serial: Read | null;
  adminUser: Read | null;
  adminPassword: { secret: Secret | null; ref: CellRef } | null;
  features: Read | null;
  storageArchitecture: Read | null;
  networkArchitecture: Read | null;
  origin: CellRef | null;
}

export interface HostSheet {
  hosts: Host[];
  infos: SmartxHostInfo[];
  summary: ClusterSummary | null;
}

const DNS_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/;

function checkHostName(ctx: ImportContext, read: Read & { text: string }, seen: Map<string, CellRef>): void {
  const kind = kindLabel('host', ctx.lang);
  if (read.text.length > 63) ctx.add('name.too_long', read.ref, { kind, value: read.text, length: read.text.length });
  else if (!DNS_LABEL.test(read.text)) ctx.add('name.invalid', read.ref, { kind, value: read.text });
  const first = seen.get(read.text.toLowerCase());
  if (first) ctx.add('name.duplicate', read.ref, { kind, value: read.text, first: `${first.sheet}!${first.cell}` });
  else seen.set(read.text.toLowerCase(), read.ref);
}

function readSummary(ctx: ImportContext, sheet: string, rows: readonly number[], span: ColumnSpan): ClusterSummary {
  const at = (labels: string[], offset = 0): Read | null => {
    const hit = findLabel(ctx, sheet, rows, labels, span);
    return hit ? ctx.read(sheet, hit.row, hit.valueCol + offset) : null;
  };
  // Without its label the VIP is reported at the template's position.
  const vip = at(['集群VIP', 'cluster VIP', 'VIP']) ?? { text: null, value: null, ref: { sheet, cell: 'I19' } };
  const vipLabel = fieldLabel('vip', ctx.lang);
  const vipChecked = ctx.require(vip, vipLabel) ? checkIp(ctx, vip, vipLabel) : null;
  let version: ClusterSummary['version'] = null;
  for (const row of rows) {
    for (const col of columnsWithin(ctx, sheet, row, span)) {
      const read = ctx.read(sheet, row, col);
      const text = read.text === null ? null : inlineValue(read.text, ['版本', 'version', 'SMTX OS']);
      if (text && !version) version = { text, ref: read.ref };
    }
  }
  const adminPassword = at(['集群管理员', 'cluster admin'], 1);
  const list = (read: Read | null, field: string, allowed: string[]): Read | null => {
    if (read) checkInList(ctx, read, field, allowed);
    return read;
  };
  const first = rows[0];
  return {
    vip,
    vipIp: vipChecked?.ok ? vipChecked.value : null,
    version,
    serial: at(['Cluster SN', '集群SN', '集群序列号']),
    adminUser: at(['集群管理员', 'cluster admin']),
    adminPassword: adminPassword ? { secret: ctx.secret(adminPassword), ref: adminPassword.ref } : null,
    features: list(at(['集群功能启用']), '集群功能启用', ['None', 'RDMA', 'Boost', 'RDMA+Boost']),
    storageArchitecture: list(at(['存储架构']), '存储架构', ['混闪-分层', '全闪-不分层']),
    networkArchitecture: list(at(['网络架构']), '网络架构', ['三网融合', '存储独立', '三网独立']),
    origin: first === undefined ? null : { sheet, cell: rowRange(first, span.first, span.last) },
  };
}

/** `主机规划`: one row per node until the summary row (集群VIP); rows with only the template's pre-filled cells are skipped. */
export function readHosts(ctx: ImportContext, defaultCluster: string | null): HostSheet {
  const result: HostSheet = { hosts: [], infos: [], summary: null };
  const sheet = ctx.sheetName(HOST_SHEET);
  if (!sheet) return result;
  const table = findTable(ctx, sheet, columns, ['hostName', 'managementIp']);
  if (!table) return result;
  const isSummary = (row: number): boolean => rowHasLabel(ctx, sheet, row, SUMMARY_LABELS, table.span);
  const rows = dataRows(ctx, sheet, table.headerRow, (row) => isSummary(row) || isNoteRow(ctx, sheet, row, table.span));
  const read = (field: Field, row: number): Read => {
    const col = table.columns[field];
    return col === undefined ? { text: null, value: null, ref: { sheet, cell: rowRange(row, table.firstCol, table.lastCol) } } : ctx.read(sheet, row, col);
  };
  const names = new Map<string, CellRef>();
  let cluster = defaultCluster;
  for (const row of rows) {
    const r = Object.fromEntries(columns.map(({ field }) => [field, read(field, row)])) as Record<Field, Read>;
    // Template rows come with 序号, SSH/admin user names and a description filled in; they only count once a node is described.
    if ([r.serial, r.bmcAddress, r.hostName, r.managementIp, r.storageIp].every((key) => key.text === null)) continue;
    cluster = r.cluster.text ?? cluster;
    if (ctx.require(r.hostName, fieldLabel('hostName', ctx.lang))) checkHostName(ctx, r.hostName, names);
    ctx.require(r.managementIp, fieldLabel('managementIp', ctx.lang));
    ctx.require(r.storageIp, fieldLabel('storageIp', ctx.lang));
    const name = r.hostName.text ?? `#${row}`;
    const ip = (value: Read, label: 'bmcAddress' | 'managementIp' | 'storageIp'): string | null => {
      const checked = checkIp(ctx, value, fieldLabel(label, ctx.lang));
      return checked.ok ? checked.value : null;
    };
    const secretOf = (field: 'sshPassword' | 'adminPassword' | 'bmcPassword'): Secret | null => {
      const secret = ctx.secret(r[field]);
      // BMC access is optional for Rackpilot; the node passwords can still be typed in before the run.
      if (!secret && field !== 'bmcPassword') ctx.add('secret.missing', r[field].ref, { what: secretLabel(field, ctx.lang), name }, 'warning');
      return secret;
    };
    const origin: CellRef = { sheet, cell: rowRange(row, table.firstCol, table.lastCol) };
    const host = sourced(
      {
        name, cluster, serial: r.serial.text, bmcAddress: ip(r.bmcAddress, 'bmcAddress'), bmcUser: r.bmcUser.text,
        bmcPassword: secretOf('bmcPassword'), managementIp: ip(r.managementIp, 'managementIp'), storageIp: ip(r.storageIp, 'storageIp'),
        sshUser: r.sshUser.text, sshPassword: secretOf('sshPassword'), adminUser: r.adminUser.text, adminPassword: secretOf('adminPassword'),
        rack: r.rack.text, notes: r.description.text,
      },
      origin,
      {
        name: r.hostName.ref, serial: r.serial.ref, bmcAddress: r.bmcAddress.ref, bmcUser: r.bmcUser.ref, bmcPassword: r.bmcPassword.ref,
        managementIp: r.managementIp.ref, storageIp: r.storageIp.ref, sshUser: r.sshUser.ref, sshPassword: r.sshPassword.ref,
        adminUser: r.adminUser.ref, adminPassword: r.adminPassword.ref, rack: r.rack.ref, notes: r.description.ref,
      },
    );
    if (r.cluster.text !== null) host.src.cluster = r.cluster.ref;
    result.hosts.push(host);
    const numberOf = (value: Read): number | null => (typeof value.value === 'number' ? value.value : null);
    result.infos.push(sourced(
      { name, sequence: numberOf(r.sequence), rackUnit: numberOf(r.rackUnit), description: r.description.text },
      origin,
      { name: r.hostName.ref, sequence: r.sequence.ref, rackUnit: r.rackUnit.ref, description: r.description.ref },
    ));
  }
  if (result.hosts.length === 0) ctx.add('smartx.no_hosts', { sheet, cell: null });
  const lastDataRow = rows.at(-1) ?? table.headerRow;
  const summaryRows = ctx.wb.rowNumbers(sheet).filter((row) => row > lastDataRow && !isNoteRow(ctx, sheet, row, table.span)).slice(0, 4);
  result.summary = readSummary(ctx, sheet, summaryRows, table.span);
  return result;
}
