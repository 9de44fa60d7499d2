import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPlan, sourced, type Endpoint, type Image, type ImageFields, type JumpHost, type Plan, type Vm } from '../../../../shared/plan/model';
import { Secret } from '../../../../shared/plan/secret';
import { sha256File, validatePlan, validatePlanFiles, vmidRangeFor } from '.';

const at = (cell: string) => ({ sheet: 'S', cell });

function endpoint(name: string, kind: Endpoint['kind']): Endpoint {
  return sourced<Omit<Endpoint, 'src' | 'origin'>>(
    { name, kind, address: '10.0.0.1', port: 443, username: 'u', password: new Secret('p'), apiToken: null, tlsFingerprint: null, jumpHost: null, datacenter: null, cluster: null, region: null, project: null, domain: null },
    at(`A1:${name}`),
  ) as Endpoint;
}

function jump(name: string, via: string | null, row: number): JumpHost {
  return sourced<Omit<JumpHost, 'src' | 'origin'>>({ name, address: '10.0.0.9', port: 22, user: 'u', password: new Secret('p'), keyPath: null, keyPassphrase: null, hostKey: null, via }, at(`A${row}:F${row}`), { via: at(`F${row}`) }) as JumpHost;
}

function vm(name: string, fields: Partial<Vm>): Vm {
  return sourced<Omit<Vm, 'src' | 'origin'>>(
    {
      name, endpoint: 'pve1', placement: [], os: 'ubuntu', image: null, vcpu: 1, memoryMiB: 1024, diskGiB: 10, network: null, ip: null, gateway: null, vmid: null, scripts: [],
      haGroup: null, availabilityZone: null, storage: null, flavor: null, jumpHost: null, user: null, password: null, sshKeyPath: null, notes: null, ...fields,
    },
    at(`A9:Z9`),
    { vmid: at('K9') },
  ) as Vm;
}

function plan(change: (plan: Plan) => void): Plan {
  const result = emptyPlan('test', '/tmp/x.xlsx');
  result.endpoints = [endpoint('pve1', 'proxmox')];
  change(result);
  return result;
}

const aboutContents = new Set(['plan.no_vms', 'plan.nothing_to_deploy']);
const codes = (p: Plan) => validatePlan(p).filter((finding) => !aboutContents.has(finding.code)).map((finding) => `${finding.code}@${finding.cell}`);

