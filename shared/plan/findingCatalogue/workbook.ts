import { defineFindingCodes } from './types';

/** Findings about the file, its sheets, header rows and raw cells. */
export const workbookCodes = defineFindingCodes({
  'workbook.no_profile': {
    severity: 'error',
    en: ['This workbook is neither a Rackpilot plan nor a SmartX planning workbook (sheets: {sheets}).', 'Start from the template (`rackpilot template`) or choose the profile explicitly.'],
    zh: ['此工作簿既不是 Rackpilot 规划表，也不是 SmartX 规划设计表（工作表：{sheets}）。', '请从模板（`rackpilot template`）开始，或明确指定导入配置。'],
    es: ['Este libro no es un plan de Rackpilot ni un libro de planificación de SmartX (hojas: {sheets}).', 'Parta de la plantilla (`rackpilot template`) o elija el perfil explícitamente.'],
  },
  'workbook.sheet_missing': {
    severity: 'error',
    en: ['The sheet “{name}” is missing.', 'Add a sheet named {names}, with its header row.'],
    zh: ['缺少工作表“{name}”。', '请添加名为 {names} 的工作表，并包含表头行。'],
    es: ['Falta la hoja «{name}».', 'Añada una hoja llamada {names}, con su fila de encabezados.'],
  },
  'workbook.sheet_hidden': {
    severity: 'info',
    en: ['Sheet {sheet} is hidden; Rackpilot reads it like any other sheet.', 'Unhide it in Excel if you want to review what will be deployed.'],
    zh: ['工作表 {sheet} 已隐藏；Rackpilot 仍会照常读取。', '如需检查将要部署的内容，请在 Excel 中取消隐藏。'],
    es: ['La hoja {sheet} está oculta; Rackpilot la lee como cualquier otra.', 'Muéstrela en Excel si quiere revisar lo que se va a desplegar.'],
  },
  'workbook.sheet_ignored': {
    severity: 'info',
    en: ['Sheet {sheet} is not part of the plan and was ignored.', 'Nothing to do if it holds your own notes.'],
    zh: ['工作表 {sheet} 不属于规划内容，已忽略。', '如果是您自己的备注，无需处理。'],
    es: ['La hoja {sheet} no forma parte del plan y se ha ignorado.', 'No hace falta hacer nada si contiene sus propias notas.'],
  },
  'cell.truncated': {
    severity: 'warning',
    en: ['Cell {at} holds {length} characters; Rackpilot kept only the first {limit}.', 'Shorten the text, or move long scripts into a file referenced by path.'],
    zh: ['单元格 {at} 含 {length} 个字符；Rackpilot 只保留前 {limit} 个。', '请缩短文本，或将长脚本放入文件并按路径引用。'],
    es: ['La celda {at} contiene {length} caracteres; Rackpilot solo conservó los primeros {limit}.', 'Acorte el texto o mueva los scripts largos a un archivo referenciado por ruta.'],
  },
  'cell.error_value': {
    severity: 'warning',
    en: ['Cell {at} shows the Excel error {value}; it is read as empty.', 'Fix the formula or type the value.'],
    zh: ['单元格 {at} 显示 Excel 错误 {value}；按空值处理。', '请修正公式或直接填写数值。'],
    es: ['La celda {at} muestra el error de Excel {value}; se lee como vacía.', 'Corrija la fórmula o escriba el valor.'],
  },
  'formula.unevaluated': {
    severity: 'error',
    en: ['Cell {at} holds the formula ={formula} with no saved result, and Rackpilot cannot evaluate it ({reason}).', 'Open and save the workbook in Excel or LibreOffice so the result is stored, or type the value instead of the formula.'],
    zh: ['单元格 {at} 含公式 ={formula}，但没有保存计算结果，Rackpilot 无法计算它（{reason}）。', '请用 Excel 或 LibreOffice 打开并保存工作簿以保存计算结果，或直接填写数值代替公式。'],
    es: ['La celda {at} contiene la fórmula ={formula} sin resultado guardado y Rackpilot no puede evaluarla ({reason}).', 'Abra y guarde el libro en Excel o LibreOffice para que se guarde el resultado, o escriba el valor en lugar de la fórmula.'],
  },
  'header.not_found': {
    severity: 'error',
    en: ['No header row found in the first {rows} rows of sheet {sheet}.', 'Put a header row with at least the columns {required} above the data.'],
    zh: ['在工作表 {sheet} 的前 {rows} 行中找不到表头行。', '请在数据上方放置表头行，至少包含以下列：{required}。'],
    es: ['No se encontró la fila de encabezados en las primeras {rows} filas de la hoja {sheet}.', 'Ponga encima de los datos una fila de encabezados con al menos las columnas {required}.'],
  },
  'header.column_missing': {
    severity: 'error',
    en: ['Sheet {sheet} has no column “{column}”, which is required.', 'Add a column headed {names}.'],
    zh: ['工作表 {sheet} 缺少必需的列“{column}”。', '请添加表头为 {names} 的列。'],
    es: ['La hoja {sheet} no tiene la columna obligatoria «{column}».', 'Añada una columna con el encabezado {names}.'],
  },
  'header.column_unknown': {
    severity: 'info',
    en: ['Column “{header}” ({at}) is not part of the format and was ignored.', 'Nothing to do if it holds your own notes; otherwise check its spelling against the template.', { suggestion: 'Did you mean “{suggestion}”?' }],
    zh: ['列“{header}”（{at}）不属于规划格式，已忽略。', '如果是您自己的备注，无需处理；否则请对照模板检查拼写。', { suggestion: '您是不是想写“{suggestion}”？' }],
    es: ['La columna «{header}» ({at}) no forma parte del formato y se ha ignorado.', 'Si contiene sus notas, no hace falta hacer nada; si no, compruebe cómo se escribe en la plantilla.', { suggestion: '¿Quiso decir «{suggestion}»?' }],
  },
  'header.column_duplicate': {
    severity: 'warning',
    en: ['Column “{header}” appears twice in sheet {sheet}; Rackpilot uses the one in column {first}.', 'Delete or rename the duplicate column.'],
    zh: ['列“{header}”在工作表 {sheet} 中出现了两次；Rackpilot 使用第 {first} 列。', '请删除或重命名重复的列。'],
    es: ['La columna «{header}» aparece dos veces en la hoja {sheet}; Rackpilot usa la de la columna {first}.', 'Elimine o renombre la columna duplicada.'],
  },
  'row.no_key': {
    severity: 'info',
    en: ['Row {row} ({at}) has values but no {column}; it was skipped.', 'Fill in the {column} to include the row, or clear it.'],
    zh: ['第 {row} 行（{at}）有内容但缺少{column}；已跳过。', '请填写{column}以包含该行，或清空该行。'],
    es: ['La fila {row} ({at}) tiene valores pero no {column}; se ha omitido.', 'Rellene {column} para incluir la fila, o vacíela.'],
  },
});
