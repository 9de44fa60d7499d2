import { fail } from '../../../../shared/errors';
import { fillTemplate, type FindingParams, type Lang } from '../../../../shared/plan/findingCodes';

/**
 * Why a file is refused before (or while) it is parsed. Each reason is an
 * AppFailure `workbook_unreadable` with a title that says what the file is
 * and a hint that says what to do, in the UI language.
 */
type Text = readonly [title: string, hint: string];
const saveAsXlsx: Record<Lang, string> = {
  en: 'Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx).',
  zh: '请用 Excel 或 LibreOffice 打开，另存为 Excel 工作簿（.xlsx）。',
  es: 'Ábralo en Excel o LibreOffice y guárdelo como libro de Excel (.xlsx).',
};
const copyAgain: Record<Lang, string> = {
  en: 'Copy the file again from its source; a transfer was probably cut short.',
  zh: '请从源头重新复制文件；传输很可能被中断了。',
  es: 'Copie de nuevo el archivo desde su origen; probablemente la transferencia se cortó.',
};
const bomb: Record<Lang, string> = {
  en: 'A planning workbook is far smaller; check where the file came from.',
  zh: '规划工作簿远没有这么大；请检查文件来源。',
  es: 'Un libro de planificación es mucho más pequeño; compruebe de dónde viene el archivo.',
};

