import { defineFindingCodes } from './types';

/** Findings about the vCenter guest customization columns of the VMs sheet. */
export const vsphereCodes = defineFindingCodes({
  'timezone.invalid': {
    severity: 'error',
    en: ['The time zone "{value}" in {at} does not fit a {os} VM.', 'Linux takes a tz database name (Europe/Madrid, UTC); Windows takes Microsoft’s time zone index (85 = GMT, 105 = Romance).'],
    zh: ['{at} 中的时区“{value}”不适用于 {os} 虚拟机。', 'Linux 使用 tz 数据库名称（Asia/Shanghai、UTC）；Windows 使用微软时区编号（85 = GMT，210 = 中国）。'],
    es: ['La zona horaria "{value}" en {at} no sirve para una VM {os}.', 'Linux usa un nombre de la base tz (Europe/Madrid, UTC); Windows usa el índice de zona de Microsoft (85 = GMT, 105 = Romance).'],
  },
  'productkey.invalid': {
    severity: 'error',
    en: ['The Windows product key in {at} is not five groups of five letters or digits.', 'Write it as XXXXX-XXXXX-XXXXX-XXXXX-XXXXX, or leave it empty for a volume-licensed template.'],
    zh: ['{at} 中的 Windows 产品密钥不是五组、每组五个字母或数字。', '请写成 XXXXX-XXXXX-XXXXX-XXXXX-XXXXX，批量授权模板可留空。'],
    es: ['La clave de producto de Windows en {at} no son cinco grupos de cinco letras o dígitos.', 'Escríbala como XXXXX-XXXXX-XXXXX-XXXXX-XXXXX, o déjela vacía para una plantilla con licencia por volumen.'],
  },
});
