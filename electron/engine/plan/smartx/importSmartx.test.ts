import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingSchema, type Finding } from '../../../../shared/plan/findings';
import type { Lang } from '../../../../shared/plan/findingCodes';
import { planShapeSchema } from '../../../../shared/plan/model';
import { REDACTED } from '../../../../shared/plan/secret';
import { openWorkbook } from '../workbook';
import { detectSmartx, importSmartx, smartxExtensionOf } from './index';
import { FIXTURE_CLUSTER, hasOpenpyxl, writeFixtures } from './testFixtures/fixtures';

const canGenerate = hasOpenpyxl();
let dir = '';

const loaded = new Map<string, ReturnType<typeof importOnce>>();

async function importOnce(variant: string, lang: Lang) {
  const wb = await openWorkbook(join(dir, `${variant}.xlsx`), { lang });
  return { wb, ...importSmartx(wb, { lang }) };
}

/** Each file is imported once per language; the tests only read the result. */
function load(variant: string, lang: Lang = 'en') {
  const key = `${variant}|${lang}`;
  if (!loaded.has(key)) loaded.set(key, importOnce(variant, lang));
  return loaded.get(key)!;
}

const where = (f: Finding) => `${f.severity} ${f.code} ${f.sheet}!${f.cell}`;
const blocking = (findings: Finding[]) => findings.filter((f) => f.severity !== 'info').map(where).sort();

