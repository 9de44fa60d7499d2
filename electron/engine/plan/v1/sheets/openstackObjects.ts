import type { ColumnDef, SheetDef } from '../columnTypes';
import { endpointRefColumn, nameColumn, withoutExample } from './common';

/*
 * The OpenStack objects a plan names besides slices: flavors, availability
 * zones, key pairs. Their names follow the cloud's rules (`m1.small`), so
 * they are not checked as host names.
 */

const notesColumn: ColumnDef = {
  field: 'notes',
  header: { en: 'Notes', zh: '备注', es: 'Notas' },
  synonyms: ['note', 'comment', 'description', '说明', '描述', 'descripción'],
  type: { kind: 'text' },
  help: { en: 'Free text.', zh: '自由文本。', es: 'Texto libre.' },
};

function cloudName(example: string): ColumnDef {
  return {
    ...nameColumn(example),
    help: {
      en: 'Name on the cloud, unique on this sheet (letters, digits, . _ - allowed). Rows starting with # are comments.',
      zh: '云上的名称，在本工作表中唯一（可用字母、数字和 . _ -）。以 # 开头的行视为注释。',
      es: 'Nombre en la nube, único en esta hoja (letras, dígitos, . _ -). Las filas que empiezan por # son comentarios.',
    },
  };
}

// No example: the template's example endpoint is a Proxmox one.
const openstackEndpoint: ColumnDef = {
  ...withoutExample(endpointRefColumn(false)),
  help: {
    en: 'Name of an OpenStack row on the Endpoints sheet; empty = every OpenStack endpoint.',
    zh: '端点工作表中某个 OpenStack 行的名称；留空表示所有 OpenStack 端点。',
    es: 'Nombre de una fila OpenStack de la hoja Endpoints; vacío = todos los endpoints OpenStack.',
  },
};

export const flavorsSheet: SheetDef = {
  key: 'flavors',
  name: { en: 'Flavors', zh: '规格', es: 'Sabores' },
  synonyms: ['flavours', 'instance types', '实例规格', 'tipos de instancia'],
  layout: 'table',
  required: false,
  keyField: 'name',
  list: 'flavors',
  help: {
    en: 'OpenStack flavors: a name alone uses a flavor the cloud has; with sizes it is created if missing; with Recommend the smallest listed flavor that fits the sizes stands in for it.',
    zh: 'OpenStack 规格：只填名称表示使用云上已有的规格；填写大小则在缺少时创建；选择“推荐”则使用满足大小的最小已有规格。',
    es: 'Sabores de OpenStack: solo el nombre usa uno que la nube ya tiene; con tamaños se crea si falta; con Recomendar se usa el menor existente que cubra los tamaños.',
  },
  columns: [
    cloudName('m1.small'),
    openstackEndpoint,
    {
      field: 'vcpu',
      header: { en: 'vCPU', zh: 'vCPU', es: 'vCPU' },
      synonyms: ['cpu', 'cpus', 'vcpus', 'cores', '核数', 'núcleos'],
      type: { kind: 'int' },
      example: 1,
      help: { en: 'Virtual CPUs; empty = a flavor the cloud already has.', zh: '虚拟 CPU 数；留空表示云上已有的规格。', es: 'CPU virtuales; vacío = un sabor que la nube ya tiene.' },
    },
    {
      field: 'memoryMiB',
      header: { en: 'Memory', zh: '内存', es: 'Memoria' },
      synonyms: ['ram', 'mem', '内存大小', 'memoria ram'],
      type: { kind: 'size', bareUnit: 'MiB', unit: 'MiB', round: 'nearest' },
      example: '2 GiB',
      help: { en: '2G, 2048 MiB; a bare number is MiB.', zh: '2G、2048 MiB；不带单位的数字按 MiB 计。', es: '2G, 2048 MiB; un número solo es MiB.' },
    },
    {
      field: 'diskGiB',
      header: { en: 'Disk', zh: '磁盘', es: 'Disco' },
      synonyms: ['root disk', 'disk size', '根磁盘', '系统盘', 'disco raíz'],
      type: { kind: 'size', bareUnit: 'GiB', unit: 'GiB', round: 'up' },
      example: '20 GiB',
      help: { en: 'Root disk; a bare number is GiB; 0 = sized from the image.', zh: '根磁盘；不带单位的数字按 GiB 计；0 表示按镜像大小。', es: 'Disco raíz; un número solo es GiB; 0 = según la imagen.' },
    },
    {
      field: 'recommend',
      header: { en: 'Recommend', zh: '推荐', es: 'Recomendar' },
      synonyms: ['recommended', 'auto', 'pick smallest', '自动推荐', 'recomendado'],
      type: { kind: 'bool' },
      default: false,
      example: false,
      help: {
        en: 'yes = use the smallest flavor on the cloud that fits vCPU, memory and disk instead of creating this one.',
        zh: '是 = 使用云上满足 vCPU、内存和磁盘的最小规格，而不是创建此规格。',
        es: 'sí = usar el menor sabor de la nube que cubra vCPU, memoria y disco en lugar de crear este.',
      },
    },
    notesColumn,
  ],
};

