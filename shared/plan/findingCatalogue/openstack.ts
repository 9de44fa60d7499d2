import { defineFindingCodes } from './types';

/** Findings about the OpenStack sheets: slices and their topologies, zones, flavors, key pairs, security group rules. */
export const openstackCodes = defineFindingCodes({
  'keypair.name_unsafe': {
    severity: 'error',
    en: ['The key pair name {value} in {at} has characters Nova refuses: only letters, digits, spaces, _ and - may be used.', 'Rename it, for example to {suggestion}, here and where VMs or slices name it.'],
    zh: ['{at} 中的密钥对名称 {value} 含有 Nova 不接受的字符：只能使用字母、数字、空格、_ 和 -。', '请改名，例如改为 {suggestion}，并同时修改引用它的虚拟机和切片。'],
    es: ['El nombre de par de claves {value} en {at} tiene caracteres que Nova rechaza: solo se admiten letras, dígitos, espacios, _ y -.', 'Cámbielo, por ejemplo a {suggestion}, aquí y donde lo nombren VM o slices.'],
  },
  'slice.node_count': {
    severity: 'error',
    en: ['The slice {slice} in {at} has {count} nodes; a {topology} slice takes {min} to {max}.', 'Change Nodes (or the VM rows naming {slice}) to between {min} and {max}, or pick another topology.'],
    zh: ['{at} 中的切片 {slice} 有 {count} 个节点；{topology} 切片需要 {min} 到 {max} 个。', '请将节点数（或引用 {slice} 的虚拟机行）改为 {min} 到 {max} 之间，或选择其他拓扑。'],
    es: ['El slice {slice} en {at} tiene {count} nodos; un slice {topology} admite de {min} a {max}.', 'Cambie Nodos (o las filas de VM que nombran {slice}) a entre {min} y {max}, o elija otra topología.'],
  },
  'slice.nodes_mismatch': {
    severity: 'error',
    en: ['Nodes in {at} says {count}, but {rows} VM rows name the slice {slice}.', 'Leave Nodes empty to use the VM rows, or make it {rows}.'],
    zh: ['{at} 中的节点数为 {count}，但有 {rows} 个虚拟机行引用切片 {slice}。', '请将节点数留空以使用这些虚拟机行，或改为 {rows}。'],
    es: ['Nodos en {at} dice {count}, pero {rows} filas de VM nombran el slice {slice}.', 'Deje Nodos vacío para usar las filas de VM, o ponga {rows}.'],
  },
  'slice.no_nodes': {
    severity: 'error',
    en: ['The slice {slice} has no nodes: Nodes in {at} is empty and no VM row names it.', 'Fill in Nodes, or name {slice} in the Slice column of VM rows.'],
    zh: ['切片 {slice} 没有节点：{at} 中的节点数为空，且没有虚拟机行引用它。', '请填写节点数，或在虚拟机行的“切片”列中填写 {slice}。'],
    es: ['El slice {slice} no tiene nodos: Nodos en {at} está vacío y ninguna fila de VM lo nombra.', 'Rellene Nodos, o nombre {slice} en la columna Slice de filas de VM.'],
  },
  'slice.cidr_too_small': {
    severity: 'error',
    en: ['The link pool {value} in {at} cannot hold the {links} /29 links of the {topology} slice {slice}.', 'Use a /{prefix} or larger pool.'],
    zh: ['{at} 中的链路地址池 {value} 容纳不下 {topology} 切片 {slice} 的 {links} 条 /29 链路。', '请使用 /{prefix} 或更大的地址池。'],
    es: ['El conjunto de enlaces {value} en {at} no da para los {links} enlaces /29 del slice {topology} {slice}.', 'Use un conjunto /{prefix} o mayor.'],
  },
  'slice.management_too_small': {
    severity: 'error',
    en: ['The management network {value} in {at} has no room for {count} nodes from its .10 up.', 'Use a larger subnet: the last node takes the network address + {hosts}.'],
    zh: ['{at} 中的管理网络 {value} 从 .10 起放不下 {count} 个节点。', '请使用更大的子网：最后一个节点的地址为网络地址 + {hosts}。'],
    es: ['La red de gestión {value} en {at} no tiene sitio para {count} nodos desde la .10.', 'Use una subred mayor: el último nodo toma la dirección de red + {hosts}.'],
  },
  'slice.cidr_overlap': {
    severity: 'error',
    en: ['The subnet {value} in {at} overlaps {other} in {first}.', 'Give each slice network and each network its own address range.'],
    zh: ['{at} 中的子网 {value} 与 {first} 中的 {other} 重叠。', '请为每个切片网络和每个网络分配各自的地址范围。'],
    es: ['La subred {value} en {at} se solapa con {other} en {first}.', 'Dé a cada red de slice y a cada red su propio rango de direcciones.'],
  },
  'slice.ha_one_zone': {
    severity: 'error',
    en: ['The slice {slice} in {at} asks for HA, but only {zones} zone(s) can hold it.', 'Add a second availability zone for {endpoint} (Availability zones sheet or the Zones column), or set HA to no.'],
    zh: ['{at} 中的切片 {slice} 要求高可用，但只有 {zones} 个可用区可用。', '请为 {endpoint} 增加第二个可用区（可用区工作表或“可用区”列），或将高可用设为否。'],
    es: ['El slice {slice} en {at} pide HA, pero solo {zones} zona(s) pueden alojarlo.', 'Añada una segunda zona de disponibilidad para {endpoint} (hoja Zonas de disponibilidad o la columna Zonas), o ponga HA en no.'],
  },
  'slice.ha_zones_unknown': {
    severity: 'warning',
    en: ['The slice {slice} in {at} asks for HA, but the plan names no availability zone for {endpoint}.', 'Rackpilot spreads it over the zones the cloud lists when it deploys; list them on the Availability zones sheet to see the placement in Review.'],
    zh: ['{at} 中的切片 {slice} 要求高可用，但规划中没有 {endpoint} 的可用区。', 'Rackpilot 会在部署时按云上列出的可用区分布节点；在可用区工作表中列出它们，即可在审查中看到分布。'],
    es: ['El slice {slice} en {at} pide HA, pero el plan no nombra ninguna zona de disponibilidad para {endpoint}.', 'Rackpilot lo reparte entre las zonas que la nube lista al desplegar; enumérelas en la hoja Zonas de disponibilidad para ver el reparto en la revisión.'],
  },
  'slice.not_openstack': {
    severity: 'error',
    en: ['{field} in {at} names {value}, a {kind} endpoint; slices and their objects deploy onto OpenStack.', 'Name an endpoint whose Kind is openstack.'],
    zh: ['{at} 中的{field}引用了 {kind} 类型的端点 {value}；切片及其对象只能部署到 OpenStack。', '请填写类型为 openstack 的端点。'],
    es: ['{field} en {at} nombra {value}, un endpoint {kind}; los slices y sus objetos se despliegan en OpenStack.', 'Nombre un endpoint cuyo Tipo sea openstack.'],
  },
  'flavor.incomplete': {
    severity: 'error',
    en: ['The flavor {value} in {at} gives only some of vCPU, memory and disk.', 'Fill in all three to create or recommend a flavor, or none to use one the cloud has.'],
    zh: ['{at} 中的规格 {value} 只填写了 vCPU、内存和磁盘中的一部分。', '要创建或推荐规格请三项都填写；要使用云上已有的规格则都不填。'],
    es: ['El sabor {value} en {at} da solo parte de vCPU, memoria y disco.', 'Rellene los tres para crear o recomendar un sabor, o ninguno para usar uno de la nube.'],
  },
  'keypair.invalid': {
    severity: 'error',
    en: ['The public key in {at} is not an OpenSSH public key line.', 'Paste the whole line of the .pub file (ssh-ed25519 AAAA… comment), or name the file in Public key file.'],
    zh: ['{at} 中的公钥不是 OpenSSH 公钥行。', '请粘贴 .pub 文件的整行（ssh-ed25519 AAAA… 注释），或在“公钥文件”中填写文件名。'],
    es: ['La clave pública en {at} no es una línea de clave pública OpenSSH.', 'Pegue la línea entera del archivo .pub (ssh-ed25519 AAAA… comentario), o nombre el archivo en Archivo de clave pública.'],
  },
  'rule.ports_invalid': {
    severity: 'error',
    en: ['The ports “{value}” in {at} are not a port or range from 1 to 65535 for {protocol}.', 'Write 22 or 8000-8080 (lower first) for tcp or udp; leave it empty for icmp and any.'],
    zh: ['{at} 中的端口“{value}”不是适用于 {protocol} 的 1 到 65535 之间的端口或范围。', 'tcp 或 udp 请写 22 或 8000-8080（小的在前）；icmp 和 any 请留空。'],
    es: ['Los puertos «{value}» en {at} no son un puerto o rango de 1 a 65535 para {protocol}.', 'Escriba 22 u 8000-8080 (el menor primero) para tcp o udp; déjelo vacío para icmp y any.'],
  },
  'rule.remote_both': {
    severity: 'error',
    en: ['The rule in {at} names both a remote CIDR and a remote group.', 'Keep one of them: OpenStack takes either a CIDR or a group.'],
    zh: ['{at} 中的规则同时填写了远端 CIDR 和远端安全组。', '请只保留一个：OpenStack 只接受 CIDR 或安全组之一。'],
    es: ['La regla en {at} nombra a la vez un CIDR remoto y un grupo remoto.', 'Quédese con uno: OpenStack acepta un CIDR o un grupo.'],
  },
});
