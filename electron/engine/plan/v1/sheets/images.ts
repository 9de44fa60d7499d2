import { imageKinds } from '../../../../../shared/plan/model';
import type { SheetDef } from '../columnTypes';
import { endpointRefColumn, nameColumn } from './common';

export const imagesSheet: SheetDef = {
  key: 'images',
  name: { en: 'Images', zh: '镜像', es: 'Imágenes' },
  synonyms: ['isos', 'templates', 'image', '镜像文件', '模板', 'imagen', 'plantillas'],
  layout: 'table',
  required: false,
  keyField: 'name',
  list: 'images',
  help: {
    en: 'ISO files to upload and templates to clone from.',
    zh: '需要上传的 ISO 文件和用于克隆的模板。',
    es: 'Archivos ISO que subir y plantillas desde las que clonar.',
  },
  columns: [
    nameColumn('ubuntu-2404', ['image', 'image name', '镜像名称', 'imagen']),
    {
      field: 'kind',
      header: { en: 'Kind', zh: '类型', es: 'Tipo' },
      synonyms: ['type', '镜像类型'],
      type: { kind: 'enum', values: imageKinds, aliases: { 模板: 'template', plantilla: 'template', 'iso image': 'iso', 镜像: 'iso', 光盘: 'iso', imagen: 'iso' } },
      required: true,
      example: 'iso',
      help: { en: 'iso (a file to upload) or template (already on the platform).', zh: 'iso（需上传的文件）或 template（平台上已有的模板）。', es: 'iso (un archivo que subir) o template (ya en la plataforma).' },
    },
    {
      field: 'file',
      header: { en: 'File', zh: '文件', es: 'Archivo' },
      synonyms: ['path', 'file path', 'iso file', '路径', '文件路径', 'ruta'],
      type: { kind: 'string', maxLength: 1024 },
      example: 'isos/ubuntu-24.04-live-server-amd64.iso',
      help: { en: 'Path relative to the workbook (ISO images).', zh: '相对于工作簿的路径（ISO 镜像）。', es: 'Ruta relativa al libro (imágenes ISO).' },
    },
    {
      field: 'sha256',
      header: { en: 'SHA-256', zh: 'SHA-256', es: 'SHA-256' },
      synonyms: ['sha256', 'checksum', 'sha256sum', 'hash', '校验和', '校验值', 'suma de comprobación'],
      type: { kind: 'sha256' },
      help: { en: 'Checked before upload when given (sha256sum output).', zh: '填写后上传前会校验（sha256sum 的输出）。', es: 'Se comprueba antes de subir si se indica (salida de sha256sum).' },
    },
    endpointRefColumn(false),
    {
      field: 'storage',
      header: { en: 'Storage', zh: '存储', es: 'Almacenamiento' },
      synonyms: ['datastore', 'target storage', 'storage pool', '目标存储', '数据存储', 'almacén de datos'],
      type: { kind: 'string', maxLength: 255 },
      example: 'local',
      help: { en: 'Where the ISO is uploaded (Proxmox storage, vSphere datastore).', zh: 'ISO 上传位置（Proxmox 存储、vSphere 数据存储）。', es: 'Dónde se sube la ISO (almacenamiento de Proxmox, datastore de vSphere).' },
    },
    {
      field: 'node',
      header: { en: 'Node', zh: '节点', es: 'Nodo' },
      synonyms: ['host', 'target node', '主机', '目标节点'],
      type: { kind: 'string', maxLength: 255 },
      help: { en: 'Proxmox node for node-local storage.', zh: '本地存储所在的 Proxmox 节点。', es: 'Nodo de Proxmox para almacenamiento local.' },
    },
    {
      field: 'remoteName',
      header: { en: 'Name on platform', zh: '平台上的名称', es: 'Nombre en la plataforma' },
      synonyms: ['remote name', 'template name', 'template id', '模板名称', '模板 id', 'nombre remoto'],
      type: { kind: 'string', maxLength: 255 },
      help: { en: 'Template name or ID on the platform, when it differs from Name.', zh: '平台上的模板名称或 ID（与名称不同时填写）。', es: 'Nombre o ID de la plantilla en la plataforma, si difiere.' },
    },
  ],
};