describe('validatePlan', () => {
  it('reports a three-host jump loop once, at the first member', () => {
    const result = codes(plan((p) => (p.jumpHosts = [jump('a', 'b', 2), jump('b', 'c', 3), jump('c', 'a', 4), jump('d', 'a', 5)])));
    expect(result).toEqual(['jump.cycle@F2']);
    const finding = validatePlan(plan((p) => (p.jumpHosts = [jump('a', 'b', 2), jump('b', 'c', 3), jump('c', 'a', 4)])))[0]!;
    expect(finding.message).toContain('a → b → c → a');
  });

  it('accepts chains that end at a direct host', () => {
    expect(codes(plan((p) => (p.jumpHosts = [jump('a', null, 2), jump('b', 'a', 3), jump('c', 'b', 4)])))).toEqual([]);
  });

  it('checks VMIDs per OS with the fallback range for other systems', () => {
    expect(vmidRangeFor('rocky')).toMatchObject({ min: 9000, max: 9999 });
    expect(codes(plan((p) => (p.vms = [vm('r1', { os: 'rocky', vmid: 9500 }), vm('r2', { os: 'rocky', vmid: 1500 })])))).toEqual(['vmid.out_of_range@K9']);
  });

  it('checks the vCenter customization columns in the form each OS family takes, pointing at the cell, never echoing a product key', () => {
    const cells = { timeZone: at('AB9'), productKey: at('AC9') };
    const vms = [
      { ...vm('l1', { timeZone: 'Europe/Madrid' }) },
      { ...vm('l2', { timeZone: '85' }), src: cells },
      { ...vm('w1', { os: 'windows', timeZone: '105', productKey: new Secret('ABCDE-12345-FGHIJ-67890-KLMNO') }) },
      { ...vm('w2', { os: 'windows', timeZone: 'Europe/Madrid', productKey: new Secret('not-a-key') }), src: cells },
    ];
    const findings = validatePlan(plan((p) => (p.vms = vms))).filter((finding) => finding.code === 'timezone.invalid' || finding.code === 'productkey.invalid');
    expect(findings.map((finding) => `${finding.code}@${finding.cell}`)).toEqual(['timezone.invalid@AB9', 'timezone.invalid@AB9', 'productkey.invalid@AC9']);
    expect(JSON.stringify(findings)).not.toContain('not-a-key');
  });

  it('lets a CloudTower VM use the networks of the SmartX cluster it manages', () => {
    const result = plan((p) => {
      p.endpoints = [endpoint('tower', 'cloudtower'), endpoint('cls', 'smartx'), endpoint('pve1', 'proxmox')];
      p.networks = [sourced({ name: 'default', endpoint: 'cls', vlan: 0, cidr: '10.0.20.0/24', gateway: null, dns: [], bridge: null, portGroup: null, vds: null, neutronNetwork: null }, at('A2:J2'))];
      p.vms = [vm('obs', { endpoint: 'tower', network: 'default' }), vm('x', { endpoint: 'pve1', network: 'default' })];
    });
    expect(codes(result)).toEqual(['ref.other_endpoint@A9:Z9']);
  });

  it('finds duplicate IPs across hosts, cluster VIPs and VMs', () => {
    const result = plan((p) => {
      p.hosts = [sourced({ name: 'node-1', cluster: 'c1', serial: null, bmcAddress: null, bmcUser: null, bmcPassword: null, managementIp: '10.0.20.11', storageIp: null, sshUser: null, sshPassword: null, adminUser: null, adminPassword: null, rack: null, notes: null }, at('A3:Q3'), { managementIp: at('I3') })];
      p.clusters = [sourced({ name: 'c1', vip: '10.0.20.11', vds: [], endpoint: null, ntpServers: [], dnsServers: [], notes: null }, at('A20'), { vip: at('D20') })];
    });
    expect(validatePlan(result).find((finding) => finding.code === 'ip.duplicate')).toMatchObject({ cell: 'D20', message: expect.stringContaining('S!I3') });
  });

  it('reports a plan with nothing to deploy as an error naming the workbook and the empty sheets', () => {
    const findings = validatePlan(plan(() => undefined));
    expect(findings.map((finding) => [finding.code, finding.severity])).toEqual([['plan.nothing_to_deploy', 'error']]);
    expect(findings[0]!.message).toBe('There is nothing to deploy in x.xlsx: its VMs and Images sheets have no rows.');
    expect(validatePlan(plan(() => undefined), 'zh')[0]!.message).toContain('x.xlsx 中没有可部署的内容');
  });

  it('reports a plan with images but no VMs or hosts as info only', () => {
    const result = plan((p) => (p.images = [sourced<ImageFields>({ name: 'iso', kind: 'iso', file: 'a.iso', sha256: null, endpoint: 'pve1', storage: null, node: null, remoteName: null }, at('A2')) as Image]));
    expect(validatePlan(result).map((finding) => [finding.code, finding.severity])).toEqual([['plan.no_vms', 'info']]);
  });

  it('is an error at Validate when no VM goes to an endpoint this build deploys onto, a warning per endpoint when some do', () => {
    const stranded = plan((p) => {
      p.endpoints = [endpoint('tower', 'cloudtower'), endpoint('cls', 'smartx')];
      p.vms = [vm('a', { endpoint: 'tower' }), vm('b', { endpoint: 'cls' })];
    });
    const all = validatePlan(stranded, 'en', { providerKinds: ['proxmox'] });
    expect(all.map((finding) => `${finding.severity}:${finding.code}`).sort()).toEqual([
      'error:plan.no_deployable_endpoint',
      'warning:endpoint.kind_unsupported',
      'warning:endpoint.kind_unsupported',
    ]);
    expect(all.find((finding) => finding.code === 'plan.no_deployable_endpoint')).toMatchObject({
      sheet: 'S',
      cell: 'A1:tower',
      message: expect.stringContaining('cloudtower, smartx endpoints (the first in S!A1:tower)'),
      hint: expect.stringContaining('This build deploys onto: proxmox.'),
    });

    const some = plan((p) => {
      p.endpoints = [endpoint('pve1', 'proxmox'), endpoint('cls', 'smartx')];
      p.vms = [vm('a', { endpoint: 'pve1' }), vm('b', { endpoint: 'cls' })];
    });
    expect(validatePlan(some, 'en', { providerKinds: ['proxmox'] }).filter((finding) => finding.severity !== 'info').map((finding) => `${finding.severity}:${finding.code}`)).toEqual([
      'warning:endpoint.kind_unsupported',
    ]);
  });
});

