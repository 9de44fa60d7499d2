import type { Sourced } from '../../../../shared/plan/model';
import type { Secret } from '../../../../shared/plan/secret';

/*
 * What the SmartX workbook says that the Plan model has no field for. It
 * lives in `plan.extensions.smartx`; every entity carries its cells like
 * the model's own (`src`, `origin`), and Secrets stay Secrets.
 */

export const SMARTX_PROFILE = 'smartx';
/** The organisation CloudTower is set up with when `文档描述!C15` is empty. */
export const DEFAULT_ORGANISATION = 'SMTX-HCI';

export const networkRoles = ['ipmi', 'management', 'infra', 'storage', 'backup', 'vm'] as const;
export type NetworkRole = (typeof networkRoles)[number];

export const managementRoles = ['cloudtower', 'observability', 'backup', 'er', 'other'] as const;
export type ManagementRole = (typeof managementRoles)[number];

export interface SmartxClusterInfoFields {
  name: string;
  /** `版本:6.2.0P4` -> `6.2.0P4`. */
  smtxOsVersion: string | null;
  serial: string | null;
  adminUser: string | null;
  adminPassword: Secret | null;
  /** `集群功能启用`: None, RDMA, Boost, RDMA+Boost. */
  features: string | null;
  /** `存储架构`: 混闪-分层 / 全闪-不分层. */
  storageArchitecture: string | null;
  /** `网络架构`: 三网融合 / 存储独立 / 三网独立. */
  networkArchitecture: string | null;
}
export type SmartxClusterInfo = Sourced<SmartxClusterInfoFields>;

export interface SmartxVdsFields {
  name: string;
  cluster: string;
  /** NICs of every host bound to the vDS, e.g. `['ens224', 'ens192']`. */
  hostPorts: string[];
  /** active-backup, balance-tcp, balance-slb (the IPMI row: 专用/共享). */
  bonding: string | null;
  speed: string | null;
  /** 光口 (fibre) / 电口 (copper). */
  portType: string | null;
  /** Access / Trunk on the physical switch. */
  switchPortMode: string | null;
}
export type SmartxVds = Sourced<SmartxVdsFields>;

export interface SmartxNetworkInfoFields {
  name: string;
  role: NetworkRole;
  cluster: string;
  /** Null for the out-of-band (IPMI) row, which is not a vDS. */
  vds: string | null;
  description: string | null;
  /** G column: Access / Trunk. */
  vlanType: string | null;
  /** False for rows the planner left without VLAN and subnet (optional networks not used). */
  planned: boolean;
}
export type SmartxNetworkInfo = Sourced<SmartxNetworkInfoFields>;

export interface SmartxHostInfoFields {
  name: string;
  sequence: number | null;
  rackUnit: number | null;
  description: string | null;
}
export type SmartxHostInfo = Sourced<SmartxHostInfoFields>;

export interface SmartxManagementVmFields {
  /** As used: the CloudTower VM name is lower-cased. */
  name: string;
  role: ManagementRole;
  description: string | null;
  version: string | null;
  ip: string | null;
  webUser: string | null;
  webPassword: Secret | null;
  sshUser: string | null;
  sshPassword: Secret | null;
  systemUser: string | null;
  systemPassword: Secret | null;
  sizing: string | null;
  serial: string | null;
  cluster: string | null;
}
export type SmartxManagementVm = Sourced<SmartxManagementVmFields>;

export interface SmartxIpRangeFields { from: string | null; to: string | null }
export type SmartxIpRange = Sourced<SmartxIpRangeFields>;

export interface SmartxExtension {
  /** `文档描述!C15` as written (null when empty); the plan's organisation applies the default. */
  customer: string | null;
  clusters: SmartxClusterInfo[];
  vdses: SmartxVds[];
  networks: SmartxNetworkInfo[];
  hosts: SmartxHostInfo[];
  managementVms: SmartxManagementVm[];
  /** `临时IP`: addresses reserved for tests during delivery. */
  temporaryIps: SmartxIpRange | null;
}

export function smartxExtensionOf(extensions: Record<string, unknown>): SmartxExtension | null {
  const value = extensions[SMARTX_PROFILE];
  return value && typeof value === 'object' ? (value as SmartxExtension) : null;
}
