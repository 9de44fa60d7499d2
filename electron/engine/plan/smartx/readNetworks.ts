import { sourced, type CellRef, type Network, type NetworkFields } from '../../../../shared/plan/model';
import { rowRange } from '../workbook';
import { checkCidr, checkInList, checkIp, checkVlan, splitList } from './cellChecks';
import type { ImportContext, Read } from './context';
import type { NetworkRole, SmartxNetworkInfo, SmartxVds, SmartxVdsFields } from './extension';
import { formatIpv4, cidrContains, isReservedInCidr, parseIpv4, broadcastOf, type Cidr } from './ipv4';
import { fieldLabel, kindLabel } from './labels';
import { dataRows, findTable, isNoteRow, type ColumnSpec } from './table';

export const NETWORK_SHEET = '虚拟网络';

type Field = 'cluster' | 'vds' | 'network' | 'description' | 'vlan' | 'vlanType' | 'subnet' | 'gateway'
  | 'hostPorts' | 'bonding' | 'speed' | 'portType' | 'switchMode';

const columns: ColumnSpec<Field>[] = [
  { field: 'cluster', names: ['集群名称', 'cluster'] },
  { field: 'vds', names: ['虚拟交换机', 'vds', 'virtual switch'] },
  { field: 'network', names: ['虚拟网络', 'network', 'virtual network'] },
  { field: 'description', names: ['网络功能说明', 'description'] },
  { field: 'vlan', names: ['VLAN ID', 'vlan'] },
  { field: 'vlanType', names: ['VLAN类型', 'vlan type'] },
  { field: 'subnet', names: ['SubNetwork', '子网', 'subnet', 'cidr'] },
  { field: 'gateway', names: ['Gateway', '网关'] },
  { field: 'hostPorts', names: ['主机端口', 'host ports'] },
  { field: 'bonding', names: ['网口绑定模式', '绑定模式', 'bonding'] },
  { field: 'speed', names: ['速率', 'speed'] },
  { field: 'portType', names: ['端口类型', 'port type'] },
  { field: 'switchMode', names: ['物理交换机配置类型', 'switch port mode'] },
];

const BONDING = ['active-backup', 'balance-tcp', 'balance-slb'] as const;
const IPMI_BONDING = ['专用', '共享'] as const;

export interface ClusterName {
  name: string;
  ref: CellRef;
}

export interface NetworkSheet {
  clusters: ClusterName[];
  /** Planned networks with a valid VLAN: what the Plan deploys onto. */
  networks: Network[];
  /** Parsed subnets by network name, for the address rules. */
  subnets: Map<string, { cidr: Cidr; network: Network }>;
  infos: SmartxNetworkInfo[];
  vdses: SmartxVds[];
}

function roleOf(vds: string | null, name: string, description: string | null): NetworkRole {
  const words = `${vds ?? ''} ${name} ${description ?? ''}`.toLowerCase();
  if (/ipmi|bmc|带外/.test(words)) return 'ipmi';
  if (/infra/.test(name.toLowerCase())) return 'infra';
  if (name.toLowerCase() === 'default' || /系统管理|management|mgmt/.test(`${name} ${description ?? ''}`.toLowerCase())) return 'management';
  if (/storage|存储/.test(words)) return 'storage';
  if (/backup|备份/.test(words)) return 'backup';
  return 'vm';
}

/** `（IPMI）` -> `IPMI`: the template brackets names that are not vDS networks. */
function cleanName(text: string): string {
  return text.normalize('NFKC').replace(/^\((.*)\)$/, '$1').trim();
}

function checkGateway(ctx: ImportContext, read: Read, cidr: Cidr | null): string | null {
  const gateway = checkIp(ctx, read, fieldLabel('gateway', ctx.lang));
  if (!gateway.ok) return null;
  const ip = parseIpv4(gateway.value)!;
  if (cidr && !cidrContains(cidr, ip)) ctx.add('gateway.outside_cidr', read.ref, { value: gateway.value, cidr: cidr.text });
  else if (cidr && isReservedInCidr(cidr, ip)) {
    const code = ip === cidr.network ? 'ip.network_address' : 'ip.broadcast_address';
    ctx.add(code, read.ref, { value: gateway.value, cidr: cidr.text, first: formatIpv4(cidr.network + 1), last: formatIpv4(broadcastOf(cidr) - 1) });
  }
  return gateway.value;
}

