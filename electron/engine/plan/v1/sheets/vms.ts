import { osFamilies } from '../../../../../shared/plan/model';
import type { ColumnDef, SheetDef } from '../columnTypes';
import { endpointRefColumn, jumpHostRefColumn, nameColumn, passwordSynonyms, secretColumn } from './common';
import { openstackVmColumns } from './openstackVms';
import { vsphereVmColumns } from './vsphereVms';

function plain(field: string, header: ColumnDef['header'], synonyms: readonly string[], help: ColumnDef['help'], example?: string): ColumnDef {
  const column: ColumnDef = { field, header, synonyms, type: { kind: 'string', maxLength: 255 }, help };
  if (example !== undefined) column.example = example;
  return column;
}

export const vmsSheet: SheetDef = {
  key: 'vms',
  name: { en: 'VMs', zh: '虚拟机', es: 'Máquinas virtuales' },
  synonyms: ['vm', 'virtual machines', 'machines', 'servers', '虚拟机规划', '服务器', 'vms', 'mvs', 'máquinas'],
  layout: 'table',
  required: true,
  keyField: 'name',
  list: 'vms',
  help: { en: 'One virtual machine per row.', zh: '每行一台虚拟机。', es: 'Una máquina virtual por fila.' },
  columns: [
    nameColumn('web-01', ['vm', 'vm name', 'hostname', 'host name', '虚拟机名称', '主机名', 'nombre de vm']),
    endpointRefColumn(true),
    {
      field: 'placement',
      header: { en: 'Node / cluster', zh: '节点/集群', es: 'Nodo / clúster' },
      synonyms: ['node', 'nodes', 'cluster', 'placement', 'host', 'target node', '节点', '集群', '宿主机', 'nodo', 'ubicación'],
      type: { kind: 'list' },
      default: [],
      example: 'pve1, pve2',
      help: {
        en: 'Nodes or clusters in order of preference, comma-separated; empty = any.',
        zh: '按优先顺序填写节点或集群，用逗号分隔；留空表示任意。',
        es: 'Nodos o clústeres por orden de preferencia, separados por comas; vacío = cualquiera.',
      },
    },
    {
      field: 'os',
      header: { en: 'OS', zh: '操作系统', es: 'Sistema operativo' },
      synonyms: ['operating system', 'guest os', 'os family', '系统', 'so', 'sistema'],
      type: {
        kind: 'enum',
        values: osFamilies,
        prefix: true,
        aliases: { 'rocky linux': 'rocky', rhel: 'rocky', 'red hat': 'rocky', almalinux: 'rocky', win: 'windows', 'windows server': 'windows', linux: 'other', 其他: 'other', otro: 'other' },
      },
      required: true,
      example: 'ubuntu',
      help: {
        en: 'ubuntu, centos, rocky, debian, windows or other (a version after the name is fine: Ubuntu 24.04).',
        zh: 'ubuntu、centos、rocky、debian、windows 或 other（可带版本号：Ubuntu 24.04）。',
        es: 'ubuntu, centos, rocky, debian, windows u other (se admite la versión: Ubuntu 24.04).',
      },
    },
    {
      field: 'image',
      header: { en: 'Image / template', zh: '镜像/模板', es: 'Imagen / plantilla' },
      synonyms: ['image', 'template', 'iso', 'source', '镜像', '模板', 'imagen', 'plantilla'],
      type: { kind: 'ref', sheet: 'images' },
      example: 'ubuntu-2404',
      help: { en: 'Name of a row on the Images sheet.', zh: '镜像工作表中某行的名称。', es: 'Nombre de una fila de la hoja Imágenes.' },
    },
    {
      field: 'vcpu',
      header: { en: 'vCPU', zh: 'vCPU', es: 'vCPU' },
      synonyms: ['cpu', 'cpus', 'cores', 'vcpus', 'cpu 核数', '核数', 'cpu数', 'núcleos', 'nucleos'],
      type: { kind: 'int' },
      required: true,
      example: 2,
      help: { en: 'Number of virtual CPUs.', zh: '虚拟 CPU 数量。', es: 'Número de CPU virtuales.' },
    },
    {
      field: 'memoryMiB',
      header: { en: 'Memory', zh: '内存', es: 'Memoria' },
      synonyms: ['ram', 'mem', 'memory size', '内存大小', 'memoria ram'],
      type: { kind: 'size', bareUnit: 'MiB', unit: 'MiB', round: 'nearest' },
      required: true,
      example: '4 GiB',
      help: {
        en: '8G, 8 GiB, 8192 MiB; a bare number is MiB unless the header names a unit: Memory (GiB).',
        zh: '8G、8 GiB、8192 MiB；不带单位的数字按 MiB 计，除非表头注明单位：内存 (GiB)。',
        es: '8G, 8 GiB, 8192 MiB; un número solo es MiB salvo que el encabezado indique la unidad: Memoria (GiB).',
      },
    },
    {
      field: 'diskGiB',
      header: { en: 'Disk', zh: '磁盘', es: 'Disco' },
      synonyms: ['disk size', 'system disk', 'storage size', '硬盘', '系统盘', '磁盘大小', 'tamaño de disco'],
      type: { kind: 'size', bareUnit: 'GiB', unit: 'GiB', round: 'up' },
      required: true,
      example: '40 GiB',
      help: {
        en: '40G, 40 GiB, 0.5 TiB; a bare number is GiB; fractions of a GiB round up.',
        zh: '40G、40 GiB、0.5 TiB；不带单位的数字按 GiB 计；不足 1 GiB 的部分向上取整。',
        es: '40G, 40 GiB, 0,5 TiB; un número solo es GiB; las fracciones de GiB se redondean hacia arriba.',
      },
    },
    {
      field: 'network',
      header: { en: 'Network', zh: '网络', es: 'Red' },
      synonyms: ['net', 'network name', '网络名称', 'nombre de red'],
      type: { kind: 'ref', sheet: 'networks' },
      example: 'mgmt',
      help: { en: 'Name of a row on the Networks sheet.', zh: '网络工作表中某行的名称。', es: 'Nombre de una fila de la hoja Redes.' },
    },
    {
      field: 'ip',
      header: { en: 'IP', zh: 'IP 地址', es: 'IP' },
      synonyms: ['ip address', 'ipv4', 'address', '地址', 'ip', 'dirección ip', 'direccion ip'],
      type: { kind: 'ip' },
      example: '10.0.20.21',
      help: { en: 'Static IPv4 inside the network; empty = DHCP.', zh: '网络内的静态 IPv4；留空使用 DHCP。', es: 'IPv4 estática dentro de la red; vacío = DHCP.' },
    },
    {
      field: 'gateway',
      header: { en: 'Gateway', zh: '网关', es: 'Puerta de enlace' },
      synonyms: ['gw', 'gateway override', '网关覆盖', 'pasarela'],
      type: { kind: 'ip' },
      help: { en: 'Only to override the network gateway.', zh: '仅在需要覆盖网络网关时填写。', es: 'Solo para sustituir la puerta de enlace de la red.' },
    },
    {
      field: 'vmid',
      header: { en: 'VMID', zh: 'VMID', es: 'VMID' },
      synonyms: ['vm id', 'proxmox id', 'id'],
      type: { kind: 'int' },
      help: {
        en: 'Proxmox only; empty = chosen by Rackpilot (Ubuntu 1000-1999, CentOS 2000-2999, Windows 3000-3999, others 9000-9999).',
        zh: '仅 Proxmox；留空由 Rackpilot 分配（Ubuntu 1000-1999，CentOS 2000-2999，Windows 3000-3999，其他 9000-9999）。',
        es: 'Solo Proxmox; vacío = lo elige Rackpilot (Ubuntu 1000-1999, CentOS 2000-2999, Windows 3000-3999, otros 9000-9999).',
      },
    },
    {
      field: 'scripts',
      header: { en: 'Scripts', zh: '脚本', es: 'Scripts' },
      synonyms: ['script', 'post-install scripts', 'install scripts', 'post install', '安装脚本', '部署脚本', 'guiones'],
      type: { kind: 'ref', sheet: 'scripts', list: true },
      default: [],
      example: 'base-packages',
      help: { en: 'Names from the Scripts sheet, comma-separated, run in order.', zh: '脚本工作表中的名称，用逗号分隔，按顺序执行。', es: 'Nombres de la hoja Scripts, separados por comas, en orden.' },
    },
    plain('haGroup', { en: 'HA group', zh: 'HA 组', es: 'Grupo HA' }, ['ha', 'high availability', '高可用组', '高可用', 'alta disponibilidad'], {
      en: 'Proxmox HA group.',
      zh: 'Proxmox HA 组。',
      es: 'Grupo HA de Proxmox.',
    }),
    plain('availabilityZone', { en: 'Availability zone', zh: '可用区', es: 'Zona de disponibilidad' }, ['az', 'zone', '可用域', 'zona'], {
      en: 'OpenStack availability zone.',
      zh: 'OpenStack 可用区。',
      es: 'Zona de disponibilidad de OpenStack.',
    }),
    plain('storage', { en: 'Storage', zh: '存储', es: 'Almacenamiento' }, ['datastore', 'disk storage', '存储池', '数据存储'], {
      en: 'Where the disk goes (storage, datastore, storage policy).',
      zh: '磁盘所在位置（存储、数据存储、存储策略）。',
      es: 'Dónde va el disco (almacenamiento, datastore, política).',
    }),
    plain('flavor', { en: 'Flavor', zh: '规格', es: 'Sabor' }, ['instance type', '实例规格', 'flavour', 'tipo de instancia'], {
      en: 'OpenStack flavor; empty = the smallest that fits vCPU, memory and disk.',
      zh: 'OpenStack 规格；留空则选择满足 vCPU、内存和磁盘的最小规格。',
      es: 'Sabor de OpenStack; vacío = el menor que cubra vCPU, memoria y disco.',
    }),
    jumpHostRefColumn('jumpHost'),
    plain('user', { en: 'User', zh: '用户名', es: 'Usuario' }, ['username', 'guest user', 'login', 'ssh user', 'ciuser', '登录用户'], {
      en: 'Guest user for cloud-init and scripts.',
      zh: '供 cloud-init 和脚本使用的客户机用户。',
      es: 'Usuario invitado para cloud-init y scripts.',
    }, 'ops'),
    secretColumn('password', { en: 'Password', zh: '密码', es: 'Contraseña' }, passwordSynonyms),
    plain('sshKeyPath', { en: 'SSH key file', zh: 'SSH 密钥文件', es: 'Archivo de clave SSH' }, ['ssh key', 'key file', 'private key', '私钥', 'clave ssh'], {
      en: 'Private key for scripts, relative to the workbook.',
      zh: '执行脚本用的私钥，路径相对于工作簿。',
      es: 'Clave privada para los scripts, relativa al libro.',
    }),
    { ...plain('notes', { en: 'Notes', zh: '备注', es: 'Notas' }, ['note', 'comment', 'description', '说明', '描述', 'descripción'], { en: 'Free text.', zh: '自由文本。', es: 'Texto libre.' }), type: { kind: 'text' } },
    ...vsphereVmColumns,
    ...openstackVmColumns,
  ],
};