describe.skipIf(!canGenerate)('importSmartx on generated workbooks', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rackpilot-smartx-'));
    writeFixtures(dir);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a complete workbook into the plan, with no error or warning', async () => {
    const { wb, plan, findings } = await load('valid');
    expect(detectSmartx(wb)).toBe(true);
    expect(blocking(findings)).toEqual([]);
    expect(() => planShapeSchema.parse(plan)).not.toThrow();
    expect(plan.profile).toBe('smartx');
    expect(plan.project).toMatchObject({ name: '虚拟化平台项目', organisation: '星河数据', datacenter: 'DC-EAST' });
    expect(plan.project.ntpServers).toEqual(['172.16.0.2', 'ntp.example.test']);
    expect(plan.project.dnsServers).toEqual(['172.16.0.53']);
    expect(plan.clusters.map((c) => [c.name, c.vip, c.vds])).toEqual([
      [FIXTURE_CLUSTER, '172.16.10.20', ['vDS-Mgmt', 'vDS-Storage', 'vDS-Backup', 'vDS-VM']],
    ]);
    expect(plan.networks.map((n) => [n.name, n.vlan, n.cidr, n.gateway, n.vds])).toEqual([
      ['IPMI', 0, '172.16.9.0/24', '172.16.9.1', null],
      ['default', 0, '172.16.10.0/24', '172.16.10.1', 'vDS-Mgmt'],
      ['storage-network', 0, '172.16.11.0/24', '172.16.11.1', 'vDS-Storage'],
      ...[2001, 2002, 2003, 2004].map((v) => [`VLAN-${v}`, v, `10.20.${v - 2000}.0/24`, `10.20.${v - 2000}.1`, 'vDS-VM']),
    ]);
    expect(plan.networks[3]?.src.vlan).toEqual({ sheet: '虚拟网络', cell: 'F8' });
  });

  it('reads hosts below their merged, formula-filled cluster cell and skips the template rows left empty', async () => {
    const { plan } = await load('valid');
    expect(plan.hosts.map((h) => [h.name, h.cluster, h.bmcAddress, h.managementIp, h.storageIp, h.sshUser, h.rack])).toEqual(
      [1, 2, 3].map((n) => [`SH-SMTX-Test-Node-0${n}`, FIXTURE_CLUSTER, `172.16.9.${20 + n}`, `172.16.10.${20 + n}`, `172.16.11.${20 + n}`, 'smartx', 'R01']),
    );
    // C3:C18 is one merged cell holding =虚拟网络!B3 without a cached value.
    expect(plan.hosts[2]?.src.cluster).toEqual({ sheet: '主机规划', cell: 'C3' });
    expect(plan.hosts[0]?.sshPassword?.reveal()).toBe('Sx!pass123');
  });

  it('maps CloudTower, Observability and backup to endpoints and VMs', async () => {
    const { plan, findings } = await load('valid');
    expect(plan.endpoints.map((e) => [e.name, e.kind, e.address, e.port, e.username])).toEqual([
      [FIXTURE_CLUSTER, 'smartx', '172.16.10.20', 443, 'root'],
      ['cloudtower', 'cloudtower', '172.16.10.2', 443, 'root'],
    ]);
    expect(plan.vms.map((v) => [v.name, v.endpoint, v.ip, v.vcpu, v.memoryMiB, v.diskGiB, v.network, v.placement])).toEqual([
      ['cloudtower', FIXTURE_CLUSTER, '172.16.10.2', 8, 19 * 1024, 400, 'default', [FIXTURE_CLUSTER]],
      ['Observability', 'cloudtower', '172.16.10.3', 16, 32 * 1024, 512, 'default', [FIXTURE_CLUSTER]],
      ['backup', 'cloudtower', '172.16.10.4', 4, 16 * 1024, 40, 'default', [FIXTURE_CLUSTER]],
    ]);
    const lowered = findings.find((f) => f.code === 'smartx.cloudtower_name_lowercased');
    expect(lowered).toMatchObject({ severity: 'info', sheet: '集群管理信息', cell: 'B3' });
    const smartx = smartxExtensionOf(plan.extensions)!;
    expect(smartx.managementVms.find((vm) => vm.role === 'observability')?.webUser).toBeNull(); // N/A
    expect(smartx.temporaryIps).toMatchObject({ from: '172.16.10.231', to: '172.16.10.239' });
    expect(smartx.clusters[0]).toMatchObject({ smtxOsVersion: '6.1.0', features: 'Boost', networkArchitecture: '三网独立' });
    expect(smartx.networks.filter((n) => !n.planned).map((n) => n.name)).toEqual(['Infra-network', 'backup-network']);
    expect(smartx.vdses.find((v) => v.name === 'vDS-VM')).toMatchObject({ hostPorts: ['ens3f1', 'ens4f1'], bonding: 'balance-tcp' });
  });

  it('never shows a password when the plan is serialized', async () => {
    const { plan } = await load('valid');
    const json = JSON.stringify(plan);
    for (const password of ['Sx!pass123', 'Bmc!pass9']) expect(json).not.toContain(password);
    expect(json).toContain(REDACTED);
  });

  it('defaults the organisation to SMTX-HCI when 文档描述!C15 is empty', async () => {
    const { plan, findings } = await load('emptyOrg');
    expect(plan.project.organisation).toBe('SMTX-HCI');
    expect(plan.project.src.organisation).toBeUndefined();
    expect(smartxExtensionOf(plan.extensions)?.customer).toBeNull();
    expect(blocking(findings)).toEqual([]);
  });

  const cases: [variant: string, expected: string[]][] = [
    ['badVlan', ['error vlan.out_of_range 虚拟网络!F9']],
    ['gatewayOutside', ['error gateway.outside_cidr 虚拟网络!I6']],
    ['hostOutsideMgmt', ['error ip.outside_cidr 主机规划!I4']],
    ['duplicateIp', ['error ip.duplicate 集群管理信息!E4']],
    ['weakPassword', ['error password.weak 集群管理信息!G3']],
    ['naCells', ['error value.required 主机规划!N3']],
    ['partialRow', ['error value.required 主机规划!I6', 'error value.required 主机规划!N6', 'warning secret.missing 主机规划!K6', 'warning secret.missing 主机规划!M6']],
    ['badFormula', ['error formula.unevaluated 主机规划!C3']],
    ['cachedFormula', []],
    ['blankSheets', ['error header.not_found 虚拟网络!null', 'error header.not_found 主机规划!null', 'error header.not_found 集群管理信息!null']],
  ];
  it.each(cases)('%s gives exactly its findings', async (variant, expected) => {
    const { findings } = await load(variant);
    expect(blocking(findings)).toEqual([...expected].sort());
    for (const finding of findings) expect(findingSchema.safeParse(finding).success).toBe(true);
  });

  it('says where the other use of a duplicate address is', async () => {
    const { findings } = await load('duplicateIp');
    expect(findings.find((f) => f.code === 'ip.duplicate')?.message).toContain('主机规划!I3');
  });

  it('leaves an invalid VLAN out of the plan instead of guessing', async () => {
    const { plan } = await load('badVlan');
    expect(plan.networks.map((n) => n.name)).not.toContain('VLAN-2002');
    expect(plan.networks.map((n) => n.name)).toContain('VLAN-2003');
  });

  it('reads N/A as not applicable: empty, and silent in optional cells', async () => {
    const { plan } = await load('naCells');
    expect(plan.hosts[0]?.serial).toBeNull();
    expect(plan.hosts[1]?.bmcAddress).toBeNull();
    expect(smartxExtensionOf(plan.extensions)?.managementVms.find((vm) => vm.role === 'observability')?.version).toBeNull();
  });

  it('uses the cached result of a formula it cannot evaluate, and falls back to the sheet cluster without one', async () => {
    const cached = await load('cachedFormula');
    expect(cached.plan.hosts.map((h) => h.cluster)).toEqual([FIXTURE_CLUSTER, FIXTURE_CLUSTER, FIXTURE_CLUSTER]);
    const missing = await load('badFormula');
    expect(missing.plan.hosts.map((h) => h.cluster)).toEqual([FIXTURE_CLUSTER, FIXTURE_CLUSTER, FIXTURE_CLUSTER]);
    expect(missing.plan.hosts[0]?.src.cluster).toBeUndefined();
  });

  it('reads a hidden sheet like a visible one and notes it', async () => {
    const { plan, findings } = await load('hostsHidden');
    expect(plan.hosts).toHaveLength(3);
    expect(findings.find((f) => f.code === 'workbook.sheet_hidden')).toMatchObject({ severity: 'info', sheet: '主机规划', cell: null });
  });

  it('is not detected without its four sheets, and importing it anyway names the missing one', async () => {
    const { wb, findings } = await load('notSmartx');
    expect(detectSmartx(wb)).toBe(false);
    expect(findings.find((f) => f.code === 'workbook.sheet_missing')).toMatchObject({ severity: 'error', sheet: '集群管理信息' });
  });

  it('writes findings in the UI language', async () => {
    const zh = await load('partialRow', 'zh');
    expect(zh.findings.find((f) => f.cell === 'I6')?.message).toBe('管理地址为必填项（主机规划!I6 为空）。');
    const es = await load('weakPassword', 'es');
    expect(es.findings.find((f) => f.code === 'password.weak')?.message).toContain('al menos 8 caracteres');
  });
});
