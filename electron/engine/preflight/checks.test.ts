import { describe, expect, it } from 'vitest';
import { emptyPlan } from '../../../shared/plan/model';
import { testEndpoint, testImage, testNetwork, testVm } from '../providers/proxmox/planTestKit';
import type { Inventory, NodeInfo, StorageInfo, TemplateInfo } from '../providers/proxmox';
import { evaluateCapacity, nodeCapacities } from './capacity';
import { evaluateStorages, evaluateTemplates } from './inventoryChecks';
import { endpointNeeds } from './planNeeds';

const GiB = 2 ** 30;

function node(name: string, freeGiB: number, online = true): NodeInfo {
  return { name, online, memTotal: 64 * GiB, memUsed: (64 - freeGiB) * GiB, sslFingerprint: null };
}
function storage(nodeName: string, name: string, fields: Partial<StorageInfo> = {}): StorageInfo {
  return { node: nodeName, storage: name, content: ['images', 'rootdir'], shared: false, active: true, total: 800 * GiB, used: 100 * GiB, ...fields };
}
function template(nodeName: string, name: string, vmid: number, os: TemplateInfo['os']): TemplateInfo {
  return { vmid, name, node: nodeName, status: 'stopped', template: true, lock: null, tags: [], hastate: null, os };
}
function inventory(fields: Partial<Inventory>): Inventory {
  return { nodes: [], storages: [], templates: [], vms: [], usedVmids: new Set(), ...fields };
}

function plan(vms: ReturnType<typeof testVm>[], images: ReturnType<typeof testImage>[] = []) {
  const result = emptyPlan('rackpilot-v1', '/tmp/plan.xlsx');
  result.endpoints = [testEndpoint({ url: 'https://127.0.0.1:8006', username: 'root@pam', password: 'x' }), testEndpoint({ name: 'other', url: 'https://127.0.0.2:8006', username: 'root@pam', password: 'x' })];
  result.networks = [testNetwork()];
  result.images = images;
  result.vms = vms;
  return result;
}

describe('endpoint needs', () => {
  it('collects templates, OS templates, storages and static addresses of one endpoint only', () => {
    const needs = endpointNeeds(
      plan(
        [
          testVm({ name: 'web-01', image: 'tpl', ip: '10.0.20.5/24', storage: 'fast', memoryMiB: 4096, diskGiB: 20 }),
          testVm({ name: 'web-02', image: 'tpl', ip: null, memoryMiB: 8192, diskGiB: 30 }),
          testVm({ name: 'db-01', os: 'rocky', image: null, ip: '10.0.20.6' }),
          testVm({ name: 'elsewhere', endpoint: 'other', image: 'tpl', ip: '10.0.20.7' }),
        ],
        [testImage({ name: 'tpl', kind: 'template', remoteName: 'ubuntu-tpl' }), testImage({ name: 'tools', file: 'tools.iso', endpoint: 'pve-lab', storage: 'isos' })],
      ),
      'pve-lab',
    );
    expect(needs.vms.map((vm) => vm.name)).toEqual(['web-01', 'web-02', 'db-01']);
    expect(needs.templates).toEqual([{ name: 'ubuntu-tpl', vms: ['web-01', 'web-02'] }]);
    expect(needs.osTemplates).toEqual([{ os: 'rocky', vms: ['db-01'] }]);
    expect(needs.storages).toEqual([
      { storage: 'fast', content: 'images', users: ['web-01'], bytes: 20 * GiB },
      { storage: 'isos', content: 'iso', users: ['tools'], bytes: 0 },
    ]);
    expect(needs.ips).toEqual([{ ip: '10.0.20.5', vm: 'web-01' }, { ip: '10.0.20.6', vm: 'db-01' }]);
    expect(needs.largestMemoryBytes).toBe(8 * GiB);
  });
});

