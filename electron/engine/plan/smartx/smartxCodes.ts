import { createFindingMaker, defineFindingCodes, findingCodes } from '../../../../shared/plan/findingCodes';

/**
 * Finding codes only the SmartX profile emits, in the shared catalogue's
 * shape. Everything generic (required cells, IPs, VLANs, formulas, password
 * policy) uses the shared codes so the UI and scripts see one vocabulary.
 */
export const smartxCodes = defineFindingCodes({
  'smartx.cloudtower_name_lowercased': {
    severity: 'info',
    en: ['The CloudTower VM name “{value}” in {at} is used in lower case: “{lower}”.', 'Nothing to do; write it in lower case to silence this note.'],
    zh: ['{at} 中的 CloudTower 虚拟机名称“{value}”将以小写形式使用：“{lower}”。', '无需处理；改为小写即可消除此提示。'],
    es: ['El nombre de la VM de CloudTower «{value}» en {at} se usa en minúsculas: «{lower}».', 'No hace falta hacer nada; escríbalo en minúsculas para quitar este aviso.'],
  },
  'smartx.sizing_invalid': {
    severity: 'error',
    en: ['The sizing “{value}” of {name} in {at} is not understood.', 'Write vCPU, memory and disk as in the template: 8vCPU\\19GB-Mem\\400GB Disk.'],
    zh: ['{at} 中 {name} 的性能配置“{value}”无法识别。', '请按模板格式填写 vCPU、内存和磁盘：8vCPU\\19GB-Mem\\400GB Disk。'],
    es: ['El dimensionamiento «{value}» de {name} en {at} no se entiende.', 'Escriba vCPU, memoria y disco como en la plantilla: 8vCPU\\19GB-Mem\\400GB Disk.'],
  },
  'smartx.ntp_missing': {
    severity: 'warning',
    en: ['No NTP server is planned ({at} is empty).', 'Give at least one NTP server outside the cluster; three or more are best.'],
    zh: ['未规划 NTP 服务器（{at} 为空）。', '请至少填写一个集群外部的 NTP 服务器，最好三个及以上。'],
    es: ['No hay ningún servidor NTP planificado ({at} está vacía).', 'Indique al menos un servidor NTP fuera del clúster; lo mejor son tres o más.'],
  },
  'smartx.dns_missing': {
    severity: 'warning',
    en: ['No DNS server is planned ({at} is empty).', 'Give the DNS servers the cluster and CloudTower should use.'],
    zh: ['未规划 DNS 服务器（{at} 为空）。', '请填写集群和 CloudTower 使用的 DNS 服务器。'],
    es: ['No hay ningún servidor DNS planificado ({at} está vacía).', 'Indique los servidores DNS que usarán el clúster y CloudTower.'],
  },
  'smartx.server_invalid': {
    severity: 'error',
    en: ['{field} in {at} is “{value}”, which is neither an IPv4 address nor a host name.', 'Write an address such as 10.0.0.2 or a name such as ntp.example.com.'],
    zh: ['{at} 中的{field}为“{value}”，既不是 IPv4 地址也不是主机名。', '请填写地址（如 10.0.0.2）或主机名（如 ntp.example.com）。'],
    es: ['{field} en {at} es «{value}», que no es una dirección IPv4 ni un nombre de host.', 'Escriba una dirección como 10.0.0.2 o un nombre como ntp.example.com.'],
  },
  'smartx.no_hosts': {
    severity: 'error',
    en: ['Sheet {sheet} lists no host (every row of the table is empty).', 'Fill in at least the host name and management IP of each node.'],
    zh: ['工作表 {sheet} 中没有任何主机（表格各行均为空）。', '请至少填写每个节点的主机名和管理地址。'],
    es: ['La hoja {sheet} no contiene ningún host (todas las filas de la tabla están vacías).', 'Rellene al menos el nombre y la IP de gestión de cada nodo.'],
  },
  'smartx.no_management_network': {
    severity: 'error',
    en: ['Sheet {sheet} has no management network (a row named “default” with a subnet).', 'Fill in the subnet of the SMTX OS management network (虚拟网络 “default”).'],
    zh: ['工作表 {sheet} 中没有管理网络（名为“default”且填写了子网的行）。', '请填写 SMTX OS 系统管理网络（虚拟网络“default”）的子网。'],
    es: ['La hoja {sheet} no tiene red de gestión (una fila llamada «default» con subred).', 'Rellene la subred de la red de gestión de SMTX OS (虚拟网络 «default»).'],
  },
});

export type SmartxCode = keyof typeof smartxCodes | keyof typeof findingCodes;

/** One maker for shared and SmartX codes. */
export const makeSmartxFinding = createFindingMaker({ ...findingCodes, ...smartxCodes });
