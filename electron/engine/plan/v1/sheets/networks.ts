import type { ColumnDef, SheetDef } from '../columnTypes';
import { endpointRefColumn, nameColumn } from './common';

function backing(field: string, header: ColumnDef['header'], synonyms: readonly string[], platform: ColumnDef['help']): ColumnDef {
  return { field, header, synonyms, type: { kind: 'string', maxLength: 255 }, help: platform };
}

export const networksSheet: SheetDef = {
  key: 'networks',
  name: { en: 'Networks', zh: '网络', es: 'Redes' },
  synonyms: ['network', 'vlans', '网络规划', 'red'],
  layout: 'table',
  required: false,
  keyField: 'name',
  list: 'networks',
  help: {
    en: 'Subnets VMs attach to, with the platform object that carries each (bridge, port group, vDS, Neutron network).',
    zh: '虚拟机连接的子网，以及承载它的平台对象（网桥、端口组、vDS、Neutron 网络）。',
    es: 'Subredes a las que se conectan las VM, con el objeto de la plataforma que las lleva.',
  },
  columns: [
    nameColumn('mgmt', ['network', 'network name', '网络名称', 'red', 'nombre de red']),
    endpointRefColumn(false),
    {
      field: 'vlan',
      header: { en: 'VLAN', zh: 'VLAN', es: 'VLAN' },
      synonyms: ['vlan id', 'vlan tag', 'tag', 'vlanid', 'vlan 号'],
      type: { kind: 'int' },
      default: 0,
      example: 20,
      help: { en: '0-4094; 0 or empty = untagged.', zh: '0-4094；0 或留空表示不打标签。', es: '0-4094; 0 o vacío = sin etiqueta.' },
    },
    {
      field: 'cidr',
      header: { en: 'Subnet (CIDR)', zh: '子网 (CIDR)', es: 'Subred (CIDR)' },
      synonyms: ['cidr', 'subnet', 'subnetwork', 'network address', '子网', '网段', 'subred'],
      type: { kind: 'cidr' },
      example: '10.0.20.0/24',
      help: { en: 'Network address and prefix, e.g. 10.0.20.0/24.', zh: '网络地址和前缀，例如 10.0.20.0/24。', es: 'Dirección de red y prefijo, p. ej. 10.0.20.0/24.' },
    },
    {
      field: 'gateway',
      header: { en: 'Gateway', zh: '网关', es: 'Puerta de enlace' },
      synonyms: ['gw', 'default gateway', '默认网关', 'pasarela', 'gateway ip'],
      type: { kind: 'ip' },
      example: '10.0.20.1',
      help: { en: 'Inside the subnet.', zh: '必须在子网内。', es: 'Dentro de la subred.' },
    },
    {
      field: 'dns',
      header: { en: 'DNS', zh: 'DNS', es: 'DNS' },
      synonyms: ['dns servers', 'nameservers', 'name servers', 'dns 服务器', '域名服务器', 'servidores dns'],
      type: { kind: 'list' },
      default: [],
      example: '10.0.0.53, 10.0.0.54',
      help: { en: 'Comma-separated IP addresses.', zh: '以逗号分隔的 IP 地址。', es: 'Direcciones IP separadas por comas.' },
    },
    backing('bridge', { en: 'Bridge', zh: '网桥', es: 'Puente' }, ['linux bridge', 'vmbr', 'puente linux'], {
      en: 'Proxmox bridge (vmbr0).',
      zh: 'Proxmox 网桥（vmbr0）。',
      es: 'Puente de Proxmox (vmbr0).',
    }),
    backing('portGroup', { en: 'Port group', zh: '端口组', es: 'Grupo de puertos' }, ['portgroup', 'distributed port group', 'dvportgroup', '分布式端口组'], {
      en: 'vSphere port group.',
      zh: 'vSphere 端口组。',
      es: 'Grupo de puertos de vSphere.',
    }),
    backing('vds', { en: 'vDS', zh: '虚拟交换机', es: 'vDS' }, ['distributed switch', 'virtual switch', 'vswitch', 'dvs', '分布式交换机', 'conmutador virtual'], {
      en: 'vSphere or SmartX virtual distributed switch.',
      zh: 'vSphere 或 SmartX 分布式虚拟交换机。',
      es: 'Conmutador distribuido de vSphere o SmartX.',
    }),
    backing('neutronNetwork', { en: 'Neutron network', zh: 'Neutron 网络', es: 'Red de Neutron' }, ['neutron', 'openstack network', 'openstack 网络', 'red openstack'], {
      en: 'OpenStack network name or ID.',
      zh: 'OpenStack 网络名称或 ID。',
      es: 'Nombre o ID de la red de OpenStack.',
    }),
  ],
};
