import { describe, expect, it } from 'vitest';
import type { ParallelLimit } from '../../../shared/contract/wizardChannels';
import type { StepSpec } from '../runner/types';
import { testEndpoint, testImage, testPlan, testVm } from './proxmox/planTestKit';
import { builtInProviders } from './registry';
import type { Provider, ProviderRunDeps } from './types';

const vsphereEndpoint = { ...testEndpoint({ name: 'vc', url: 'https://vc.example:443', username: 'a', password: 'b' }), kind: 'vsphere' as const };

function plan() {
  return testPlan({
    endpoints: [testEndpoint({ url: 'https://pve.example:8006', username: 'root@pam', password: 'x' }), vsphereEndpoint],
    images: [testImage({ name: 'tools', file: 'isos/tools.iso', storage: 'iso-store' }), testImage({ name: 'vc-tools', file: 'isos/vc.iso', storage: 'LocalDS_0', endpoint: 'vc' })],
    vms: [
      testVm({ name: 'db-01', placement: ['pve2', 'pve1'], image: 'tools' }),
      testVm({ name: 'web-01', placement: ['pve1'], storage: 'local-lvm' }),
      testVm({ name: 'web-02', placement: ['pve1'], storage: 'local-lvm' }),
      testVm({ name: 'app-01' }),
      ...['v1', 'v2', 'v3'].map((name) => testVm({ name, endpoint: 'vc', storage: 'LocalDS_0', image: 'vc-tools' })),
      testVm({ name: 'v4', endpoint: 'vc', storage: 'ds-2' }),
      testVm({ name: 'v5', endpoint: 'vc', storage: null }),
    ],
  });
}

const provider = (title: string): Provider => builtInProviders.find((entry) => entry.title === title)!;
const limitsOf = (title: string): { steps: StepSpec[]; limits: ParallelLimit[] } => {
  const steps = provider(title).buildSteps(plan());
  return { steps, limits: provider(title).parallelLimits?.(steps) ?? [] };
};
const line = (limit: ParallelLimit) => `${limit.work} per ${limit.per} ${limit.node ?? '?'}/${limit.storage ?? '?'} ≤ ${limit.limit}: ${limit.steps.map((id) => id.split(':')[1]).join(' ')}`;

describe('what runs in parallel, as each provider describes it', () => {
  it('Proxmox: 2 clones per node and storage, 4 tasks per node, 1 upload per node, on the node each VM prefers', () => {
    expect(limitsOf('Proxmox VE').limits.map(line)).toEqual([
      'upload per node pve2/? ≤ 1: pve-lab/pve2/iso-store/tools.iso',
      'upload per node pve1/? ≤ 1: pve-lab/pve1/iso-store/tools.iso',
      'clone per nodeStorage pve2/? ≤ 2: db-01',
      'task per node pve2/? ≤ 4: db-01',
      'clone per nodeStorage pve1/local-lvm ≤ 2: web-01 web-02',
      'task per node pve1/? ≤ 4: web-01 web-02',
      'clone per nodeStorage ?/? ≤ 2: app-01',
      'task per node ?/? ≤ 4: app-01',
    ]);
  });

  it('vCenter: 4 clones per datastore (a VM without one shares its template datastore line), 1 upload per datastore', () => {
    expect(limitsOf('VMware vCenter').limits.map(line)).toEqual([
      'upload per datastore ?/LocalDS_0 ≤ 1: vc/LocalDS_0/iso/vc.iso',
      'clone per datastore ?/LocalDS_0 ≤ 4: v1 v2 v3',
      'clone per datastore ?/ds-2 ≤ 4: v4',
      'clone per datastore ?/? ≤ 4: v5',
    ]);
  });

  // The review must not promise limits the runner does not keep: the whole-attempt limits are the step kinds' own policies.
  it.each(['Proxmox VE', 'VMware vCenter'])('%s: each upload limit is the runner key and limit its step kind holds', (title) => {
    const { limits } = limitsOf(title);
    const kinds = provider(title).stepKinds({ plan: plan(), endpoint: () => plan().endpoints[0]!, environment: 'test', workbookDir: '/tmp' } as unknown as ProviderRunDeps);
    const uploads = limits.filter((limit) => limit.work === 'upload');
    expect(uploads.length).toBeGreaterThan(0);
    const keys = uploads.map((limit) => {
      const steps = provider(title).buildSteps(plan()).filter((step) => limit.steps.includes(step.id));
      const policy = kinds[steps[0]!.kind]!.policy;
      expect(policy.keyLimit).toBe(limit.limit);
      const stepKeys = new Set(steps.map((step) => policy.concurrencyKey?.(step)));
      expect(stepKeys.size).toBe(1);
      return [...stepKeys][0];
    });
    expect(new Set(keys).size).toBe(uploads.length);
  });
});