describe('validatePlanFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rackpilot-images-'));
    await writeFile(join(dir, 'a.iso'), Buffer.alloc(3 * 1024 * 1024, 7));
    await mkdir(join(dir, 'folder.iso'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('hashes in a stream and compares with the expected checksum', async () => {
    const digest = await sha256File(join(dir, 'a.iso'));
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const image = (file: string, sha256: string | null) =>
      sourced({ name: file.replace('.', '-'), kind: 'iso' as const, file, sha256, endpoint: null, storage: null, node: null, remoteName: null }, at('A2:H2'), { file: at('C2'), sha256: at('D2') });
    const good = emptyPlan('test', join(dir, 'plan.xlsx'));
    good.images = [image('a.iso', digest)];
    expect(await validatePlanFiles(good)).toEqual([]);
    const bad = emptyPlan('test', join(dir, 'plan.xlsx'));
    bad.images = [image('a.iso', '0'.repeat(64)), image('folder.iso', null)];
    expect((await validatePlanFiles(bad)).map((finding) => `${finding.code}@${finding.cell}`)).toEqual(['image.sha256_mismatch@D2', 'image.file_unreadable@C2']);
    expect((await validatePlanFiles(bad, 'en', { verifyChecksums: false })).map((finding) => finding.code)).toEqual(['image.file_unreadable']);
  });

  it('hashes a file once across imports when given a digest cache, and remembers it for the upload', async () => {
    const digest = await sha256File(join(dir, 'a.iso'));
    const entries = new Map<string, string>();
    const calls = { lookups: 0, hits: 0, remembered: 0 };
    const hashes = {
      lookup: (key: { path: string; size: number; mtimeMs: number }) => {
        calls.lookups += 1;
        const found = entries.get(`${key.path}|${key.size}|${key.mtimeMs}`) ?? null;
        if (found) calls.hits += 1;
        return found;
      },
      remember: (key: { path: string; size: number; mtimeMs: number }, value: string) => {
        calls.remembered += 1;
        entries.set(`${key.path}|${key.size}|${key.mtimeMs}`, value);
      },
      forget: () => undefined,
    };
    const plan = emptyPlan('test', join(dir, 'plan.xlsx'));
    plan.images = [
      sourced({ name: 'a', kind: 'iso' as const, file: 'a.iso', sha256: digest, endpoint: null, storage: null, node: null, remoteName: null }, at('A2:H2'), { file: at('C2'), sha256: at('D2') }),
    ];
    expect(await validatePlanFiles(plan, 'en', { hashes })).toEqual([]);
    expect(await validatePlanFiles(plan, 'en', { hashes })).toEqual([]);
    expect(calls).toEqual({ lookups: 2, hits: 1, remembered: 1 });
    expect([...entries.values()]).toEqual([digest]);
  });
});
