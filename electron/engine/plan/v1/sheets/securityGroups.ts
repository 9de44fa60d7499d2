import { ruleDirections, ruleProtocols } from '../../../../../shared/plan/model';
import type { SheetDef } from '../columnTypes';
import { endpointRefColumn, nameColumn, withoutExample } from './common';

const description = {
  field: 'description',
  header: { en: 'Description', zh: '描述', es: 'Descripción' },
  synonyms: ['notes', 'comment', '说明', '备注', 'notas'],
  type: { kind: 'string', maxLength: 255 },
  help: { en: 'Shown on the cloud.', zh: '显示在云上。', es: 'Se muestra en la nube.' },
} as const;

export const securityGroupsSheet: SheetDef = {
  key: 'securityGroups',
  name: { en: 'Security groups', zh: '安全组', es: 'Grupos de seguridad' },
  synonyms: ['secgroups', 'security group', 'firewall groups', '安全组规划', 'grupos de seguridad'],
  layout: 'table',
  required: false,
  keyField: 'name',
  list: 'securityGroups',
  help: {
    en: 'OpenStack security groups; their rules are on the Security group rules sheet.',
    zh: 'OpenStack 安全组；规则在“安全组规则”工作表中。',
    es: 'Grupos de seguridad de OpenStack; sus reglas están en la hoja Reglas de grupos de seguridad.',
  },
  columns: [nameColumn('ssh-web'), withoutExample(endpointRefColumn(false)), description],
};

export const securityGroupRulesSheet: SheetDef = {
  key: 'securityGroupRules',
  name: { en: 'Security group rules', zh: '安全组规则', es: 'Reglas de grupos de seguridad' },
  synonyms: ['secgroup rules', 'firewall rules', 'rules', '防火墙规则', 'reglas'],
  layout: 'table',
  required: false,
  keyField: 'group',
  list: 'securityGroupRules',
  help: {
    en: 'One rule per row; a group may have many.',
    zh: '每行一条规则；一个安全组可以有多条。',
    es: 'Una regla por fila; un grupo puede tener varias.',
  },
  columns: [
    {
      field: 'group',
      header: { en: 'Security group', zh: '安全组', es: 'Grupo de seguridad' },
      synonyms: ['group', 'secgroup', '组', 'grupo'],
      type: { kind: 'ref', sheet: 'securityGroups' },
      required: true,
      example: 'ssh-web',
      help: { en: 'Name of a row on the Security groups sheet.', zh: '安全组工作表中某行的名称。', es: 'Nombre de una fila de la hoja Grupos de seguridad.' },
    },
    {
      field: 'direction',
      header: { en: 'Direction', zh: '方向', es: 'Dirección' },
      synonyms: ['traffic direction', '流向', 'sentido'],
      type: { kind: 'enum', values: ruleDirections, aliases: { in: 'ingress', inbound: 'ingress', 入: 'ingress', 入站: 'ingress', out: 'egress', outbound: 'egress', 出站: 'egress', entrada: 'ingress', salida: 'egress' } },
      default: 'ingress',
      example: 'ingress',
      help: { en: 'ingress or egress; empty = ingress.', zh: 'ingress（入）或 egress（出）；留空为 ingress。', es: 'ingress o egress; vacío = ingress.' },
    },
    {
      field: 'protocol',
      header: { en: 'Protocol', zh: '协议', es: 'Protocolo' },
      synonyms: ['proto', '协议类型', 'protocolo ip'],
      type: { kind: 'enum', values: ruleProtocols, aliases: { all: 'any', '*': 'any', 任意: 'any', cualquiera: 'any' } },
      default: 'tcp',
      example: 'tcp',
      help: { en: 'tcp, udp, icmp or any; empty = tcp.', zh: 'tcp、udp、icmp 或 any；留空为 tcp。', es: 'tcp, udp, icmp o any; vacío = tcp.' },
    },
    {
      field: 'ports',
      header: { en: 'Ports', zh: '端口', es: 'Puertos' },
      synonyms: ['port', 'port range', '端口范围', 'rango de puertos'],
      type: { kind: 'string', maxLength: 11 },
      example: '22',
      help: { en: 'A port (22) or a range (8000-8080); empty = every port. tcp and udp only.', zh: '单个端口（22）或范围（8000-8080）；留空表示所有端口。仅 tcp 和 udp。', es: 'Un puerto (22) o un rango (8000-8080); vacío = todos. Solo tcp y udp.' },
    },
    {
      field: 'remoteCidr',
      header: { en: 'Remote CIDR', zh: '远端 CIDR', es: 'CIDR remoto' },
      synonyms: ['source', 'remote', 'remote ip prefix', 'cidr', '来源', '源地址', 'origen'],
      type: { kind: 'cidr' },
      example: '0.0.0.0/0',
      help: { en: 'Where traffic may come from (ingress) or go to (egress); empty = anywhere.', zh: '允许的来源（入）或目的地（出）；留空表示任意。', es: 'De dónde puede venir (ingress) o adónde ir (egress); vacío = cualquiera.' },
    },
    {
      field: 'remoteGroup',
      header: { en: 'Remote group', zh: '远端安全组', es: 'Grupo remoto' },
      synonyms: ['remote security group', 'source group', '来源安全组', 'grupo de origen'],
      type: { kind: 'ref', sheet: 'securityGroups' },
      help: { en: 'Instead of a CIDR: members of this security group.', zh: '代替 CIDR：该安全组的成员。', es: 'En lugar de un CIDR: los miembros de este grupo.' },
    },
    description,
  ],
};
