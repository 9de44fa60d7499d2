import type { Lang } from '../../../../shared/plan/findingCodes';
import type { EntityList, OpenstackList } from '../../../../shared/plan/model';

/** Every plan list a finding can be about. */
export type AnyList = EntityList | OpenstackList | 'securityGroupRules';
import { sheetDef } from '../v1/columns';
import type { SheetKey } from '../v1/columnTypes';

/** What one entity of a list is called in messages ("the VM name …"). */
const kindNames: Record<AnyList, Record<Lang, string>> = {
  endpoints: { en: 'endpoint', zh: '端点', es: 'endpoint' },
  jumpHosts: { en: 'jump host', zh: '跳板机', es: 'host de salto' },
  networks: { en: 'network', zh: '网络', es: 'red' },
  images: { en: 'image', zh: '镜像', es: 'imagen' },
  vms: { en: 'VM', zh: '虚拟机', es: 'VM' },
  scripts: { en: 'script', zh: '脚本', es: 'script' },
  hosts: { en: 'host', zh: '主机', es: 'host' },
  clusters: { en: 'cluster', zh: '集群', es: 'clúster' },
  flavors: { en: 'flavor', zh: '规格', es: 'sabor' },
  availabilityZones: { en: 'availability zone', zh: '可用区', es: 'zona de disponibilidad' },
  keyPairs: { en: 'key pair', zh: '密钥对', es: 'par de claves' },
  securityGroups: { en: 'security group', zh: '安全组', es: 'grupo de seguridad' },
  securityGroupRules: { en: 'security group rule', zh: '安全组规则', es: 'regla de grupo de seguridad' },
  slices: { en: 'slice', zh: '切片', es: 'slice' },
};

/** Fields of lists the v1 format has no sheet for (filled by the SmartX profile). */
const extraFieldNames: Record<string, Record<Lang, string>> = {
  'hosts.name': { en: 'Host name', zh: '主机名', es: 'Nombre de host' },
  'hosts.cluster': { en: 'Cluster', zh: '集群名称', es: 'Clúster' },
  'hosts.bmcAddress': { en: 'BMC address', zh: '带外地址', es: 'Dirección BMC' },
  'hosts.managementIp': { en: 'Management IP', zh: '管理地址', es: 'IP de gestión' },
  'hosts.storageIp': { en: 'Storage IP', zh: '存储IP', es: 'IP de almacenamiento' },
  'clusters.name': { en: 'Cluster name', zh: '集群名称', es: 'Nombre del clúster' },
  'clusters.vip': { en: 'Cluster VIP', zh: '集群 VIP', es: 'VIP del clúster' },
  'clusters.endpoint': { en: 'Endpoint', zh: '端点', es: 'Endpoint' },
};

export function kindName(list: AnyList, lang: Lang): string {
  return kindNames[list][lang];
}

const v1Lists = new Set<string>([
  'endpoints', 'jumpHosts', 'networks', 'images', 'vms', 'scripts', 'project',
  'flavors', 'availabilityZones', 'keyPairs', 'securityGroups', 'securityGroupRules', 'slices',
]);

/** A field's name in the UI language: the v1 header for it, or the field's own name. */
export function fieldName(list: AnyList | 'project', field: string, lang: Lang): string {
  if (v1Lists.has(list)) {
    const column = sheetDef(list as SheetKey).columns.find((candidate) => candidate.field === field);
    if (column) return column.header[lang];
  }
  return extraFieldNames[`${list}.${field}`]?.[lang] ?? field;
}

/** The sheet a reference should be found on, for "not on sheet X" messages. */
export function targetSheetName(list: AnyList, lang: Lang, fallbackFromPlan: string | undefined): string {
  if (fallbackFromPlan) return fallbackFromPlan;
  return v1Lists.has(list) ? sheetDef(list as SheetKey).name[lang] : kindNames[list][lang];
}
