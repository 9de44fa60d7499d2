import { nodeOf, params, text, type HandlerDef } from './common';
import { nodeMemory } from './views';

/** GET /nodes/{node}/status (memory and rootfs in bytes). */
export const nodeStatus: HandlerDef = params(({ lab, params: p }) => {
  const node = lab.cluster.node(nodeOf(p));
  const memory = nodeMemory(lab, node);
  const uptime = Math.floor((Date.now() - node.bootedAt) / 1000);
  return {
    uptime,
    cpu: 0.03,
    wait: 0,
    loadavg: ['0.21', '0.18', '0.12'],
    cpuinfo: { cpus: node.cpus, cores: node.cpus / 2, sockets: 1, model: node.cpuModel, mhz: '2400.000', hvm: '1', user_hz: 100 },
    memory: { total: memory.total, used: memory.used, free: memory.free, available: memory.free },
    swap: { total: 8 * 2 ** 30, used: 0, free: 8 * 2 ** 30 },
    ksm: { shared: 0 },
    rootfs: { total: node.rootfsTotal, used: node.rootfsUsed, free: node.rootfsTotal - node.rootfsUsed, avail: node.rootfsTotal - node.rootfsUsed },
    idle: 0,
    pveversion: `pve-manager/${lab.settings.version.version}/${lab.settings.version.repoid}`,
    kversion: 'Linux 6.14.11-4-pve #1 SMP PREEMPT_DYNAMIC PMX 6.14.11-4',
    'current-kernel': { sysname: 'Linux', release: '6.14.11-4-pve', version: '#1 SMP PREEMPT_DYNAMIC PMX 6.14.11-4', machine: 'x86_64' },
    'boot-info': { mode: 'efi', secureboot: 0 },
  };
});

const bridgeTypes = new Set(['bridge', 'any_bridge', 'any_local_bridge']);

/** GET /nodes/{node}/network: the physical NICs and the bridges on them. */
export const nodeNetwork: HandlerDef = params(({ lab, params: p }) => {
  const node = lab.cluster.node(nodeOf(p));
  const type = text(p, 'type');
  const out: Record<string, unknown>[] = [];
  node.bridges.forEach((bridge, index) => {
    const eth = { iface: bridge.ports, type: 'eth', active: 1, exists: 1, method: 'manual', method6: 'manual', families: ['inet'], priority: index * 2 + 1 };
    const record: Record<string, unknown> = {
      iface: bridge.iface, type: 'bridge', active: 1, autostart: 1, bridge_ports: bridge.ports, bridge_stp: 'off', bridge_fd: '0',
      method: bridge.cidr ? 'static' : 'manual', method6: 'manual', families: ['inet'], priority: index * 2 + 2,
    };
    if (bridge.vlanAware) Object.assign(record, { bridge_vlan_aware: 1, bridge_vids: '2-4094' });
    if (bridge.cidr) {
      const [address, prefix] = bridge.cidr.split('/');
      Object.assign(record, { cidr: bridge.cidr, address, netmask: prefix });
    }
    if (bridge.gateway) record.gateway = bridge.gateway;
    if (!type || type === 'eth') out.push(eth);
    if (!type || bridgeTypes.has(type)) out.push(record);
  });
  return out;
});