export const availabilityZonesSheet: SheetDef = {
  key: 'availabilityZones',
  name: { en: 'Availability zones', zh: '可用区', es: 'Zonas de disponibilidad' },
  synonyms: ['zones', 'azs', 'availability zone', '可用域', 'zonas'],
  layout: 'table',
  required: false,
  keyField: 'name',
  list: 'availabilityZones',
  help: {
    en: 'OpenStack availability zones slices may use; HA slices are spread over them.',
    zh: '切片可使用的 OpenStack 可用区；高可用切片分布在这些可用区上。',
    es: 'Zonas de disponibilidad de OpenStack que pueden usar los slices; los slices HA se reparten entre ellas.',
  },
  columns: [
    cloudName('zone-1'),
    openstackEndpoint,
    {
      field: 'hosts',
      header: { en: 'Hosts', zh: '主机', es: 'Hosts' },
      synonyms: ['compute hosts', 'compute nodes', '计算节点', 'nodos de cómputo'],
      type: { kind: 'list' },
      default: [],
      example: 'compute-01',
      help: { en: 'Compute hosts expected in the zone, comma-separated (informative).', zh: '该可用区中预期的计算节点，用逗号分隔（仅供参考）。', es: 'Hosts de cómputo esperados en la zona, separados por comas (informativo).' },
    },
    notesColumn,
  ],
};

export const keyPairsSheet: SheetDef = {
  key: 'keyPairs',
  name: { en: 'Key pairs', zh: '密钥对', es: 'Pares de claves' },
  synonyms: ['keypairs', 'ssh keys', 'ssh 密钥', 'claves ssh'],
  layout: 'table',
  required: false,
  keyField: 'name',
  list: 'keyPairs',
  help: {
    en: 'SSH public keys injected into servers; with neither key nor file the key pair must exist on the cloud.',
    zh: '注入服务器的 SSH 公钥；公钥和文件都不填时，云上必须已有该密钥对。',
    es: 'Claves públicas SSH que se inyectan en los servidores; sin clave ni archivo, el par debe existir en la nube.',
  },
  columns: [
    {
      ...cloudName('ops-key'),
      // Nova before microversion 2.92 refuses any other character in a key pair's name.
      help: {
        en: 'Name on the cloud, unique on this sheet (letters, digits, spaces, _ and -: Nova refuses a . or other characters before microversion 2.92). Rows starting with # are comments.',
        zh: '云上的名称，在本工作表中唯一（可用字母、数字、空格、_ 和 -：微版本 2.92 之前的 Nova 不接受 . 或其他字符）。以 # 开头的行视为注释。',
        es: 'Nombre en la nube, único en esta hoja (letras, dígitos, espacios, _ y -: Nova rechaza el . u otros caracteres antes de la microversión 2.92). Las filas que empiezan por # son comentarios.',
      },
    },
    openstackEndpoint,
    {
      field: 'publicKey',
      header: { en: 'Public key', zh: '公钥', es: 'Clave pública' },
      synonyms: ['ssh public key', 'pubkey', '公钥内容', 'clave pública ssh'],
      type: { kind: 'string', maxLength: 16384 },
      help: { en: 'OpenSSH public key line: ssh-ed25519 AAAA… comment.', zh: 'OpenSSH 公钥行：ssh-ed25519 AAAA… 注释。', es: 'Línea de clave pública OpenSSH: ssh-ed25519 AAAA… comentario.' },
    },
    {
      field: 'publicKeyFile',
      header: { en: 'Public key file', zh: '公钥文件', es: 'Archivo de clave pública' },
      synonyms: ['pub file', 'key file', '公钥路径', 'archivo .pub'],
      type: { kind: 'string', maxLength: 1024 },
      example: 'keys/ops.pub',
      help: { en: 'A .pub file, relative to the workbook, instead of the key text.', zh: '.pub 文件，路径相对于工作簿，可代替公钥内容。', es: 'Un archivo .pub, relativo al libro, en lugar del texto de la clave.' },
    },
  ],
};