const reasons = {
  missing: { en: ['The workbook {path} does not exist.', 'Check the path and the file name.'], zh: ['工作簿 {path} 不存在。', '请检查路径和文件名。'], es: ['El libro {path} no existe.', 'Compruebe la ruta y el nombre del archivo.'] },
  not_a_file: { en: ['{path} is a folder, not a workbook file.', 'Choose the .xlsx file itself.'], zh: ['{path} 是文件夹，不是工作簿文件。', '请选择 .xlsx 文件本身。'], es: ['{path} es una carpeta, no un libro.', 'Elija el propio archivo .xlsx.'] },
  no_access: { en: ['{path} cannot be read ({reason}).', 'Check the file permissions.'], zh: ['无法读取 {path}（{reason}）。', '请检查文件权限。'], es: ['No se puede leer {path} ({reason}).', 'Compruebe los permisos del archivo.'] },
  empty: { en: ['{name} is empty (0 bytes).', 'copyAgain'], zh: ['{name} 是空文件（0 字节）。', 'copyAgain'], es: ['{name} está vacío (0 bytes).', 'copyAgain'] },
  too_large: { en: ['{name} is {size}, more than the {limit} a planning workbook may be.', 'Remove pictures and unrelated sheets, or split the plan.'], zh: ['{name} 大小为 {size}，超过规划工作簿允许的 {limit}。', '请删除图片和无关的工作表，或拆分规划。'], es: ['{name} ocupa {size}, más de los {limit} permitidos para un libro de planificación.', 'Quite imágenes y hojas ajenas, o divida el plan.'] },
  csv: { en: ['{name} is a CSV or text file, not an Excel workbook.', 'saveAsXlsx'], zh: ['{name} 是 CSV 或文本文件，不是 Excel 工作簿。', 'saveAsXlsx'], es: ['{name} es un archivo CSV o de texto, no un libro de Excel.', 'saveAsXlsx'] },
  ods: { en: ['{name} is an OpenDocument spreadsheet (.ods), not an Excel workbook.', 'saveAsXlsx'], zh: ['{name} 是 OpenDocument 电子表格（.ods），不是 Excel 工作簿。', 'saveAsXlsx'], es: ['{name} es una hoja de cálculo OpenDocument (.ods), no un libro de Excel.', 'saveAsXlsx'] },
  xls: { en: ['{name} is a legacy Excel 97-2003 workbook (.xls); Rackpilot reads .xlsx.', 'saveAsXlsx'], zh: ['{name} 是旧版 Excel 97-2003 工作簿（.xls）；Rackpilot 只读取 .xlsx。', 'saveAsXlsx'], es: ['{name} es un libro antiguo de Excel 97-2003 (.xls); Rackpilot lee .xlsx.', 'saveAsXlsx'] },
  xlsb: { en: ['{name} is an Excel binary workbook (.xlsb); Rackpilot reads .xlsx.', 'saveAsXlsx'], zh: ['{name} 是 Excel 二进制工作簿（.xlsb）；Rackpilot 只读取 .xlsx。', 'saveAsXlsx'], es: ['{name} es un libro binario de Excel (.xlsb); Rackpilot lee .xlsx.', 'saveAsXlsx'] },
  encrypted: { en: ['{name} is password-protected (encrypted), so it cannot be read.', 'Open it in Excel, clear the password under File › Info › Protect Workbook › Encrypt with Password, and save.'], zh: ['{name} 受密码保护（已加密），无法读取。', '请在 Excel 中打开，在“文件 › 信息 › 保护工作簿 › 用密码进行加密”中清除密码后保存。'], es: ['{name} está protegido con contraseña (cifrado) y no se puede leer.', 'Ábralo en Excel, quite la contraseña en Archivo › Información › Proteger libro › Cifrar con contraseña, y guárdelo.'] },
  ole_other: { en: ['{name} is an Office binary (OLE2) file, not an Excel .xlsx workbook.', 'saveAsXlsx'], zh: ['{name} 是 Office 二进制（OLE2）文件，不是 Excel .xlsx 工作簿。', 'saveAsXlsx'], es: ['{name} es un archivo binario de Office (OLE2), no un libro .xlsx.', 'saveAsXlsx'] },
  not_zip: { en: ['{name} is not an Excel workbook (.xlsx): its content is not a ZIP package.', 'Choose the .xlsx file of the plan.'], zh: ['{name} 不是 Excel 工作簿（.xlsx）：其内容不是 ZIP 包。', '请选择规划的 .xlsx 文件。'], es: ['{name} no es un libro de Excel (.xlsx): su contenido no es un paquete ZIP.', 'Elija el archivo .xlsx del plan.'] },
  truncated: { en: ['{name} is truncated or damaged: the end of its ZIP package is missing.', 'copyAgain'], zh: ['{name} 不完整或已损坏：缺少 ZIP 包的结尾。', 'copyAgain'], es: ['{name} está truncado o dañado: falta el final de su paquete ZIP.', 'copyAgain'] },
  zip_corrupt: { en: ['{name} is damaged: its ZIP directory cannot be read ({reason}).', 'copyAgain'], zh: ['{name} 已损坏：无法读取其 ZIP 目录（{reason}）。', 'copyAgain'], es: ['{name} está dañado: no se puede leer su directorio ZIP ({reason}).', 'copyAgain'] },
  not_xlsx: { en: ['{name} is a ZIP file but not an Excel workbook (it has no xl/workbook.xml).', 'Choose the .xlsx file of the plan.'], zh: ['{name} 是 ZIP 文件，但不是 Excel 工作簿（缺少 xl/workbook.xml）。', '请选择规划的 .xlsx 文件。'], es: ['{name} es un ZIP pero no un libro de Excel (no tiene xl/workbook.xml).', 'Elija el archivo .xlsx del plan.'] },
  zip_encrypted: { en: ['{name} contains encrypted ZIP entries and cannot be read.', 'saveAsXlsx'], zh: ['{name} 含有加密的 ZIP 条目，无法读取。', 'saveAsXlsx'], es: ['{name} contiene entradas ZIP cifradas y no se puede leer.', 'saveAsXlsx'] },
  too_many_entries: { en: ['{name} has {count} parts, more than the {limit} a workbook may have.', 'bomb'], zh: ['{name} 含 {count} 个部件，超过允许的 {limit} 个。', 'bomb'], es: ['{name} tiene {count} partes, más de las {limit} permitidas.', 'bomb'] },
  bomb_total: { en: ['{name} would expand to {size}, more than the {limit} allowed; it may be a zip bomb.', 'bomb'], zh: ['{name} 解压后将达到 {size}，超过允许的 {limit}；可能是 ZIP 炸弹。', 'bomb'], es: ['{name} se expandiría a {size}, más de los {limit} permitidos; puede ser una bomba ZIP.', 'bomb'] },
  bomb_ratio: { en: ['{name} has a part ({entry}) compressed {ratio}:1, far beyond any real workbook; it may be a zip bomb.', 'bomb'], zh: ['{name} 中的部件（{entry}）压缩比为 {ratio}:1，远超正常工作簿；可能是 ZIP 炸弹。', 'bomb'], es: ['{name} tiene una parte ({entry}) comprimida {ratio}:1, muy por encima de un libro real; puede ser una bomba ZIP.', 'bomb'] },
  timeout: { en: ['Reading {name} took longer than {seconds} s and was stopped.', 'bomb'], zh: ['读取 {name} 超过 {seconds} 秒，已停止。', 'bomb'], es: ['La lectura de {name} tardó más de {seconds} s y se detuvo.', 'bomb'] },
  out_of_memory: { en: ['Reading {name} needed more than {limit} MB of memory and was stopped.', 'bomb'], zh: ['读取 {name} 需要超过 {limit} MB 内存，已停止。', 'bomb'], es: ['La lectura de {name} necesitó más de {limit} MB de memoria y se detuvo.', 'bomb'] },
  parse_failed: { en: ['{name} could not be read as an Excel workbook ({reason}).', 'saveAsXlsx'], zh: ['无法将 {name} 作为 Excel 工作簿读取（{reason}）。', 'saveAsXlsx'], es: ['{name} no se pudo leer como libro de Excel ({reason}).', 'saveAsXlsx'] },
} satisfies Record<string, Record<Lang, Text>>;

export type UnreadableReason = keyof typeof reasons;
const sharedHints: Record<string, Record<Lang, string>> = { saveAsXlsx, copyAgain, bomb };

export function unreadableText(reason: UnreadableReason, params: FindingParams, lang: Lang = 'en'): { title: string; hint: string } {
  const [title, hint] = reasons[reason][lang];
  return { title: fillTemplate(title, params), hint: fillTemplate(sharedHints[hint]?.[lang] ?? hint, params) };
}

export function unreadable(reason: UnreadableReason, params: FindingParams, lang: Lang = 'en', detail?: string): never {
  const { title, hint } = unreadableText(reason, params, lang);
  return fail('workbook_unreadable', title, detail === undefined ? { hint } : { hint, detail: detail.slice(0, 2000) });
}
