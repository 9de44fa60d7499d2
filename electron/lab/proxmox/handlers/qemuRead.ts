import { pveFail } from '../reply';
import { cloudInitAddress, isTemplate, macOf } from '../state/vmConfig';
import { nodeOf, params, text, vmidOf, type HandlerDef } from './common';
import { vmRecord } from './views';

/** GET /nodes/{node}/qemu */
export const listVms: HandlerDef = params(({ lab, params: p }) => {
  lab.cluster.node(nodeOf(p));
  return lab.cluster.vmsOn(nodeOf(p)).map((vm) => vmRecord(lab, vm));
});

/** GET /nodes/{node}/qemu/{vmid}/config: the config plus its `digest`; the password stays hidden. */
export const getConfig: HandlerDef = params(({ lab, params: p }) => {
  const vm = lab.cluster.vm(nodeOf(p), vmidOf(p));
  const snapshot = text(p, 'snapshot');
  if (snapshot !== undefined) throw pveFail(`snapshot '${snapshot}' does not exist`);
  const config: Record<string, unknown> = { ...vm.config, digest: lab.cluster.digest(vm) };
  if (config.cipassword !== undefined) config.cipassword = '**********';
  // Integer and boolean options come back as JSON numbers; property strings (memory, agent) stay strings.
  for (const key of ['cores', 'sockets', 'template', 'onboot', 'balloon', 'vcpus', 'cpuunits']) {
    if (typeof config[key] === 'string' && /^\d+$/.test(config[key] as string)) config[key] = Number(config[key]);
  }
  return config;
});

/** GET /nodes/{node}/qemu/{vmid}/status/current */
export const currentStatus: HandlerDef = params(({ lab, params: p }) => {
  const vm = lab.cluster.vm(nodeOf(p), vmidOf(p));
  const record = vmRecord(lab, vm);
  return {
    ...record,
    qmpstatus: vm.power.kind === 'paused' ? 'paused' : vm.power.kind,
    agent: vm.config.agent && /^(1|enabled=1)/.test(vm.config.agent) ? 1 : 0,
    ha: vm.ha ? { managed: 1, state: vm.power.kind === 'stopped' ? 'stopped' : 'started', group: null } : { managed: 0 },
    'running-machine': vm.power.kind === 'stopped' ? undefined : 'pc-i440fx-9.2+pve1',
    'running-qemu': vm.power.kind === 'stopped' ? undefined : '9.2.0',
  };
});

/**
 * GET .../agent/network-get-interfaces: once the VM has run for
 * `latency.guestAgentMs`, the agent reports lo and eth0 with the address
 * cloud-init configured from ipconfig0.
 */
export const agentInterfaces: HandlerDef = params(({ lab, params: p }) => {
  const vm = lab.cluster.vm(nodeOf(p), vmidOf(p));
  if (vm.power.kind === 'stopped') throw pveFail(`VM ${vm.vmid} is not running`);
  if (!vm.config.agent || !/^(1|enabled=1)/.test(vm.config.agent)) throw pveFail('No QEMU guest agent configured');
  if (isTemplate(vm.config) || Date.now() - vm.power.since < lab.settings.latency.guestAgentMs || vm.power.kind === 'paused') {
    throw pveFail('QEMU guest agent is not running');
  }
  const interfaces: Record<string, unknown>[] = [
    {
      name: 'lo',
      'hardware-address': '00:00:00:00:00:00',
      'ip-addresses': [{ 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4', prefix: 8 }, { 'ip-address': '::1', 'ip-address-type': 'ipv6', prefix: 128 }],
      statistics: { 'rx-bytes': 0, 'rx-packets': 0, 'tx-bytes': 0, 'tx-packets': 0, 'rx-errs': 0, 'tx-errs': 0, 'rx-dropped': 0, 'tx-dropped': 0 },
    },
  ];
  for (let index = 0; index < 32; index += 1) {
    const mac = macOf(vm.config[`net${index}`]);
    if (!mac) continue;
    const address = cloudInitAddress(vm.config, index, vm.vmid);
    interfaces.push({
      name: `eth${index}`,
      'hardware-address': mac.toLowerCase(),
      'ip-addresses': address ? [{ 'ip-address': address.ip, 'ip-address-type': address.ip.includes(':') ? 'ipv6' : 'ipv4', prefix: address.prefix }] : [],
      statistics: { 'rx-bytes': 1024, 'rx-packets': 12, 'tx-bytes': 2048, 'tx-packets': 20, 'rx-errs': 0, 'tx-errs': 0, 'rx-dropped': 0, 'tx-dropped': 0 },
    });
  }
  return { result: interfaces };
});
