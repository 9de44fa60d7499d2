import { defineFindingCodes } from './types';

/** Findings that need more than one value: addresses against subnets, references, files, secrets. */
export const planCodes = defineFindingCodes({
  'ip.duplicate': {
    severity: 'error',
    en: ['The IP address {value} in {at} is also used in {first}.', 'Give each machine its own address.'],
    zh: ['{at} 中的 IP 地址 {value} 也在 {first} 中使用。', '请为每台机器分配不同的地址。'],
    es: ['La dirección IP {value} en {at} también se usa en {first}.', 'Asigne a cada máquina su propia dirección.'],
  },
  'ip.outside_cidr': {
    severity: 'error',
    en: ['The IP address {value} in {at} is outside {network} ({cidr}).', 'Use an address inside {cidr}, or pick the right network.'],
    zh: ['{at} 中的 IP 地址 {value} 不在 {network}（{cidr}）内。', '请使用 {cidr} 内的地址，或选择正确的网络。'],
    es: ['La dirección IP {value} en {at} está fuera de {network} ({cidr}).', 'Use una dirección dentro de {cidr} o elija la red correcta.'],
  },
  'ip.network_address': {
    severity: 'error',
    en: ['The IP address {value} in {at} is the network address of {cidr}.', 'Use a host address between {first} and {last}.'],
    zh: ['{at} 中的 IP 地址 {value} 是 {cidr} 的网络地址。', '请使用 {first} 到 {last} 之间的主机地址。'],
    es: ['La dirección IP {value} en {at} es la dirección de red de {cidr}.', 'Use una dirección de host entre {first} y {last}.'],
  },
  'ip.broadcast_address': {
    severity: 'error',
    en: ['The IP address {value} in {at} is the broadcast address of {cidr}.', 'Use a host address between {first} and {last}.'],
    zh: ['{at} 中的 IP 地址 {value} 是 {cidr} 的广播地址。', '请使用 {first} 到 {last} 之间的主机地址。'],
    es: ['La dirección IP {value} en {at} es la dirección de difusión de {cidr}.', 'Use una dirección de host entre {first} y {last}.'],
  },
  'ip.is_gateway': {
    severity: 'error',
    en: ['The IP address {value} in {at} is the gateway of {network}.', 'Use another address; the gateway belongs to the router.'],
    zh: ['{at} 中的 IP 地址 {value} 是 {network} 的网关。', '请使用其他地址；网关地址属于路由器。'],
    es: ['La dirección IP {value} en {at} es la puerta de enlace de {network}.', 'Use otra dirección; la puerta de enlace pertenece al router.'],
  },
  'gateway.outside_cidr': {
    severity: 'error',
    en: ['The gateway {value} in {at} is outside its subnet {cidr}.', 'Use a gateway address inside {cidr}.'],
    zh: ['{at} 中的网关 {value} 不在其子网 {cidr} 内。', '请使用 {cidr} 内的网关地址。'],
    es: ['La puerta de enlace {value} en {at} está fuera de su subred {cidr}.', 'Use una puerta de enlace dentro de {cidr}.'],
  },
  'ref.unknown': {
    severity: 'error',
    en: ['{field} in {at} names “{value}”, which is not on sheet {target}.', 'Use a name from sheet {target}, or add a row for “{value}” there.', { suggestion: 'Did you mean “{suggestion}”?' }],
    zh: ['{at} 中的{field}引用了“{value}”，但工作表 {target} 中没有该名称。', '请使用工作表 {target} 中的名称，或在其中添加“{value}”。', { suggestion: '您是不是想写“{suggestion}”？' }],
    es: ['{field} en {at} nombra «{value}», que no está en la hoja {target}.', 'Use un nombre de la hoja {target} o añada allí una fila para «{value}».', { suggestion: '¿Quiso decir «{suggestion}»?' }],
  },
  'ref.wrong_kind': {
    severity: 'error',
    en: ['{field} in {at} names “{value}”, which is a {actual}, not a {expected}.', 'Pick a {expected} for this column.'],
    zh: ['{at} 中的{field}引用的“{value}”是{actual}，而不是{expected}。', '此列请选择{expected}。'],
    es: ['{field} en {at} nombra «{value}», que es un {actual}, no un {expected}.', 'Elija un {expected} para esta columna.'],
  },
  'ref.other_endpoint': {
    severity: 'warning',
    en: ['{field} in {at} names “{value}”, which belongs to endpoint {actual}, not {expected}.', 'Pick one defined for {expected}, or leave its endpoint empty to share it.'],
    zh: ['{at} 中的{field}引用的“{value}”属于端点 {actual}，而不是 {expected}。', '请选择属于 {expected} 的项，或将其端点留空以便共用。'],
    es: ['{field} en {at} nombra «{value}», que pertenece al endpoint {actual}, no a {expected}.', 'Elija uno definido para {expected}, o deje vacío su endpoint para compartirlo.'],
  },
  'jump.cycle': {
    severity: 'error',
    en: ['The jump hosts form a loop: {chain} ({at}).', 'Make the chain end at a host that is reached directly (empty “via”).'],
    zh: ['跳板机形成了循环：{chain}（{at}）。', '请让链路终止于可直接访问的主机（“经由”留空）。'],
    es: ['Los hosts de salto forman un bucle: {chain} ({at}).', 'Haga que la cadena termine en un host accesible directamente («vía» vacía).'],
  },
  'image.file_missing': {
    severity: 'error',
    en: ['The image file “{path}” named in {at} does not exist (looked in {resolved}).', 'Put the file next to the workbook (paths are relative to its folder) or correct the path.'],
    zh: ['{at} 中指定的镜像文件“{path}”不存在（查找位置：{resolved}）。', '请将文件放在工作簿旁（路径相对于工作簿所在文件夹），或更正路径。'],
    es: ['El archivo de imagen «{path}» indicado en {at} no existe (se buscó en {resolved}).', 'Ponga el archivo junto al libro (las rutas son relativas a su carpeta) o corrija la ruta.'],
  },
  'image.file_unreadable': {
    severity: 'error',
    en: ['The image file “{path}” named in {at} cannot be read: {reason}.', 'Check the file permissions and that it is a regular file.'],
    zh: ['无法读取 {at} 中指定的镜像文件“{path}”：{reason}。', '请检查文件权限，并确认它是普通文件。'],
    es: ['No se puede leer el archivo de imagen «{path}» indicado en {at}: {reason}.', 'Compruebe los permisos y que sea un archivo normal.'],
  },
  'image.sha256_mismatch': {
    severity: 'error',
    en: ['The SHA-256 of “{path}” is {actual}, but {at} expects {expected}.', 'The file is damaged or a different version: copy it again, or correct the checksum.'],
    zh: ['“{path}”的 SHA-256 为 {actual}，但 {at} 期望 {expected}。', '文件已损坏或版本不同：请重新复制，或更正校验和。'],
    es: ['El SHA-256 de «{path}» es {actual}, pero {at} espera {expected}.', 'El archivo está dañado o es otra versión: cópielo de nuevo o corrija la suma.'],
  },
  'image.no_file': {
    severity: 'error',
    en: ['The ISO image “{value}” ({at}) has no file.', 'Give the path of the ISO file, relative to the workbook.'],
    zh: ['ISO 镜像“{value}”（{at}）未指定文件。', '请填写 ISO 文件路径（相对于工作簿）。'],
    es: ['La imagen ISO «{value}» ({at}) no tiene archivo.', 'Indique la ruta del archivo ISO, relativa al libro.'],
  },
  'vmid.out_of_range': {
    severity: 'warning',
    en: ['VMID {value} in {at} is outside the {os} range {min}-{max}.', 'Use a VMID from {min} to {max} so machines of one OS stay together.'],
    zh: ['{at} 中的 VMID {value} 不在 {os} 的范围 {min}-{max} 内。', '请使用 {min} 到 {max} 之间的 VMID，使同一系统的虚拟机编号连续。'],
    es: ['El VMID {value} en {at} está fuera del rango de {os} {min}-{max}.', 'Use un VMID de {min} a {max} para que las máquinas de un mismo SO queden juntas.'],
  },
  'vmid.duplicate': {
    severity: 'error',
    en: ['VMID {value} in {at} is also used in {first} on the same endpoint.', 'Give every VM its own VMID, or leave it empty to let Rackpilot choose.'],
    zh: ['{at} 中的 VMID {value} 在同一端点的 {first} 中也被使用。', '请为每台虚拟机分配不同的 VMID，或留空由 Rackpilot 分配。'],
    es: ['El VMID {value} en {at} también se usa en {first} en el mismo endpoint.', 'Dé a cada VM su propio VMID o déjelo vacío para que Rackpilot lo elija.'],
  },
  'endpoint.kind_unsupported': {
    severity: 'warning',
    en: ['Endpoint {endpoint} in {at} is a {kind} endpoint, and this build has no {kind} provider: it is neither checked nor deployed onto.', 'This build supports: {supported}. Deploy this endpoint with a build that has a {kind} provider, or remove it and its VMs from the plan.'],
    zh: ['{at} 中的端点 {endpoint} 类型为 {kind}，而此版本没有 {kind} 提供程序：不会检查该端点，也不会向其部署。', '此版本支持：{supported}。请使用带有 {kind} 提供程序的版本部署该端点，或将其及其虚拟机从计划中移除。'],
    es: ['El endpoint {endpoint} en {at} es de tipo {kind} y esta versión no tiene proveedor {kind}: no se comprueba ni se despliega en él.', 'Esta versión admite: {supported}. Despliegue este endpoint con una versión que tenga proveedor {kind}, o quítelo del plan junto con sus VM.'],
  },
  'vmid.ignored': {
    severity: 'info',
    en: ['VMID {value} in {at} is ignored: endpoint {endpoint} is not Proxmox.', 'Clear the VMID, or move the VM to a Proxmox endpoint.'],
    zh: ['{at} 中的 VMID {value} 被忽略：端点 {endpoint} 不是 Proxmox。', '请清除 VMID，或将虚拟机放到 Proxmox 端点。'],
    es: ['El VMID {value} en {at} se ignora: el endpoint {endpoint} no es Proxmox.', 'Borre el VMID o mueva la VM a un endpoint Proxmox.'],
  },
  'secret.missing': {
    severity: 'error',
    en: ['{what} for {name} is missing ({at}).', 'Fill it in the workbook, or enter it in Rackpilot before the run.'],
    zh: ['{name} 缺少{what}（{at}）。', '请在工作簿中填写，或在运行前于 Rackpilot 中输入。'],
    es: ['Falta {what} de {name} ({at}).', 'Rellénelo en el libro o introdúzcalo en Rackpilot antes de la ejecución.'],
  },
  'password.weak': {
    severity: 'error',
    en: ['The password in {at} does not meet the policy: {policy}.', 'Choose a password that meets: {policy}.'],
    zh: ['{at} 中的密码不符合策略：{policy}。', '请设置符合以下要求的密码：{policy}。'],
    es: ['La contraseña en {at} no cumple la política: {policy}.', 'Elija una contraseña que cumpla: {policy}.'],
  },
  'script.no_body': {
    severity: 'error',
    en: ['Script “{value}” ({at}) has neither a body nor a file.', 'Write the commands in the body column or give a file path.'],
    zh: ['脚本“{value}”（{at}）既没有内容也没有文件。', '请在内容列填写命令，或填写文件路径。'],
    es: ['El script «{value}» ({at}) no tiene cuerpo ni archivo.', 'Escriba los comandos en la columna de cuerpo o indique una ruta de archivo.'],
  },
  'plan.nothing_to_deploy': {
    severity: 'error',
    en: ['There is nothing to deploy in {file}: its {vmSheet} and {imageSheet} sheets have no rows.', 'Fill in the {vmSheet} sheet (and the endpoints, networks and images it uses), save, and read the workbook again.'],
    zh: ['{file} 中没有可部署的内容：{vmSheet} 和 {imageSheet} 工作表都没有数据行。', '请填写 {vmSheet} 工作表（以及其用到的端点、网络和镜像），保存后重新读取工作簿。'],
    es: ['No hay nada que desplegar en {file}: sus hojas {vmSheet} e {imageSheet} no tienen filas.', 'Rellene la hoja {vmSheet} (y los endpoints, redes e imágenes que usa), guarde y vuelva a leer el libro.'],
  },
  'plan.no_deployable_endpoint': {
    severity: 'error',
    en: ['Nothing in this plan can be deployed by this build: its VMs and images go to {kinds} endpoints (the first in {at}), and this build has no provider for them.', 'This build deploys onto: {supported}. Use a build with a provider for {kinds}, or move the VMs to a supported endpoint.'],
    zh: ['此版本无法部署该规划中的任何内容：其虚拟机和镜像的目标是 {kinds} 端点（第一个在 {at}），而此版本没有相应的提供程序。', '此版本可部署到：{supported}。请使用带有 {kinds} 提供程序的版本，或将虚拟机移到受支持的端点。'],
    es: ['Esta versión no puede desplegar nada de este plan: sus VM e imágenes van a endpoints {kinds} (el primero en {at}) y esta versión no tiene proveedor para ellos.', 'Esta versión despliega en: {supported}. Use una versión con proveedor para {kinds} o mueva las VM a un endpoint admitido.'],
  },
  'plan.no_vms': {
    severity: 'info',
    en: ['The plan has no VMs.', 'Add rows to the VMs sheet to deploy machines.'],
    zh: ['规划中没有虚拟机。', '请在虚拟机工作表中添加行。'],
    es: ['El plan no tiene VM.', 'Añada filas a la hoja de VM para desplegar máquinas.'],
  },
});
