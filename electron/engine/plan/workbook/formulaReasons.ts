import type { Lang } from '../../../../shared/plan/findingCodes';
import type { UnsupportedReason } from './formula';

/** Why a formula could not be evaluated, in words for the `formula.unevaluated` finding. */
const texts: Record<UnsupportedReason['kind'], Record<Lang, string>> = {
  function: { en: 'the function {name} is not supported', zh: '不支持函数 {name}', es: 'la función {name} no está soportada' },
  operator: { en: 'the operator {name} is not supported', zh: '不支持运算符 {name}', es: 'el operador {name} no está soportado' },
  range: { en: 'cell ranges are not supported', zh: '不支持单元格区域', es: 'los rangos de celdas no están soportados' },
  name: { en: '“{name}” is not a cell address', zh: '“{name}”不是单元格地址', es: '«{name}» no es una dirección de celda' },
  sheet: { en: 'the sheet “{name}” does not exist', zh: '工作表“{name}”不存在', es: 'la hoja «{name}» no existe' },
  cycle: { en: 'it refers to itself', zh: '公式引用了自身', es: 'se refiere a sí misma' },
  syntax: { en: 'it is not written the way Rackpilot can read', zh: '公式写法无法解析', es: 'no está escrita de una forma que Rackpilot pueda leer' },
};

export function describeReason(reason: UnsupportedReason, lang: Lang): string {
  const template = texts[reason.kind][lang];
  return 'name' in reason ? template.replace('{name}', reason.name) : template;
}
