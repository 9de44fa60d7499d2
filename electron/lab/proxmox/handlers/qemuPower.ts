import type { LabContext } from '../context';
import { pveFail } from '../reply';
import type { LabVm } from '../state/model';
import { isTemplate, vmMemoryBytes } from '../state/vmConfig';
import { flag, nodeOf, params, taskUser, vmidOf, type HandlerDef, type Params } from './common';
import { nodeMemory } from './views';

/** Checks made inside the worker, as qemu-server does after taking the config lock. */
function checkLock(vm: LabVm, p: Params): void {
  if (vm.config.lock && !flag(p, 'skiplock')) throw new Error(`VM is locked (${vm.config.lock})`);
}

function powerTask(type: string, work: (lab: LabContext, vm: LabVm, p: Params, log: (line: string) => void) => void): HandlerDef {
  return params(({ lab, params: p, principal }) => {
    const vm = lab.cluster.vm(nodeOf(p), vmidOf(p));
    if (type === 'qmstart' && isTemplate(vm.config)) throw pveFail("you can't start a vm if it's a template");
    return lab.startTask({
      node: vm.node,
      type,
      id: String(vm.vmid),
      user: taskUser(principal),
      work: async (task) => {
        await task.wait();
        const current = lab.cluster.vm(vm.node, vm.vmid);
        checkLock(current, p);
        work(lab, current, p, (line) => task.log(line));
      },
    });
  });
}

/** POST .../status/start: fails when the VM runs already or the node lacks the memory. */
export const startVm = powerTask('qmstart', (lab, vm, _p, log) => {
  if (vm.power.kind !== 'stopped') throw new Error(`VM ${vm.vmid} already running`);
  const node = lab.cluster.node(vm.node);
  for (const [key, value] of Object.entries(vm.config)) {
    const bridge = /^net\d+$/.test(key) ? /(?:^|,)bridge=([^,]+)/.exec(value)?.[1] : undefined;
    if (bridge && !node.bridges.some((candidate) => candidate.iface === bridge)) throw new Error(`bridge '${bridge}' does not exist`);
  }
  if (nodeMemory(lab, node).free < vmMemoryBytes(vm.config)) {
    log("kvm: cannot set up guest memory 'pc.ram': Cannot allocate memory");
    throw new Error('start failed: QEMU exited with code 1');
  }
  if (vm.config.ide2?.includes('cloudinit')) log('generating cloud-init ISO');
  vm.power = { kind: 'running', since: Date.now(), pid: lab.cluster.allocatePid() };
});

/** POST .../status/shutdown: ACPI shutdown; a paused guest cannot react unless forceStop. */
export const shutdownVm = powerTask('qmshutdown', (_lab, vm, p) => {
  if (vm.power.kind === 'stopped') throw new Error(`VM ${vm.vmid} not running`);
  if (vm.power.kind === 'paused' && !flag(p, 'forceStop')) throw new Error('VM is paused - cannot shutdown');
  vm.power = { kind: 'stopped' };
});

/** POST .../status/stop: hard stop; stopping a stopped VM succeeds. */
export const stopVm = powerTask('qmstop', (_lab, vm) => {
  vm.power = { kind: 'stopped' };
});

/** POST .../status/suspend: pause in RAM, or hibernate to disk with `todisk`. */
export const suspendVm = powerTask('qmsuspend', (_lab, vm, p) => {
  if (vm.power.kind === 'stopped') throw new Error(`VM ${vm.vmid} not running`);
  if (flag(p, 'todisk')) {
    vm.power = { kind: 'stopped' };
    vm.config.lock = 'suspended';
    return;
  }
  vm.power = { kind: 'paused', since: vm.power.since, pid: vm.power.pid };
});
