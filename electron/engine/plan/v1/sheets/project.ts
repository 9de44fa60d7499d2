import { planLangs } from '../../../../../shared/plan/model';
import type { SheetDef } from '../columnTypes';

export const projectSheet: SheetDef = {
  key: 'project',
  name: { en: 'Project', zh: '项目', es: 'Proyecto' },
  synonyms: ['project info', '项目信息', 'información del proyecto'],
  layout: 'keyValue',
  required: false,
  keyField: 'name',
  list: null,
  help: {
    en: 'One label per row in column A, its value in column B.',
    zh: '每行在 A 列写字段名，在 B 列写值。',
    es: 'Una etiqueta por fila en la columna A y su valor en la columna B.',
  },
  columns: [
    {
      field: 'name',
      header: { en: 'Project name', zh: '项目名称', es: 'Nombre del proyecto' },
      synonyms: ['project', 'name', '项目', '名称', 'proyecto', 'nombre'],
      type: { kind: 'string', maxLength: 200 },
      example: 'Lab site A',
      help: {
        en: 'What the deployment is called in reports; empty = the workbook file name.',
        zh: '报告中使用的部署名称；留空则使用工作簿文件名。',
        es: 'Cómo se llama el despliegue en los informes; vacío = el nombre del archivo.',
      },
    },
    {
      field: 'organisation',
      header: { en: 'Organisation', zh: '组织', es: 'Organización' },
      synonyms: ['organization', 'customer', 'company', 'client', '客户', '客户名称', '公司', '单位', 'cliente', 'empresa'],
      type: { kind: 'string', maxLength: 200 },
      example: 'Example Corp',
      help: { en: 'Customer or organisation name.', zh: '客户或组织名称。', es: 'Nombre del cliente u organización.' },
    },
    {
      field: 'language',
      header: { en: 'Language', zh: '语言', es: 'Idioma' },
      synonyms: ['lang', 'lengua'],
      type: {
        kind: 'enum',
        values: planLangs,
        aliases: { english: 'en', 中文: 'zh', chinese: 'zh', 简体中文: 'zh', español: 'es', espanol: 'es', spanish: 'es', inglés: 'en', 英文: 'en', 西班牙语: 'es' },
      },
      example: 'en',
      help: { en: 'Language of reports written back: en, zh or es.', zh: '回写报告的语言：en、zh 或 es。', es: 'Idioma de los informes: en, zh o es.' },
    },
    {
      field: 'datacenter',
      header: { en: 'Datacenter', zh: '数据中心', es: 'Centro de datos' },
      synonyms: ['data center', 'site', '机房', '数据中心名称', 'sitio'],
      type: { kind: 'string', maxLength: 200 },
      example: 'DC-1',
      help: { en: 'Site name, for reports.', zh: '站点名称，用于报告。', es: 'Nombre del sitio, para los informes.' },
    },
    {
      field: 'notes',
      header: { en: 'Notes', zh: '备注', es: 'Notas' },
      synonyms: ['note', 'comment', 'comments', 'description', '说明', '描述', 'comentarios', 'descripción'],
      type: { kind: 'text' },
      help: { en: 'Free text.', zh: '自由文本。', es: 'Texto libre.' },
    },
    {
      field: 'ntpServers',
      header: { en: 'NTP servers', zh: 'NTP 服务器', es: 'Servidores NTP' },
      synonyms: ['ntp', 'ntp server', '时间服务器', 'servidor ntp'],
      type: { kind: 'list' },
      default: [],
      example: 'ntp1.example.com, 10.0.0.1',
      help: { en: 'Comma-separated.', zh: '用逗号分隔。', es: 'Separados por comas.' },
    },
    {
      field: 'dnsServers',
      header: { en: 'DNS servers', zh: 'DNS 服务器', es: 'Servidores DNS' },
      synonyms: ['dns', 'dns server', 'nameservers', '域名服务器', 'servidor dns'],
      type: { kind: 'list' },
      default: [],
      example: '10.0.0.53, 10.0.0.54',
      help: { en: 'Comma-separated; networks without DNS use these.', zh: '用逗号分隔；未填写 DNS 的网络使用这些服务器。', es: 'Separados por comas; las redes sin DNS usan estos.' },
    },
  ],
};
