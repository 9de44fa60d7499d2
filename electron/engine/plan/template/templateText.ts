import { fillTemplate, type Lang } from '../../../../shared/plan/findingCodes';
import type { ColumnType } from '../v1/columnTypes';

/** Words the template writes around the column definitions, per language. */
export interface TemplateText {
  readmeSheet: string;
  title: string;
  intro: string[];
  sheetsHeading: string;
  sheetColumns: [string, string, string];
  rulesHeading: string;
  rules: string[];
  required: string;
  optional: string;
  type: string;
  example: string;
  defaultLabel: string;
  exampleRow: string;
  keyValueHeaders: [string, string, string];
  yes: string;
  no: string;
  listErrorTitle: string;
  listError: string;
  wholeError: string;
  /** Between a label and its value, and between clauses. */
  colon: string;
  semicolon: string;
}

const en: TemplateText = {
  readmeSheet: 'Instructions',
  title: 'Rackpilot plan (format version {version})',
  intro: [
    'Fill in one sheet per part of the deployment; each row of a table is one thing (an endpoint, a network, a VM).',
    'Hover over a header to read what the column means, its unit and an example. Columns marked * are required.',
    'Then open the workbook in Rackpilot (or run: rackpilot plan FILE --json) to see exactly what it understood and which cells to fix.',
  ],
  sheetsHeading: 'Sheets',
  sheetColumns: ['Sheet', 'What it holds', 'Required'],
  rulesHeading: 'Rules',
  rules: [
    'Grey rows whose name starts with # are examples (and comments): Rackpilot ignores them. Overwrite them or delete them.',
    'Headers may be in English, Chinese or Spanish, in any order; unknown columns are ignored.',
    'Memory: a bare number is MiB (8192), or write a unit: 8G, 8 GiB. Disk: a bare number is GiB. All units are binary (1 GB = 1024 MiB).',
    'Lists (DNS servers, nodes, scripts) are comma-separated.',
    'Empty cells, N/A and - mean "not given". Passwords may stay empty and be entered in Rackpilot; they are never printed.',
    'File paths (ISO images, keys, scripts) are relative to this workbook\'s folder.',
  ],
  required: 'Required',
  optional: 'Optional',
  type: 'Type',
  example: 'Example',
  defaultLabel: 'Empty =',
  exampleRow: 'Example row: ignored because its name starts with #. Overwrite it with your own values (without #) or delete the row.',
  keyValueHeaders: ['Setting', 'Value', 'Example'],
  yes: 'yes',
  no: 'no',
  listErrorTitle: 'Not in the list',
  listError: 'Rackpilot expects one of the listed values. Keep it only if it is a synonym Rackpilot accepts.',
  wholeError: 'Enter a whole number from {min} to {max}.',
  colon: ': ',
  semicolon: '; ',
};

const zh: TemplateText = {
  readmeSheet: '使用说明',
  title: 'Rackpilot 规划表（格式版本 {version}）',
  intro: [
    '部署的每个部分填写在各自的工作表中；表格的每一行是一个对象（端点、网络、虚拟机）。',
    '将鼠标悬停在表头上可查看该列的含义、单位和示例。标 * 的列为必填。',
    '填写后在 Rackpilot 中打开本工作簿（或运行 rackpilot plan 文件 --json），即可看到识别结果以及需要修改的单元格。',
  ],
  sheetsHeading: '工作表',
  sheetColumns: ['工作表', '内容', '必需'],
  rulesHeading: '规则',
  rules: [
    '名称以 # 开头的灰色行是示例（注释）：Rackpilot 会忽略它们。可直接覆盖或删除。',
    '表头可以用英文、中文或西班牙文书写，顺序不限；未知的列会被忽略。',
    '内存：不带单位的数字按 MiB 计（8192），也可写单位：8G、8 GiB。磁盘：不带单位的数字按 GiB 计。所有单位均为二进制（1 GB = 1024 MiB）。',
    '列表（DNS 服务器、节点、脚本）用逗号分隔。',
    '空单元格、N/A 和 - 表示“未填写”。密码可以留空，在 Rackpilot 中输入；密码绝不会被输出。',
    '文件路径（ISO 镜像、密钥、脚本）相对于本工作簿所在的文件夹。',
  ],
  required: '必填',
  optional: '选填',
  type: '类型',
  example: '示例',
  defaultLabel: '留空 =',
  exampleRow: '示例行：名称以 # 开头，因此会被忽略。请用您自己的值（去掉 #）覆盖，或删除该行。',
  keyValueHeaders: ['设置项', '值', '示例'],
  yes: '是',
  no: '否',
  listErrorTitle: '不在列表中',
  listError: 'Rackpilot 期望列表中的值。只有当它是 Rackpilot 接受的同义词时才保留。',
  wholeError: '请输入 {min} 到 {max} 之间的整数。',
  colon: '：',
  semicolon: '；',
};

