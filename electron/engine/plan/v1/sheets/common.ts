import type { ColumnDef } from '../columnTypes';

/** Columns several sheets share, so their headers and help read the same everywhere. */
export function nameColumn(example: string, synonyms: readonly string[] = []): ColumnDef {
  return {
    field: 'name',
    header: { en: 'Name', zh: '名称', es: 'Nombre' },
    synonyms: ['name', '名字', '名称', 'nombre', ...synonyms],
    type: { kind: 'string', maxLength: 255 },
    required: true,
    example,
    help: {
      en: 'Unique name: letters, digits and hyphens, at most 63 characters. Rows starting with # are comments.',
      zh: '唯一名称：字母、数字和连字符，最多 63 个字符。以 # 开头的行视为注释。',
      es: 'Nombre único: letras, dígitos y guiones, 63 caracteres como máximo. Las filas que empiezan por # son comentarios.',
    },
  };
}

export function endpointRefColumn(required: boolean): ColumnDef {
  return {
    field: 'endpoint',
    header: { en: 'Endpoint', zh: '端点', es: 'Endpoint' },
    synonyms: ['platform', 'target', '平台', '目标平台', 'plataforma', 'destino'],
    type: { kind: 'ref', sheet: 'endpoints' },
    required,
    example: 'pve1',
    help: required
      ? { en: 'Name of a row on the Endpoints sheet.', zh: '端点工作表中某行的名称。', es: 'Nombre de una fila de la hoja Endpoints.' }
      : { en: 'Name of a row on the Endpoints sheet; empty = every endpoint.', zh: '端点工作表中某行的名称；留空表示所有端点。', es: 'Nombre de una fila de la hoja Endpoints; vacío = todos.' },
  };
}

export function jumpHostRefColumn(field: 'jumpHost' | 'via'): ColumnDef {
  return {
    field,
    header: field === 'via' ? { en: 'Via', zh: '经由', es: 'Vía' } : { en: 'Jump host', zh: '跳板机', es: 'Host de salto' },
    synonyms: field === 'via' ? ['through', 'via jump host', '上级跳板机', 'a través de'] : ['jump', 'bastion', 'jumphost', '堡垒机', 'bastión', 'salto'],
    type: { kind: 'ref', sheet: 'jumpHosts' },
    help: {
      en: 'Name of a row on the Jump hosts sheet; empty = reached directly.',
      zh: '跳板机工作表中某行的名称；留空表示直接访问。',
      es: 'Nombre de una fila de la hoja Hosts de salto; vacío = acceso directo.',
    },
  };
}

export function secretColumn(field: string, header: { en: string; zh: string; es: string }, synonyms: readonly string[]): ColumnDef {
  return {
    field,
    header,
    synonyms,
    type: { kind: 'secret' },
    help: {
      en: 'Kept in memory only and never printed; may be left empty and entered in Rackpilot instead.',
      zh: '仅保存在内存中，绝不输出；可留空，改在 Rackpilot 中输入。',
      es: 'Solo se guarda en memoria y nunca se muestra; puede dejarse vacío e introducirse en Rackpilot.',
    },
  };
}

export const passwordSynonyms = ['password', 'pass', 'passwd', '口令', '密码', 'contrasena', 'clave'];

/** A column without the template's example value (an example that would not resolve in the template's own rows). */
export function withoutExample(column: ColumnDef): ColumnDef {
  const copy = { ...column };
  delete copy.example;
  return copy;
}
