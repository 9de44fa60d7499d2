import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { say } from '../../../shared/i18n/engineText';
import { testEndpoint, testNetwork, testPlan, testVm } from '../../engine/providers/proxmox/planTestKit';
import { vmidRangeFor } from '../../engine/providers/proxmox/vmids';
import { runPlan, startRehearsal, type Rehearsal } from './harness';

const signal = new AbortController().signal;
const sshKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHv+demo/key= ops@laptop';

let rehearsal: Rehearsal | null = null;
afterEach(async () => {
  await rehearsal?.close();
  rehearsal = null;
});

type Config = Record<string, string | number>;

describe('deploying a plan on the 3-node lab with faults', () => {
  it('puts every VM on a healthy node with its config, leaves nothing behind and uses no VMID twice', async () => {
    rehearsal = await startRehearsal({
      faults: [
        // pve1's Ubuntu and CentOS templates are busy with other clones for a while.
        { kind: 'cloneLocked', vmid: 9000, count: 3 },
        { kind: 'cloneLocked', vmid: 9001, count: 2 },
        { kind: 'nodeOutOfMemory', node: 'pve2' },
        { kind: 'nodeDown', node: 'pve3' },
      ],
    });
    writeFileSync(join(rehearsal.dir, 'ops.pub'), `${sshKey}\n`);
    const plan = testPlan({
      endpoints: [testEndpoint({ ...rehearsal.endpoint })],
      networks: [testNetwork({ name: 'prod', vlan: 20, bridge: 'vmbr1', cidr: '10.0.20.0/24', gateway: '10.0.20.1', dns: ['10.0.0.2', '10.0.0.3'] })],
      vms: [
        testVm({ name: 'web-01', placement: ['pve3', 'pve2'], ip: '10.0.20.11', vcpu: 4, memoryMiB: 4096, diskGiB: 24, sshKeyPath: 'ops.pub', password: 'Cloud-Init-1' }),
        testVm({ name: 'web-02', placement: ['pve2'], ip: '10.0.20.12/24' }),
        testVm({ name: 'db-01', os: 'centos', placement: ['pve1'], ip: '10.0.20.21', memoryMiB: 8192, diskGiB: 8 }),
        testVm({ name: 'win-01', os: 'windows', placement: ['pve2', 'pve3'], vmid: 3500, network: 'prod' }),
      ],
    });

    const result = await runPlan(rehearsal, plan, 'run-faults');

    expect(Object.fromEntries([...result.finalStates].map(([id, entry]) => [id, entry.state]))).toEqual({
      'vm.create:web-01': 'succeeded',
      'vm.create:web-02': 'succeeded',
      'vm.create:db-01': 'succeeded',
      'vm.create:win-01': 'succeeded',
    });
    expect(result.outcome).toBe('succeeded');

    const snapshot = rehearsal.lab.proxmox.snapshot();
    const deployed = snapshot.vms.filter((vm) => !vm.template);
    expect(deployed.map((vm) => vm.name).sort()).toEqual(['db-01', 'web-01', 'web-02', 'win-01']);
    // pve2 has no memory and pve3 is down: everything lands on pve1, running, unlocked.
    for (const vm of deployed) expect(vm).toMatchObject({ node: 'pve1', status: 'running', lock: null });
    expect(new Set(snapshot.vms.map((vm) => vm.vmid)).size).toBe(snapshot.vms.length);
    const byName = new Map(deployed.map((vm) => [vm.name, vm.vmid]));
    expect(byName.get('win-01')).toBe(3500);
    const [ubuntuLow, ubuntuHigh] = vmidRangeFor('ubuntu');
    for (const name of ['web-01', 'web-02']) expect(byName.get(name)).toBeGreaterThanOrEqual(ubuntuLow);
    for (const name of ['web-01', 'web-02']) expect(byName.get(name)).toBeLessThanOrEqual(ubuntuHigh);
    expect(byName.get('db-01')).toBeGreaterThanOrEqual(vmidRangeFor('centos')[0]);

    const client = rehearsal.client();
    const config = (name: string) => client.get<Config>(`/nodes/pve1/qemu/${byName.get(name)}/config`, signal);
    const web = await config('web-01');
    expect(web).toMatchObject({ name: 'web-01', cores: 4, memory: '4096', ciuser: 'ops', ipconfig0: 'ip=10.0.20.11/24,gw=10.0.20.1', nameserver: '10.0.0.2 10.0.0.3' });
    expect(String(web.net0)).toMatch(/^virtio=([0-9A-F]{2}:){5}[0-9A-F]{2},bridge=vmbr1,firewall=1,tag=20$/);
    expect(decodeURIComponent(String(web.sshkeys))).toBe(sshKey);
    expect(String(web.scsi0)).toContain('size=24G');
    // The template's 10G disk is larger than db-01's 8 GiB: never shrunk.
    expect(String((await config('db-01')).scsi0)).toContain('size=10G');
    expect((await config('web-02')).ipconfig0).toBe('ip=10.0.20.12/24,gw=10.0.20.1');

    const lockRetries = result.logs.filter((line) => line.level === 'warn' && /VM is locked \(clone\)/.test(line.text));
    expect(lockRetries.length).toBeGreaterThanOrEqual(5);
    const web01Log = result.logs.filter((line) => line.stepId === 'vm.create:web-01').map((line) => line.text);
    expect(web01Log).toContain('Not on pve3: the node is offline');
    expect(web01Log.some((text) => /^Not on pve2: pve2 needs .* of memory/.test(text))).toBe(true);
    // The VM password went to PVE, never into the log.
    expect(JSON.stringify(result.logs)).not.toContain('Cloud-Init-1');

    const reserved = rehearsal.store.listReservations('lab-site', 'proxmox-vmid').map((entry) => Number(entry.value)).sort();
    expect(reserved).toEqual([...byName.values()].sort());
  });

  it('deletes what a failed node left behind and finishes the VM on the next node', async () => {
    rehearsal = await startRehearsal({ faults: [{ kind: 'taskFails', taskType: 'qmstart', node: 'pve1', count: 1 }] });
    const plan = testPlan({
      endpoints: [testEndpoint({ ...rehearsal.endpoint })],
      vms: [testVm({ name: 'app-01', placement: ['pve1', 'pve3'], ip: '10.0.20.31' })],
    });

    const result = await runPlan(rehearsal, plan, 'run-cleanup');

    expect(result.outcome).toBe('succeeded');
    const deployed = rehearsal.lab.proxmox.snapshot().vms.filter((vm) => !vm.template);
    expect(deployed).toEqual([expect.objectContaining({ name: 'app-01', node: 'pve3', status: 'running', vmid: 1000 })]);
    const texts = result.logs.map((line) => line.text);
    expect(texts.some((text) => /^Not on pve1: Task qmstart 1000 on pve1 failed/.test(text))).toBe(true);
    expect(texts).toContain('Deleting VM 1000 on pve1.');
    // Rackpilot's own VM lines carry catalogue text, so a Chinese reader gets them in Chinese; PVE's task output stays a plain string.
    const chinese = result.logs.flatMap((line) => (line.ref ? [say('zh', line.ref)] : []));
    expect(chinese).toContain('正在删除 pve1 上的虚拟机 1000。');
    expect(chinese.some((line) => /^正在将 .+ 上的模板 .+克隆为 pve3 上的虚拟机 1000“app-01”。$/.test(line))).toBe(true);
    expect(result.logs.filter((line) => /^(Cloning|Configuring|Starting|Deleting|Waiting up to|VM 1000 is up)\b/.test(line.text) && !line.ref)).toEqual([]);
    expect(result.logs.some((line) => line.text.startsWith('[qmstart]') && !line.ref)).toBe(true);
    expect(rehearsal.store.getArtifact('run-cleanup', 'vm.create:app-01', 'vm')).toEqual({ vmid: 1000, node: 'pve3', template: 9020, phase: 'ready' });
  });

  it('fails clearly, keeping no VMID, when no node can take the VM', async () => {
    rehearsal = await startRehearsal({ nodes: 2, faults: [{ kind: 'nodeDown', node: 'pve1' }] });
    const plan = testPlan({
      endpoints: [testEndpoint({ ...rehearsal.endpoint })],
      vms: [testVm({ name: 'huge-01', memoryMiB: 200_000 })],
    });

    const result = await runPlan(rehearsal, plan, 'run-full');

    expect(result.outcome).toBe('failed');
    const error = result.finalStates.get('vm.create:huge-01')?.error;
    expect(error).toMatchObject({ code: 'step_failed', cell: { sheet: 'VMs' } });
    expect(error?.title).toMatch(/^VM "huge-01" could not be created on any node of pve-lab\./);
    expect(error?.title).toContain('pve1: the node is offline');
    expect(error?.title).toMatch(/pve2: pve2 needs 195\.3 GiB of memory/);
    expect(rehearsal.lab.proxmox.snapshot().vms.filter((vm) => !vm.template)).toEqual([]);
    expect(rehearsal.store.listReservations('lab-site', 'proxmox-vmid')).toEqual([]);
  });
});
