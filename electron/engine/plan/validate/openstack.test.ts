import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../../shared/plan/findings';
import { importPlan } from '../importPlan';
import type { RowInput } from '../template/planSheets';
import { sampleOpenstackProject, sampleOpenstackRows } from '../template/sampleOpenstackData';
import { buildPlanWorkbook } from '../template/writeTemplate';
import type { SheetKey } from '../v1/columnTypes';

/*
 * The OpenStack sheets' findings, read back from real workbooks: the sample
 * plan with one thing changed, so every finding below is caused by that
 * change and points at the cell it names.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rackpilot-openstack-plan-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Rows = Partial<Record<SheetKey, readonly RowInput[]>>;
let count = 0;

async function findingsOf(change: (rows: Rows) => Rows, lang: 'en' | 'zh' | 'es' = 'en'): Promise<Finding[]> {
  const path = join(dir, `plan-${count++}.xlsx`);
  await writeFile(path, await buildPlanWorkbook(lang, { examples: false, project: sampleOpenstackProject, rows: change(sampleOpenstackRows()) }));
  return (await importPlan(path, { lang })).findings;
}

const slice = (rows: Rows, change: RowInput): Rows => ({ ...rows, slices: [{ ...rows.slices![0]!, ...change }] });
const brief = (findings: Finding[]) => findings.map((finding) => [finding.code, `${finding.sheet}!${finding.cell}`]);

describe('OpenStack findings', () => {
  it('names unknown flavors, zones and slices with a did-you-mean, at their cells', async () => {
    const findings = await findingsOf((rows) => ({
      ...slice(rows, { flavor: 'rp.smal', zones: 'zone-3' }),
      vms: [{ name: 'extra', endpoint: 'os-lab', os: 'ubuntu', vcpu: 1, memoryMiB: 1024, diskGiB: 5, slice: 'mesh5' }],
    }));
    const unknown = findings.filter((finding) => finding.code === 'ref.unknown');
    const byCell = Object.fromEntries(unknown.map((finding) => [`${finding.sheet}!${finding.cell?.replace(/\d+$/, '')}`, finding]));
    expect(Object.keys(byCell).sort()).toEqual(['Slices!J', 'Slices!L', 'VMs!AE']);
    expect(byCell['Slices!L']!.hint).toBe('Did you mean “rp.small”?');
    expect(byCell['VMs!AE']!.hint).toBe('Did you mean “mesh4”?');
    // zone-1 and zone-2 are equally close: no guess, the hint names the sheet.
    expect(byCell['Slices!J']!.hint).toContain('Availability zones');
  });

  it('checks node counts against the topology, and Nodes against the VM rows naming the slice', async () => {
    expect(brief(await findingsOf((rows) => slice(rows, { topology: 'ring', nodes: 2 })))).toEqual([['slice.node_count', 'Slices!D2']]);
    expect(brief(await findingsOf((rows) => slice(rows, { nodes: 13, cidr: '10.60.0.0/20' })))).toEqual([['slice.node_count', 'Slices!D2']]);
    const vm = (name: string): RowInput => ({ name, endpoint: 'os-lab', os: 'ubuntu', vcpu: 1, memoryMiB: 1024, diskGiB: 5, slice: 'mesh4' });
    expect(brief(await findingsOf((rows) => ({ ...rows, vms: [vm('a'), vm('b'), vm('c')] })))).toEqual([['slice.nodes_mismatch', 'Slices!D2']]);
    expect(brief(await findingsOf((rows) => ({ ...slice(rows, { nodes: null }), vms: [vm('a'), vm('b'), vm('c')] })))).toEqual([]);
    expect(brief(await findingsOf((rows) => slice(rows, { nodes: null })))).toEqual([['slice.no_nodes', 'Slices!D2']]);
  });

  it('finds impossible CIDRs: malformed, too small for the links, management too small, overlapping', async () => {
    expect(brief(await findingsOf((rows) => slice(rows, { cidr: '10.60.0.0/33' })))).toEqual([['cidr.invalid', 'Slices!F2']]);
    const small = await findingsOf((rows) => slice(rows, { cidr: '10.60.0.0/27' }));
    expect(brief(small)).toEqual([['slice.cidr_too_small', 'Slices!F2']]);
    expect(small[0]!.hint).toBe('Use a /26 or larger pool.');
    expect(brief(await findingsOf((rows) => slice(rows, { managementCidr: '10.61.0.0/29' })))).toEqual([['slice.management_too_small', 'Slices!G2']]);
    expect(brief(await findingsOf((rows) => slice(rows, { managementCidr: '10.60.0.128/25' })))).toEqual([['slice.cidr_overlap', 'Slices!G2']]);
  });

  it('refuses HA with one zone, and a slice on an endpoint that is not OpenStack', async () => {
    const one = await findingsOf((rows) => ({ ...rows, availabilityZones: rows.availabilityZones!.slice(0, 1) }));
    expect(brief(one)).toEqual([['slice.ha_one_zone', 'Slices!E2']]);
    // No zone in the plan at all: the cloud's list decides at deploy time, a warning until then.
    const none = await findingsOf((rows) => ({ ...rows, availabilityZones: [] }));
    expect(none.map((finding) => [finding.code, finding.severity, finding.cell])).toEqual([['slice.ha_zones_unknown', 'warning', 'E2']]);
    expect(brief(await findingsOf((rows) => ({ ...rows, availabilityZones: rows.availabilityZones!.slice(0, 1), slices: [{ ...rows.slices![0]!, ha: false }] })))).toEqual([]);
    const proxmox = await findingsOf((rows) => ({ ...rows, endpoints: [{ ...rows.endpoints![0]!, kind: 'proxmox' }] }));
    expect(new Set(proxmox.map((finding) => finding.code))).toEqual(new Set(['slice.not_openstack']));
    expect(proxmox.map((finding) => finding.sheet)).toContain('Slices');
  });

  it('wants a slice name that can start host names, and names unique per sheet', async () => {
    expect(brief(await findingsOf((rows) => slice(rows, { name: 'mesh_4' })))).toEqual([['name.invalid', 'Slices!A2']]);
    const twice = await findingsOf((rows) => ({ ...rows, availabilityZones: [...rows.availabilityZones!, { name: 'ZONE-1', endpoint: 'os-lab' }] }));
    expect(brief(twice)).toEqual([['name.duplicate', 'Availability zones!A4']]);
  });

  it('checks flavor sizes, public keys and rule ports', async () => {
    expect(brief(await findingsOf((rows) => ({ ...rows, flavors: [{ ...rows.flavors![0]!, diskGiB: null }] })))).toEqual([['flavor.incomplete', 'Flavors!A2:G2']]);
    expect(brief(await findingsOf((rows) => ({ ...rows, keyPairs: [{ ...rows.keyPairs![0]!, publicKey: 'AAAA not a key' }] })))).toEqual([['keypair.invalid', 'Key pairs!C2']]);
    // Nova (before 2.92) refuses a dot in a key pair's name only when the server step runs; Validate says it at the cell.
    const dotted = await findingsOf((rows) => ({ ...rows, keyPairs: [{ ...rows.keyPairs![0]!, name: 'ops.key' }], vms: rows.vms!.map((vm) => (vm.keyPair ? { ...vm, keyPair: 'ops.key' } : vm)), slices: rows.slices!.map((slice) => (slice.keyPair ? { ...slice, keyPair: 'ops.key' } : slice)) }));
    expect(brief(dotted)).toEqual([['keypair.name_unsafe', 'Key pairs!A2']]);
    expect(dotted[0]!.message).toContain('ops.key');
    expect(dotted[0]!.hint).toContain('ops-key');
    const rules = await findingsOf((rows) => ({
      ...rows,
      securityGroupRules: <RowInput[]>[
        { group: 'mesh-ssh', protocol: 'tcp', ports: '80-22' },
        { group: 'mesh-ssh', protocol: 'icmp', ports: '22' },
        { group: 'mesh-ssh', protocol: 'udp', ports: '53', remoteCidr: '10.0.0.0/8', remoteGroup: 'mesh-ssh' },
      ],
    }));
    expect(brief(rules)).toEqual([
      ['rule.ports_invalid', 'Security group rules!D2'],
      ['rule.ports_invalid', 'Security group rules!D3'],
      ['rule.remote_both', 'Security group rules!F4'],
    ]);
  });

  it('speaks Chinese and Spanish with the same codes and cells', async () => {
    for (const lang of ['zh', 'es'] as const) {
      const findings = await findingsOf((rows) => slice(rows, { topology: 'ring', nodes: 2 }), lang);
      expect(findings.map((finding) => [finding.code, finding.cell])).toEqual([['slice.node_count', 'D2']]);
      expect(findings[0]!.message).toContain('mesh4');
    }
  });
});
