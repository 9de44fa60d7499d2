import type { Lang } from '../../../../shared/plan/findingCodes';

/** Names of the SmartX fields in findings (they start sentences), in the UI language; Chinese uses the workbook's own headers. */
const fields = {
  cluster: ['Cluster name', '集群名称', 'Nombre del clúster'],
  network: ['Network name', '虚拟网络', 'Nombre de la red'],
  vlan: ['VLAN ID', 'VLAN ID', 'ID de VLAN'],
  subnet: ['Subnet', 'SubNetwork', 'Subred'],
  gateway: ['Gateway', 'Gateway', 'Puerta de enlace'],
  bonding: ['NIC bonding mode', '网口绑定模式', 'Modo de agregación de NIC'],
  hostName: ['Host name', '主机名', 'Nombre del host'],
  managementIp: ['Management IP', '管理地址', 'IP de gestión'],
  storageIp: ['Storage IP', '存储IP', 'IP de almacenamiento'],
  bmcAddress: ['BMC address', '带外地址', 'Dirección BMC'],
  vip: ['Cluster VIP', '集群VIP', 'VIP del clúster'],
  clusterAdmin: ['Cluster administrator', '集群管理员', 'Administrador del clúster'],
  vmIp: ['IP address', 'IP地址', 'Dirección IP'],
  webUser: ['Web administrator', 'Web 管理员', 'Administrador web'],
  sizing: ['Sizing', '性能配置', 'Dimensionamiento'],
  ntp: ['NTP server', 'NTP 服务器', 'Servidor NTP'],
  dns: ['DNS server', 'DNS 服务器', 'Servidor DNS'],
  temporaryIp: ['Temporary IP', '临时IP', 'IP temporal'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type FieldLabel = keyof typeof fields;

const order: Record<Lang, 0 | 1 | 2> = { en: 0, zh: 1, es: 2 };

export function fieldLabel(field: FieldLabel, lang: Lang): string {
  return fields[field][order[lang]];
}

/** What `secret.missing` calls each password. */
const secrets = {
  sshPassword: ['The SSH password', 'SSH 密码', 'La contraseña SSH'],
  adminPassword: ['The administrator password', '管理员密码', 'La contraseña de administrador'],
  webPassword: ['The web administrator password', 'Web 管理员密码', 'La contraseña del administrador web'],
} as const satisfies Record<string, readonly [string, string, string]>;

export function secretLabel(secret: keyof typeof secrets, lang: Lang): string {
  return secrets[secret][order[lang]];
}

const passwordPolicy: Record<Lang, string> = {
  en: 'at least 8 characters, with letters and digits',
  zh: '至少 8 个字符，且包含字母和数字',
  es: 'al menos 8 caracteres, con letras y dígitos',
};

export function passwordPolicyText(lang: Lang): string {
  return passwordPolicy[lang];
}

const networkWord: Record<Lang, string> = { en: 'network', zh: '网络', es: 'red' };

/** `the network default` in messages such as ip.outside_cidr's `{network}`. */
export function networkName(name: string, lang: Lang): string {
  return lang === 'zh' ? `${networkWord.zh} ${name}` : `${networkWord[lang]} ${name}`;
}

const kinds = {
  network: ['network', '网络', 'red'],
  host: ['host', '主机', 'host'],
  vm: ['VM', '虚拟机', 'VM'],
} as const satisfies Record<string, readonly [string, string, string]>;

/** `{kind}` of name.* findings. */
export function kindLabel(kind: keyof typeof kinds, lang: Lang): string {
  return kinds[kind][order[lang]];
}
