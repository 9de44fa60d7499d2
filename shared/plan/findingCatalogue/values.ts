import { defineFindingCodes } from './types';

/** Findings about one value: missing, wrong type or unit, bad format. */
export const valueCodes = defineFindingCodes({
  'value.required': {
    severity: 'error',
    en: ['{field} is required ({at} is empty).', 'Fill in {at}.'],
    zh: ['{field}为必填项（{at} 为空）。', '请填写 {at}。'],
    es: ['{field} es obligatorio ({at} está vacía).', 'Rellene {at}.'],
  },
  'value.not_number': {
    severity: 'error',
    en: ['{field} in {at} must be a number, not “{value}”.', 'Type a plain number such as 4.'],
    zh: ['{at} 中的{field}必须是数字，而不是“{value}”。', '请填写数字，例如 4。'],
    es: ['{field} en {at} debe ser un número, no «{value}».', 'Escriba un número, por ejemplo 4.'],
  },
  'value.not_integer': {
    severity: 'error',
    en: ['{field} in {at} must be a whole number, not {value}.', 'Remove the decimals.'],
    zh: ['{at} 中的{field}必须是整数，而不是 {value}。', '请去掉小数部分。'],
    es: ['{field} en {at} debe ser un número entero, no {value}.', 'Quite los decimales.'],
  },
  'value.out_of_range': {
    severity: 'error',
    en: ['{field} in {at} is {value}; it must be between {min} and {max}.', 'Use a value from {min} to {max}.'],
    zh: ['{at} 中的{field}为 {value}；必须介于 {min} 和 {max} 之间。', '请使用 {min} 到 {max} 之间的值。'],
    es: ['{field} en {at} es {value}; debe estar entre {min} y {max}.', 'Use un valor de {min} a {max}.'],
  },
  'value.not_in_list': {
    severity: 'error',
    en: ['{field} in {at} is “{value}”, which is not one of: {allowed}.', 'Choose one of: {allowed}.', { suggestion: 'Did you mean “{suggestion}”?' }],
    zh: ['{at} 中的{field}为“{value}”，不在以下取值中：{allowed}。', '请从以下取值中选择：{allowed}。', { suggestion: '您是不是想写“{suggestion}”？' }],
    es: ['{field} en {at} es «{value}», que no es ninguno de: {allowed}.', 'Elija uno de: {allowed}.', { suggestion: '¿Quiso decir «{suggestion}»?' }],
  },
  'value.bad_size': {
    severity: 'error',
    en: ['{field} in {at} is “{value}”, which is not a size Rackpilot understands.', 'Write a number with an optional unit: 8G, 8 GiB, 8192 MiB, 0.5 TiB (a bare number means {bareUnit}).'],
    zh: ['{at} 中的{field}为“{value}”，不是可识别的容量。', '请填写数字并可带单位：8G、8 GiB、8192 MiB、0.5 TiB（不带单位时按 {bareUnit} 计）。'],
    es: ['{field} en {at} es «{value}», que no es un tamaño que Rackpilot entienda.', 'Escriba un número con unidad opcional: 8G, 8 GiB, 8192 MiB, 0,5 TiB (un número solo significa {bareUnit}).'],
  },
  'value.bad_bool': {
    severity: 'error',
    en: ['{field} in {at} is “{value}”; expected yes or no.', 'Write yes/no (also true/false, 1/0, 是/否, sí/no).'],
    zh: ['{at} 中的{field}为“{value}”；应为“是”或“否”。', '请填写 是/否（也可用 yes/no、true/false、1/0）。'],
    es: ['{field} en {at} es «{value}»; se esperaba sí o no.', 'Escriba sí/no (también yes/no, true/false, 1/0).'],
  },
  'value.too_long': {
    severity: 'error',
    en: ['{field} in {at} is longer than {max} characters.', 'Shorten it to {max} characters or fewer.'],
    zh: ['{at} 中的{field}超过 {max} 个字符。', '请缩短到 {max} 个字符以内。'],
    es: ['{field} en {at} tiene más de {max} caracteres.', 'Acórtelo a {max} caracteres o menos.'],
  },
  'ip.invalid': {
    severity: 'error',
    en: ['{field} in {at} is “{value}”, which is not an IPv4 address.', 'Write four numbers 0-255 separated by dots, e.g. 10.0.20.11.'],
    zh: ['{at} 中的{field}为“{value}”，不是有效的 IPv4 地址。', '请填写以点分隔的四个 0-255 数字，例如 10.0.20.11。'],
    es: ['{field} en {at} es «{value}», que no es una dirección IPv4.', 'Escriba cuatro números 0-255 separados por puntos, p. ej. 10.0.20.11.'],
  },
  'cidr.invalid': {
    severity: 'error',
    en: ['{field} in {at} is “{value}”, which is not a subnet in CIDR form.', 'Write the network address and prefix length, e.g. 10.0.20.0/24.'],
    zh: ['{at} 中的{field}为“{value}”，不是 CIDR 格式的子网。', '请填写网络地址和前缀长度，例如 10.0.20.0/24。'],
    es: ['{field} en {at} es «{value}», que no es una subred en formato CIDR.', 'Escriba la dirección de red y la longitud del prefijo, p. ej. 10.0.20.0/24.'],
  },
  'cidr.host_bits': {
    severity: 'warning',
    en: ['The subnet {value} in {at} has host bits set; Rackpilot uses {network}.', 'Write the network address: {network}.'],
    zh: ['{at} 中的子网 {value} 含主机位；Rackpilot 将使用 {network}。', '请填写网络地址：{network}。'],
    es: ['La subred {value} en {at} tiene bits de host; Rackpilot usa {network}.', 'Escriba la dirección de red: {network}.'],
  },
  'fingerprint.invalid': {
    severity: 'error',
    en: ['The TLS fingerprint in {at} is neither a SHA-256 fingerprint nor a SHA-1 thumbprint.', 'Write 32 pairs of hex digits separated by colons (AB:CD:…), as the browser or `openssl x509 -fingerprint -sha256` shows it, or the 20 pairs of the SHA-1 thumbprint vCenter shows.'],
    zh: ['{at} 中的 TLS 指纹既不是 SHA-256 指纹，也不是 SHA-1 指纹。', '请填写以冒号分隔的 32 组十六进制数字（AB:CD:…），可从浏览器或 `openssl x509 -fingerprint -sha256` 获得；或填写 vCenter 显示的 20 组 SHA-1 指纹。'],
    es: ['La huella TLS en {at} no es una huella SHA-256 ni una huella SHA-1.', 'Escriba 32 pares de dígitos hexadecimales separados por dos puntos (AB:CD:…), como lo muestra el navegador o `openssl x509 -fingerprint -sha256`, o los 20 pares de la huella SHA-1 que muestra vCenter.'],
  },
  'sha256.invalid': {
    severity: 'error',
    en: ['The checksum in {at} is not a SHA-256 (64 hex digits).', 'Copy the output of `sha256sum FILE` (the first column).'],
    zh: ['{at} 中的校验和不是 SHA-256（64 位十六进制）。', '请复制 `sha256sum 文件` 输出的第一列。'],
    es: ['La suma de comprobación en {at} no es un SHA-256 (64 dígitos hexadecimales).', 'Copie la salida de `sha256sum ARCHIVO` (la primera columna).'],
  },
  'name.invalid': {
    severity: 'error',
    en: ['The {kind} name “{value}” in {at} is not DNS-safe.', 'Use letters, digits and hyphens only, starting and ending with a letter or digit.', { suggestion: 'For example “{suggestion}”.' }],
    zh: ['{at} 中的{kind}名称“{value}”不符合 DNS 命名规则。', '只能使用字母、数字和连字符，且以字母或数字开头和结尾。', { suggestion: '例如“{suggestion}”。' }],
    es: ['El nombre de {kind} «{value}» en {at} no es válido para DNS.', 'Use solo letras, dígitos y guiones, empezando y terminando con letra o dígito.', { suggestion: 'Por ejemplo «{suggestion}».' }],
  },
  'name.too_long': {
    severity: 'error',
    en: ['The {kind} name “{value}” in {at} has {length} characters; at most 63 are allowed.', 'Shorten the name to 63 characters or fewer.'],
    zh: ['{at} 中的{kind}名称“{value}”有 {length} 个字符；最多允许 63 个。', '请将名称缩短到 63 个字符以内。'],
    es: ['El nombre de {kind} «{value}» en {at} tiene {length} caracteres; se permiten 63 como máximo.', 'Acorte el nombre a 63 caracteres o menos.'],
  },
  'name.duplicate': {
    severity: 'error',
    en: ['The {kind} name “{value}” in {at} is already used in {first}.', 'Give every {kind} its own name.'],
    zh: ['{at} 中的{kind}名称“{value}”已在 {first} 中使用。', '每个{kind}必须使用不同的名称。'],
    es: ['El nombre de {kind} «{value}» en {at} ya se usa en {first}.', 'Dé a cada {kind} su propio nombre.'],
  },
  'vlan.out_of_range': {
    severity: 'error',
    en: ['The VLAN ID in {at} is {value}; it must be between 0 and 4094 (0 = untagged).', 'Use a VLAN ID from 0 to 4094.'],
    zh: ['{at} 中的 VLAN ID 为 {value}；必须介于 0 和 4094 之间（0 表示不打标签）。', '请使用 0 到 4094 之间的 VLAN ID。'],
    es: ['El ID de VLAN en {at} es {value}; debe estar entre 0 y 4094 (0 = sin etiqueta).', 'Use un ID de VLAN de 0 a 4094.'],
  },
});
