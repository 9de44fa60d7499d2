import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/errors';
import { Secret } from '../../../../shared/plan/secret';
import { resolveProxmoxEndpoint } from './endpoint';
import { testEndpoint, testImage, testNetwork, testPlan, testVm } from './planTestKit';
import { buildProxmoxSteps, createVmKind, uploadKind } from './steps';
import type { VmCreateInput } from './vmSpec';

const endpoint = testEndpoint({ url: 'https://10.1.1.5:8006', username: 'root@pam', password: 'pve-secret' });

function plan() {
  return testPlan({
    endpoints: [endpoint, { ...testEndpoint({ name: 'vc', url: 'https://vc:443', username: 'a', password: 'b' }), kind: 'vsphere' }],
    networks: [testNetwork({ vlan: 30, cidr: '10.0.30.0/24', gateway: '10.0.30.1', dns: [] })],
    images: [
      testImage({ name: 'tools', file: 'isos/tools-1.2.iso', sha256: 'ABCDEF', storage: 'iso-store' }),
      testImage({ name: 'unused', file: 'isos/unused.iso' }),
      testImage({ name: 'tpl', kind: 'template', remoteName: 'ubuntu-24-golden' }),
    ],
    vms: [
      testVm({ name: 'db-01', image: 'tools', placement: ['pve2', 'pve1'], ip: '10.0.30.5', password: 'vm-secret' }),
      testVm({ name: 'web-01', image: 'tools', placement: ['pve1'] }),
      testVm({ name: 'app-01', image: 'tpl', os: 'windows' }),
      testVm({ name: 'vc-vm', endpoint: 'vc' }),
    ],
  });
}

describe('buildProxmoxSteps', () => {
  it('makes one upload per ISO and target node and one create per Proxmox VM, with stable ids', () => {
    const steps = buildProxmoxSteps(plan());
    expect(steps.map((step) => step.id)).toEqual([
      'image.upload:pve-lab/pve2/iso-store/tools-1.2.iso',
      'image.upload:pve-lab/pve1/iso-store/tools-1.2.iso',
      'vm.create:db-01',
      'vm.create:web-01',
      'vm.create:app-01',
    ]);
    expect(buildProxmoxSteps(plan()).map((step) => step.id)).toEqual(steps.map((step) => step.id));
    expect(steps.filter((step) => step.kind === uploadKind)).toHaveLength(2);
    expect(steps.filter((step) => step.kind === createVmKind)).toHaveLength(3);
  });

  it('makes a VM depend on the uploads of its ISO, and carries the template and network it needs', () => {
    const steps = buildProxmoxSteps(plan());
    const db = steps.find((step) => step.id === 'vm.create:db-01');
    expect(db?.deps).toEqual(['image.upload:pve-lab/pve2/iso-store/tools-1.2.iso', 'image.upload:pve-lab/pve1/iso-store/tools-1.2.iso']);
    expect(db?.input).toMatchObject({ iso: { storage: 'iso-store', file: 'tools-1.2.iso' }, network: { vlan: 30, bridge: 'vmbr0' }, gateway: '10.0.30.1', nameservers: ['10.0.0.53'], hasPassword: true });
    const app = steps.find((step) => step.id === 'vm.create:app-01');
    expect(app?.deps).toEqual([]);
    expect((app?.input as VmCreateInput).template).toBe('ubuntu-24-golden');
    const upload = steps[0];
    expect(upload?.input).toMatchObject({ sha256: 'abcdef', file: 'isos/tools-1.2.iso', cells: { file: { sheet: 'Images' } } });
  });

  it('keeps secrets out of the step inputs, which are stored with the run', () => {
    const text = JSON.stringify(buildProxmoxSteps(plan()));
    expect(text).not.toContain('vm-secret');
    expect(text).not.toContain('pve-secret');
  });

  it('uploads to any node when neither the image nor its VMs name one', () => {
    const steps = buildProxmoxSteps(testPlan({ endpoints: [endpoint], images: [testImage({ name: 'i', file: 'x.iso' })], vms: [testVm({ name: 'v', image: 'i' })] }));
    expect(steps.map((step) => step.id)).toEqual(['image.upload:pve-lab/*/local/x.iso', 'vm.create:v']);
  });
});

describe('resolveProxmoxEndpoint', () => {
  it('builds the URL and password auth from the plan', () => {
    const resolved = resolveProxmoxEndpoint({ ...endpoint, tlsFingerprint: 'AA:BB' });
    expect(resolved).toMatchObject({ name: 'pve-lab', url: 'https://10.1.1.5:8006', fingerprints: ['AA:BB'], auth: { kind: 'password', username: 'root@pam' } });
  });

  it('reads an API token in either form and refuses one without its id, naming the cell', () => {
    const split = resolveProxmoxEndpoint({ ...endpoint, username: 'ci@pve!deploy', apiToken: new Secret('uuid-1') });
    expect(split.auth).toMatchObject({ kind: 'token', tokenId: 'ci@pve!deploy' });
    const whole = resolveProxmoxEndpoint({ ...endpoint, username: null, apiToken: new Secret('ci@pve!deploy=uuid-2') });
    expect(whole.auth.kind === 'token' && whole.auth.secret.reveal()).toBe('uuid-2');
    try {
      resolveProxmoxEndpoint({ ...endpoint, username: 'ci@pve', apiToken: new Secret('uuid-3'), src: { username: { sheet: 'Endpoints', cell: 'E4' } } });
      expect.unreachable();
    } catch (error) {
      expect((error as AppFailure).appError).toMatchObject({ code: 'plan_invalid', cell: { sheet: 'Endpoints', cell: 'E4' } });
    }
  });
});