const es: TemplateText = {
  readmeSheet: 'Instrucciones',
  title: 'Plan de Rackpilot (versión del formato {version})',
  intro: [
    'Rellene una hoja por cada parte del despliegue; cada fila de una tabla es un elemento (un endpoint, una red, una VM).',
    'Pase el ratón sobre un encabezado para ver qué significa la columna, su unidad y un ejemplo. Las columnas con * son obligatorias.',
    'Después abra el libro en Rackpilot (o ejecute: rackpilot plan ARCHIVO --json) para ver exactamente qué entendió y qué celdas corregir.',
  ],
  sheetsHeading: 'Hojas',
  sheetColumns: ['Hoja', 'Contenido', 'Obligatoria'],
  rulesHeading: 'Reglas',
  rules: [
    'Las filas grises cuyo nombre empieza por # son ejemplos (comentarios): Rackpilot las ignora. Sobrescríbalas o bórrelas.',
    'Los encabezados pueden estar en inglés, chino o español, en cualquier orden; las columnas desconocidas se ignoran.',
    'Memoria: un número solo es MiB (8192), o escriba la unidad: 8G, 8 GiB. Disco: un número solo es GiB. Todas las unidades son binarias (1 GB = 1024 MiB).',
    'Las listas (servidores DNS, nodos, scripts) se separan con comas.',
    'Celdas vacías, N/A y - significan «no indicado». Las contraseñas pueden quedar vacías e introducirse en Rackpilot; nunca se muestran.',
    'Las rutas de archivo (imágenes ISO, claves, scripts) son relativas a la carpeta de este libro.',
  ],
  required: 'Obligatorio',
  optional: 'Opcional',
  type: 'Tipo',
  example: 'Ejemplo',
  defaultLabel: 'Vacío =',
  exampleRow: 'Fila de ejemplo: se ignora porque su nombre empieza por #. Sobrescríbala con sus valores (sin #) o borre la fila.',
  keyValueHeaders: ['Ajuste', 'Valor', 'Ejemplo'],
  yes: 'sí',
  no: 'no',
  listErrorTitle: 'No está en la lista',
  listError: 'Rackpilot espera uno de los valores de la lista. Consérvelo solo si es un sinónimo que Rackpilot acepta.',
  wholeError: 'Introduzca un número entero de {min} a {max}.',
  colon: ': ',
  semicolon: '; ',
};

export const templateText: Record<Lang, TemplateText> = { en, zh, es };

/** `{values}` and `{sheet}` are filled in. */
type KindWords = Record<Exclude<ColumnType['kind'], 'enum' | 'ref'>, string> & { oneOf: string; namesFrom: string; nameFrom: string; orAll: string };

const kindWords: Record<Lang, KindWords> = {
  en: {
    string: 'text', text: 'multi-line text', int: 'whole number', ip: 'IPv4 address', cidr: 'subnet in CIDR notation',
    fingerprint: 'SHA-256 certificate fingerprint', sha256: 'SHA-256 checksum (64 hex digits)', size: 'size', duration: 'duration (seconds, or 90s, 15m, 1h)',
    list: 'comma-separated list', secret: 'secret (never printed)', bool: 'yes/no',
    oneOf: 'one of {values}', namesFrom: 'names from the sheet {sheet}', nameFrom: 'a name from the sheet {sheet}', orAll: ', or all',
  },
  zh: {
    string: '文本', text: '多行文本', int: '整数', ip: 'IPv4 地址', cidr: 'CIDR 格式的子网',
    fingerprint: 'SHA-256 证书指纹', sha256: 'SHA-256 校验和（64 位十六进制）', size: '容量', duration: '时长（秒，或 90s、15m、1h）',
    list: '逗号分隔的列表', secret: '密码（绝不输出）', bool: '是/否',
    oneOf: '可选值：{values}', namesFrom: '“{sheet}”工作表中的名称（可多个）', nameFrom: '“{sheet}”工作表中的名称', orAll: '，或 all',
  },
  es: {
    string: 'texto', text: 'texto de varias líneas', int: 'número entero', ip: 'dirección IPv4', cidr: 'subred en notación CIDR',
    fingerprint: 'huella SHA-256 del certificado', sha256: 'suma SHA-256 (64 dígitos hex)', size: 'tamaño', duration: 'duración (segundos, o 90s, 15m, 1h)',
    list: 'lista separada por comas', secret: 'secreto (nunca se muestra)', bool: 'sí/no',
    oneOf: 'uno de {values}', namesFrom: 'nombres de la hoja {sheet}', nameFrom: 'un nombre de la hoja {sheet}', orAll: ', o all',
  },
};

/** A column's type in words, for header notes: `whole number`, `one of iso, template`, `a name from the sheet Endpoints`. */
export function typeWords(type: ColumnType, lang: Lang, sheetName: (key: string) => string): string {
  const words = kindWords[lang];
  switch (type.kind) {
    case 'enum':
      return fillTemplate(words.oneOf, { values: type.values.join(', ') });
    case 'ref': {
      const target = fillTemplate(type.list ? words.namesFrom : words.nameFrom, { sheet: sheetName(type.sheet) });
      return type.allowAll ? `${target}${words.orAll}` : target;
    }
    case 'size':
      return `${words.size} (${type.bareUnit})`;
    default:
      return words[type.kind];
  }
}