export function readNetworks(ctx: ImportContext): NetworkSheet {
  const result: NetworkSheet = { clusters: [], networks: [], subnets: new Map(), infos: [], vdses: [] };
  const sheet = ctx.sheetName(NETWORK_SHEET);
  if (!sheet) return result;
  const table = findTable(ctx, sheet, columns, ['cluster', 'network', 'vlan', 'subnet', 'gateway']);
  if (!table) return result;
  const col = (field: Field, row: number): Read => {
    const at = table.columns[field];
    return at === undefined ? { text: null, value: null, ref: { sheet, cell: `${row}` } } : ctx.read(sheet, row, at);
  };
  const rows = dataRows(ctx, sheet, table.headerRow, (row) => isNoteRow(ctx, sheet, row, table.span));
  const seenNames = new Map<string, CellRef>();
  const seenVds = new Map<string, SmartxVds>();
  let cluster = null as ClusterName | null;

  for (const row of rows) {
    const clusterRead = col('cluster', row);
    if (clusterRead.text !== null && clusterRead.text !== cluster?.name) {
      cluster = result.clusters.find((known) => known.name === clusterRead.text) ?? { name: clusterRead.text, ref: clusterRead.ref };
      if (!result.clusters.includes(cluster)) result.clusters.push(cluster);
    }
    const nameRead = col('network', row);
    const vdsRead = col('vds', row);
    const description = col('description', row);
    const vlan = checkVlan(ctx, col('vlan', row));
    const subnetRead = col('subnet', row);
    const cidr = checkCidr(ctx, subnetRead);
    const gatewayRead = col('gateway', row);
    const gateway = checkGateway(ctx, gatewayRead, cidr.ok ? cidr.value : null);
    const planned = !vlan.empty || !cidr.empty || gatewayRead.text !== null;
    const origin: CellRef = { sheet, cell: rowRange(row, table.firstCol, table.lastCol) };
    if (nameRead.text === null) {
      if (planned) ctx.require(nameRead, fieldLabel('network', ctx.lang));
      continue;
    }
    if (!cluster) {
      ctx.require(clusterRead, fieldLabel('cluster', ctx.lang));
      cluster = { name: '', ref: clusterRead.ref };
    }
    const name = cleanName(nameRead.text);
    const vdsName = vdsRead.text === null ? null : cleanName(vdsRead.text);
    const role = roleOf(vdsName, name, description.text);
    const first = seenNames.get(name.toLowerCase());
    if (first) ctx.add('name.duplicate', nameRead.ref, { kind: kindLabel('network', ctx.lang), value: name, first: `${first.sheet}!${first.cell}` });
    else seenNames.set(name.toLowerCase(), nameRead.ref);
    if (!cidr.empty && vlan.empty) ctx.require(col('vlan', row), fieldLabel('vlan', ctx.lang));
    if (gatewayRead.text !== null && subnetRead.text === null) ctx.require(subnetRead, fieldLabel('subnet', ctx.lang));

    const bondingRead = col('bonding', row);
    const bonding = checkInList(ctx, bondingRead, fieldLabel('bonding', ctx.lang), role === 'ipmi' ? IPMI_BONDING : BONDING);
    const vdsKey = `${cluster.name}|${vdsName ?? ''}`;
    if (role !== 'ipmi' && vdsName !== null && !seenVds.has(vdsKey)) {
      const ports = col('hostPorts', row);
      const speed = col('speed', row);
      const portType = col('portType', row);
      const mode = col('switchMode', row);
      const vds = sourced<SmartxVdsFields>(
        { name: vdsName, cluster: cluster.name, hostPorts: splitList(ports.text), bonding, speed: speed.text, portType: portType.text, switchPortMode: mode.text },
        origin,
        { name: vdsRead.ref, hostPorts: ports.ref, bonding: bondingRead.ref, speed: speed.ref, portType: portType.ref, switchPortMode: mode.ref },
      );
      seenVds.set(vdsKey, vds);
      result.vdses.push(vds);
    }
    const vlanType = col('vlanType', row);
    result.infos.push(sourced(
      { name, role, cluster: cluster.name, vds: role === 'ipmi' ? null : vdsName, description: description.text, vlanType: vlanType.text, planned },
      origin,
      { name: nameRead.ref, vds: vdsRead.ref, description: description.ref, vlanType: vlanType.ref },
    ));
    if (!vlan.ok || !planned || first) continue;
    const fields: NetworkFields = {
      name, endpoint: cluster.name || null, vlan: vlan.value, cidr: cidr.ok ? `${formatIpv4(cidr.value.network)}/${cidr.value.prefix}` : null,
      gateway, dns: [], bridge: null, portGroup: null, vds: role === 'ipmi' ? null : vdsName, neutronNetwork: null,
    };
    const network = sourced(fields, origin, { name: nameRead.ref, vlan: col('vlan', row).ref, cidr: subnetRead.ref, gateway: gatewayRead.ref, vds: vdsRead.ref });
    result.networks.push(network);
    if (cidr.ok) result.subnets.set(name, { cidr: cidr.value, network });
  }
  return result;
}