describe('capacity', () => {
  const needs = (count: number, memoryMiB: number) =>
    endpointNeeds(plan(Array.from({ length: count }, (_, i) => testVm({ name: `vm-${i}`, memoryMiB, diskGiB: 10 }))), 'pve-lab');

  it('is ok when the VMs fit with headroom, and reports each node', () => {
    const inv = inventory({ nodes: [node('pve1', 40), node('pve2', 40)], storages: [storage('pve1', 'local-lvm'), storage('pve2', 'local-lvm')] });
    expect(evaluateCapacity(inv, needs(4, 8192)).status).toBe('ok');
    expect(nodeCapacities(inv)[0]).toEqual({ node: 'pve1', online: true, memoryFreeBytes: 40 * GiB, memoryTotalBytes: 64 * GiB, diskFreeBytes: 700 * GiB, diskTotalBytes: 800 * GiB });
  });

  it('warns when memory would not fit with the margin', () => {
    const inv = inventory({ nodes: [node('pve1', 20), node('pve2', 20)], storages: [storage('pve1', 'local-lvm')] });
    const result = evaluateCapacity(inv, needs(5, 8192));
    expect(result.status).toBe('warning');
    expect(result.message).toContain('40.0 GiB of memory');
  });

  it('warns when one VM is bigger than any node has free', () => {
    const inv = inventory({ nodes: [node('pve1', 30), node('pve2', 30)], storages: [storage('pve1', 'local-lvm')] });
    expect(evaluateCapacity(inv, needs(1, 40 * 1024)).message).toContain('biggest VM');
  });

  it('warns about offline nodes and blocks when none is online', () => {
    const some = inventory({ nodes: [node('pve1', 40), node('pve2', 40, false)], storages: [storage('pve1', 'local-lvm')] });
    expect(evaluateCapacity(some, needs(1, 1024))).toMatchObject({ status: 'warning', message: expect.stringContaining('Offline: pve2') });
    const none = inventory({ nodes: [node('pve1', 40, false)] });
    expect(evaluateCapacity(none, needs(1, 1024)).status).toBe('blocker');
  });
});

describe('templates and storages', () => {
  const needs = endpointNeeds(
    plan(
      [testVm({ name: 'a', image: 'tpl', storage: 'fast' }), testVm({ name: 'b', os: 'windows', image: null })],
      [testImage({ name: 'tpl', kind: 'template', remoteName: 'ubuntu-tpl' }), testImage({ name: 'tools', file: 'tools.iso', endpoint: 'pve-lab', storage: 'local' })],
    ),
    'pve-lab',
  );

  it('finds a named template by name or VMID and an OS template by OS', () => {
    const byName = inventory({ nodes: [node('pve1', 40)], templates: [template('pve1', 'ubuntu-tpl', 9000, 'ubuntu'), template('pve1', 'win', 9002, 'windows')] });
    expect(evaluateTemplates(byName, needs).status).toBe('ok');
    const byId = endpointNeeds(plan([testVm({ name: 'a', image: 'tpl' })], [testImage({ name: 'tpl', kind: 'template', remoteName: '9000' })]), 'pve-lab');
    expect(evaluateTemplates(byName, byId).status).toBe('ok');
  });

  it('blocks on a template missing everywhere or only on offline nodes, naming the VMs', () => {
    const missing = evaluateTemplates(inventory({ nodes: [node('pve1', 40)], templates: [template('pve1', 'win', 9002, 'windows')] }), needs);
    expect(missing).toMatchObject({ status: 'blocker', message: expect.stringContaining('ubuntu-tpl is on no node (needed by a)') });
    const offline = evaluateTemplates(
      inventory({ nodes: [node('pve1', 40), node('pve2', 40, false)], templates: [template('pve2', 'ubuntu-tpl', 9000, 'ubuntu'), template('pve1', 'win', 9002, 'windows')] }),
      needs,
    );
    expect(offline).toMatchObject({ status: 'blocker', message: expect.stringContaining('offline') });
  });

  it('blocks on a missing or inactive storage and on one without the right content', () => {
    const ok = inventory({ storages: [storage('pve1', 'fast'), storage('pve1', 'local', { content: ['iso'] })] });
    expect(evaluateStorages(ok, needs).status).toBe('ok');
    expect(evaluateStorages(inventory({ storages: [storage('pve1', 'local', { content: ['iso'] })] }), needs).message).toContain('Storage fast is on no node');
    expect(evaluateStorages(inventory({ storages: [storage('pve1', 'fast', { active: false }), storage('pve1', 'local', { content: ['iso'] })] }), needs).message).toContain('not active');
    expect(evaluateStorages(inventory({ storages: [storage('pve1', 'fast'), storage('pve1', 'local')] }), needs)).toMatchObject({ status: 'blocker', message: expect.stringContaining('ISO images') });
  });
});
