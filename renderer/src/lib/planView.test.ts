import { describe, expect, it } from 'vitest';
import type { ValueOf } from '../../../shared/contract/channels';
import { fieldOf, placementGroups, plannedVms, stepsByTarget, type GraphStep } from './planView';

type PlanJson = NonNullable<ValueOf<'plan:import'>['plan']>;

const sourced = (value: unknown, source: string | null = null) => ({ value: value as never, source });

function vm(name: string, placement: string[], extra: Record<string, unknown> = {}) {
  return {
    origin: `VMs!A${name.length}:K${name.length}`,
    name: sourced(name),
    endpoint: sourced('pve'),
    placement: sourced(placement),
    vcpu: sourced(2),
    memoryMiB: sourced(4096),
    diskGiB: sourced(40),
    image: sourced('ubuntu'),
    network: sourced('app'),
    ip: sourced('10.0.0.5'),
    ...Object.fromEntries(Object.entries(extra).map(([key, value]) => [key, sourced(value)])),
  };
}

const plan = {
  format: 'rackpilot-plan',
  version: 1,
  profile: 'rackpilot-v1',
  sourcePath: '/p.xlsx',
  project: { origin: null },
  endpoints: [{ origin: 'Endpoints!A2:N2', name: sourced('pve'), kind: sourced('proxmox'), address: sourced('10.0.0.1') }],
  jumpHosts: [],
  networks: [],
  images: [],
  vms: [vm('web-01', ['pve2', 'pve1']), vm('db-01', []), vm('web-02', ['pve1']), vm('far-01', ['n1'], { endpoint: 'other' })],
  scripts: [],
  hosts: [],
  clusters: [],
  extensions: {},
} as unknown as PlanJson;

const steps: GraphStep[] = [
  { id: 'image.upload:pve/pve1/local/tools.iso', kind: 'proxmox.image.upload', title: 'Upload tools.iso to pve/pve1/local', target: 'pve/pve1/local', deps: [] },
  { id: 'image.upload:pve/*/local/x.iso', kind: 'proxmox.image.upload', title: 'Upload x.iso to pve/local', target: 'pve/*/local', deps: [] },
  { id: 'vm.create:web-01', kind: 'proxmox.vm.create', title: 'Create VM web-01', target: 'web-01', deps: ['image.upload:pve/pve1/local/tools.iso'] },
  { id: 'vm.configure:web-01', kind: 'proxmox.vm.configure', title: 'Configure web-01', target: 'web-01', deps: ['vm.create:web-01', 'gone'] },
];

describe('plannedVms', () => {
  it('reads the values of the sourced fields and tolerates missing ones', () => {
    const [first] = plannedVms(plan);
    expect(first).toEqual({ name: 'web-01', endpoint: 'pve', placement: ['pve2', 'pve1'], vcpu: 2, memoryMiB: 4096, diskGiB: 40, image: 'ubuntu', network: 'app', ip: '10.0.0.5', origin: 'VMs!A6:K6' });
    expect(fieldOf(plan.endpoints[0]!, 'nope')).toBeUndefined();
    const bare = plannedVms({ ...plan, vms: [{ origin: null }] } as unknown as PlanJson)[0];
    expect(bare).toMatchObject({ name: '?', placement: [], vcpu: null, ip: null, origin: null });
  });
});

describe('placementGroups', () => {
  it('groups VMs per endpoint and first-choice node, named nodes sorted and "any node" last, with the uploads of each node', () => {
    const groups = placementGroups(plan, steps);
    expect(groups.map((group) => [group.endpoint, group.kind, group.address])).toEqual([
      ['pve', 'proxmox', '10.0.0.1'],
      ['other', null, null],
    ]);
    const pve = groups[0]!;
    expect(pve.nodes.map((node) => [node.node, node.vms.map((entry) => entry.name), node.uploads.map((upload) => upload.storage)])).toEqual([
      ['pve1', ['web-02'], ['local']],
      ['pve2', ['web-01'], []],
      [null, ['db-01'], ['local']],
    ]);
  });
});

describe('stepsByTarget', () => {
  it('keeps graph order and names what each step waits for, even a dependency outside the list', () => {
    const groups = stepsByTarget(steps);
    expect(groups.map((group) => group.target)).toEqual(['pve/pve1/local', 'pve/*/local', 'web-01']);
    const web = groups[2]!;
    expect(web.steps.map((entry) => entry.after.map((dep) => dep.title))).toEqual([['Upload tools.iso to pve/pve1/local'], ['Create VM web-01', 'gone']]);
  });
});
