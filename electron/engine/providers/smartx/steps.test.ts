import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/errors';
import type { Plan } from '../../../../shared/plan/model';
import { importPlan } from '../../plan/importPlan';
import { findIsoFile, parseIsoName } from './isoFile';
import { smartxLabPreparation } from './labPreparation';
import { buildSmartxSteps, stageKinds } from './steps';
import { towerInputs, type TowerInput } from './towerPlan';

const sample = new URL('../../../../assets/sample-plan/sample-smartx.xlsx', import.meta.url).pathname;
let plan: Plan;
let dir = '';

beforeAll(async () => {
  const imported = await importPlan(sample);
  plan = imported.plan!;
  dir = mkdtempSync(join(tmpdir(), 'rackpilot-smartx-iso-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CloudTower pipeline of the sample 规划设计表', () => {
  it('reads the CloudTower fields the design lists, with their cells', () => {
    const [input] = towerInputs(plan);
    expect(input).toMatchObject({
      cluster: 'CN-SZ-SMTX-Lab-Cls01', tower: 'cloudtower', vmName: 'cloudtower', ip: '10.60.20.2', netmask: '255.255.255.0', gateway: '10.60.20.1',
      network: { name: 'default', vlan: 0, vds: 'vDS-Mgmt' }, vcpu: 8, memoryMiB: 19 * 1024, diskGiB: 400, version: '4.6.0',
      organisation: '示例科技', datacenter: 'SZ-DC1', ntpServers: ['10.60.0.2', 'ntp.sample.test'], dnsServers: ['10.60.0.53', '10.60.0.54'], sshUser: 'cloudtower',
    });
    expect(input!.cells.ip).toEqual({ sheet: '集群管理信息', cell: 'E3' });
    expect(input!.cells.version).toEqual({ sheet: '集群管理信息', cell: 'D3' });
    expect(JSON.stringify(input)).not.toContain('Sample!');
  });

  it('makes the eight stages in the design’s order, each after the one before, with stable ids', () => {
    const steps = buildSmartxSteps(plan);
    expect(steps.map((step) => step.kind)).toEqual(Object.values(stageKinds));
    expect(steps.map((step) => step.id)).toEqual([
      'cloudtower.prepare:cloudtower', 'image.upload:CN-SZ-SMTX-Lab-Cls01/cloudtower-iso', 'vm.create:cloudtower', 'cloudtower.install:cloudtower',
      'cloudtower.verify:cloudtower', 'cloudtower.configure:cloudtower', 'cloudtower.attach:CN-SZ-SMTX-Lab-Cls01', 'cloudtower.output:cloudtower',
    ]);
    steps.forEach((step, index) => expect(step.deps).toEqual(index === 0 ? [] : [steps[index - 1]!.id]));
    expect(buildSmartxSteps(plan).map((step) => step.id)).toEqual(steps.map((step) => step.id));
  });

  it('prepares the lab with the VDS and VLAN the VM joins and hosts with room for it', () => {
    const preparation = smartxLabPreparation(plan) as { vds: Array<{ name: string; vlans: Array<{ name: string; vlanId: number }> }>; hosts: Array<{ memoryBytes: number; memoryUsedBytes: number }> };
    expect(preparation.vds).toEqual([expect.objectContaining({ name: 'vDS-Mgmt', vlans: [{ name: 'default', vlanId: 0 }] })]);
    for (const host of preparation.hosts) expect(host.memoryBytes - host.memoryUsedBytes).toBeGreaterThan(19 * 2 ** 30);
  });
});

describe('the CloudTower ISO', () => {
  const input = (overrides: Partial<TowerInput> = {}): TowerInput => ({ ...towerInputs(plan)[0]!, ...overrides });

  it('parses SmartX’s media names', () => {
    expect(parseIsoName('cloudtower-v4.6.2.oe2003.x86_64.iso')).toEqual({ version: 'v4.6.2', os: 'oe2003', arch: 'x86_64' });
    expect(parseIsoName('cloudtower-4.6.0.el7.aarch64.iso')).toEqual({ version: '4.6.0', os: 'el7', arch: 'aarch64' });
    expect(parseIsoName('tools.iso')).toBeNull();
  });

  it('is found next to the workbook by the planned version, and missing is a plan error naming the version cell', async () => {
    await expect(findIsoFile(input(), dir)).rejects.toSatisfy((error: unknown) => error instanceof AppFailure && error.appError.code === 'plan_invalid' && error.appError.cell?.cell === 'D3' && error.message.includes('cloudtower-4.6.0.<os>.<arch>.iso'));
    writeFileSync(join(dir, 'cloudtower-v4.5.0.el7.x86_64.iso'), 'old');
    await expect(findIsoFile(input(), dir)).rejects.toThrow(/found cloudtower-v4\.5\.0/);
    writeFileSync(join(dir, 'cloudtower-v4.6.0.el7.x86_64.iso'), 'new one');
    expect(await findIsoFile(input(), dir)).toMatchObject({ name: 'cloudtower-v4.6.0.el7.x86_64.iso', size: 7, version: 'v4.6.0' });
  });
});
