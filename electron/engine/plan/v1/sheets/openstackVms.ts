import type { ColumnDef } from '../columnTypes';

/**
 * The VMs sheet's OpenStack columns: the slice a VM is a node of (its
 * topology then gives the VM's networks and ports), the key pair and
 * security groups of the server, and cloud-init user data. Appended after
 * the vCenter columns, in their own file like those.
 */
export const openstackVmColumns: readonly ColumnDef[] = [
  {
    field: 'slice',
    header: { en: 'Slice', zh: '切片', es: 'Slice' },
    synonyms: ['slice name', 'topology', '所属切片', 'nombre del slice'],
    type: { kind: 'ref', sheet: 'slices' },
    help: {
      en: 'OpenStack: name of a row on the Slices sheet; the VM becomes one of its nodes, in row order.',
      zh: 'OpenStack：切片工作表中某行的名称；该虚拟机按行顺序成为其节点之一。',
      es: 'OpenStack: nombre de una fila de la hoja Slices; la VM pasa a ser uno de sus nodos, por orden de fila.',
    },
  },
  {
    field: 'keyPair',
    header: { en: 'Key pair', zh: '密钥对', es: 'Par de claves' },
    synonyms: ['keypair', 'ssh key pair', '密钥', 'par de claves ssh'],
    type: { kind: 'ref', sheet: 'keyPairs' },
    help: { en: 'OpenStack: a row of the Key pairs sheet; empty = the slice’s.', zh: 'OpenStack：密钥对工作表中的某行；留空则用切片的。', es: 'OpenStack: una fila de la hoja Pares de claves; vacío = la del slice.' },
  },
  {
    field: 'securityGroups',
    header: { en: 'Security groups', zh: '安全组', es: 'Grupos de seguridad' },
    synonyms: ['security group', 'secgroups', 'sg', '安全组列表', 'grupo de seguridad'],
    type: { kind: 'ref', sheet: 'securityGroups', list: true },
    default: [],
    help: { en: 'OpenStack: names from the Security groups sheet; empty = the slice’s.', zh: 'OpenStack：安全组工作表中的名称；留空则用切片的。', es: 'OpenStack: nombres de la hoja Grupos de seguridad; vacío = los del slice.' },
  },
  {
    field: 'userData',
    header: { en: 'User data file', zh: '用户数据文件', es: 'Archivo de datos de usuario' },
    synonyms: ['user data', 'user-data', 'cloud-init', 'cloud config', '用户数据', 'datos de usuario'],
    type: { kind: 'string', maxLength: 1024 },
    help: { en: 'OpenStack: cloud-init user data file, relative to the workbook.', zh: 'OpenStack：cloud-init 用户数据文件，路径相对于工作簿。', es: 'OpenStack: archivo de datos de usuario de cloud-init, relativo al libro.' },
  },
];
