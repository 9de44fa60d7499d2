import type { ColumnDef } from '../columnTypes';
import { secretColumn } from './common';

function plain(field: string, header: ColumnDef['header'], synonyms: readonly string[], help: ColumnDef['help'], example?: string): ColumnDef {
  const column: ColumnDef = { field, header, synonyms, type: { kind: 'string', maxLength: 255 }, help };
  if (example !== undefined) column.example = example;
  return column;
}

/**
 * The VMs sheet's vCenter columns: where a clone goes (folder, resource
 * pool; the cluster is the Node / cluster column, the datastore the Storage
 * column) and what guest customization sets besides hostname and address.
 * Kept in their own file, appended after the common columns.
 */
export const vsphereVmColumns: readonly ColumnDef[] = [
  plain('folder', { en: 'Folder', zh: '文件夹', es: 'Carpeta' }, ['vm folder', 'vcenter folder', '虚拟机文件夹', '目录', 'carpeta de vm'], {
    en: 'vSphere VM folder below the datacenter (vm/Rackpilot/web); empty = the datacenter’s VM folder.',
    zh: '数据中心下的 vSphere 虚拟机文件夹（vm/Rackpilot/web）；留空表示数据中心的虚拟机文件夹。',
    es: 'Carpeta de VM de vSphere bajo el centro de datos (vm/Rackpilot/web); vacío = la carpeta de VM del centro de datos.',
  }, 'vm/Rackpilot'),
  plain('resourcePool', { en: 'Resource pool', zh: '资源池', es: 'Grupo de recursos' }, ['pool', 'rp', '资源池名称', 'pool de recursos'], {
    en: 'vSphere resource pool below the cluster (pool-a or pool-a/web); empty = the cluster’s root pool.',
    zh: '集群下的 vSphere 资源池（pool-a 或 pool-a/web）；留空表示集群的根资源池。',
    es: 'Grupo de recursos de vSphere bajo el clúster (pool-a o pool-a/web); vacío = el grupo raíz del clúster.',
  }),
  plain('domain', { en: 'Domain', zh: '域', es: 'Dominio' }, ['dns domain', 'ad domain', 'windows domain', '域名', '所属域', 'dominio dns'], {
    en: 'vSphere customization: Linux DNS domain; Windows Active Directory domain (joined with the domain join user).',
    zh: 'vSphere 自定义：Linux 的 DNS 域；Windows 的 Active Directory 域（用加域用户加入）。',
    es: 'Personalización de vSphere: dominio DNS en Linux; dominio de Active Directory en Windows (unido con el usuario de unión).',
  }),
  plain('workgroup', { en: 'Workgroup', zh: '工作组', es: 'Grupo de trabajo' }, ['windows workgroup', '工作组名称'], {
    en: 'Windows workgroup when no domain is joined (default WORKGROUP).',
    zh: '不加入域时的 Windows 工作组（默认 WORKGROUP）。',
    es: 'Grupo de trabajo de Windows si no se une a un dominio (por defecto WORKGROUP).',
  }),
  plain('timeZone', { en: 'Time zone', zh: '时区', es: 'Zona horaria' }, ['timezone', 'tz', '时区设置', 'huso horario'], {
    en: 'Linux: a tz database name (Europe/Madrid, UTC); Windows: Microsoft’s time zone index (85 = GMT, 210 = China).',
    zh: 'Linux：tz 数据库名称（Asia/Shanghai、UTC）；Windows：微软时区编号（85 = GMT，210 = 中国）。',
    es: 'Linux: nombre de la base tz (Europe/Madrid, UTC); Windows: índice de zona de Microsoft (85 = GMT, 105 = Madrid).',
  }),
  secretColumn('productKey', { en: 'Product key', zh: '产品密钥', es: 'Clave de producto' }, ['windows product key', 'license key', 'windows key', '序列号', '许可证密钥', 'clave de licencia']),
  plain('domainUser', { en: 'Domain join user', zh: '加域用户', es: 'Usuario de unión al dominio' }, ['domain admin', 'join user', 'domain user', '域管理员', 'usuario del dominio'], {
    en: 'Windows: the account that joins the domain (DOMAIN\\user or user@domain).',
    zh: 'Windows：用于加入域的账号（DOMAIN\\user 或 user@domain）。',
    es: 'Windows: la cuenta que une la VM al dominio (DOMINIO\\usuario o usuario@dominio).',
  }),
  secretColumn('domainPassword', { en: 'Domain join password', zh: '加域密码', es: 'Contraseña de unión al dominio' }, ['domain password', 'join password', '域密码', 'contraseña del dominio']),
];
