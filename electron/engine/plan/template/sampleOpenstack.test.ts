import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { planSlice } from '../../../../shared/plan/openstack/slicePlan';
import { importPlan } from '../importPlan';
import { endpointsSheet } from '../v1/sheets/endpoints';
import { jumpHostsSheet } from '../v1/sheets/jumpHosts';
import { buildPlanWorkbook } from './writeTemplate';
import { buildSampleOpenstackWorkbook, sha256Hex, SAMPLE_OPENSTACK_FILE } from './samplePlan';

const assetDir = fileURLToPath(new URL('../../../../assets/sample-plan/', import.meta.url));
const path = join(assetDir, SAMPLE_OPENSTACK_FILE);

async function headersOf(source: string | Buffer, sheet: string): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  if (typeof source === 'string') await book.xlsx.readFile(source);
  else await book.xlsx.load(source as unknown as ArrayBuffer);
  return (book.getWorksheet(sheet)!.getRow(1).values as unknown[]).slice(1).map(String);
}

describe('the committed OpenStack sample plan', () => {
  it('imports with no findings: one OpenStack endpoint behind a jump host, and a 4-node HA mesh slice over two zones', async () => {
    const result = await importPlan(path, { lang: 'en' });
    expect(result.findings).toEqual([]);
    const plan = result.plan!;
    expect(plan.endpoints.map((endpoint) => [endpoint.kind, endpoint.jumpHost, endpoint.project, endpoint.domain, endpoint.region])).toEqual([['openstack', 'bastion', 'admin', 'Default', 'RegionOne']]);
    expect(plan.jumpHosts.map((jumpHost) => [jumpHost.name, jumpHost.port])).toEqual([['bastion', 5821]]);
    const [slice] = plan.slices;
    expect(slice).toMatchObject({ topology: 'mesh', nodes: 4, ha: true, flavor: 'rp.small', keyPair: 'ops-key', securityGroups: ['mesh-ssh'] });
    const planned = planSlice(slice!, plan.vms, plan.availabilityZones);
    expect(planned.expansion.kind === 'expanded' && planned.expansion.links).toHaveLength(6);
    expect(new Set(planned.placements.map((one) => one.zone))).toEqual(new Set(['zone-1', 'zone-2']));
    expect(plan.flavors[0]).toMatchObject({ vcpu: 1, memoryMiB: 1024, diskGiB: 5, recommend: true });
    expect(plan.securityGroupRules).toHaveLength(3);
  });

  it('says openstack has no provider when the build serves none (until the OpenStack provider registers)', async () => {
    const result = await importPlan(path, { lang: 'en', providerKinds: ['proxmox', 'vsphere'] });
    expect(result.findings.find((finding) => finding.code === 'endpoint.kind_unsupported')).toMatchObject({ sheet: 'Endpoints', cell: 'B2' });
    const served = await importPlan(path, { lang: 'en', providerKinds: ['openstack'] });
    expect(served.findings).toEqual([]);
  });

  it('has the Endpoints and Jump hosts headers `rackpilot template --lang en` writes', async () => {
    const template = await buildPlanWorkbook('en', { examples: true, rows: {} });
    for (const sheet of [endpointsSheet.name.en, jumpHostsSheet.name.en]) expect(await headersOf(path, sheet)).toEqual(await headersOf(template, sheet));
    const endpoints = (await headersOf(path, endpointsSheet.name.en)).map((text) => text.replace(/ \*$/, ''));
    for (const header of ['Project', 'Domain', 'Region', 'Jump host']) expect(endpoints).toContain(header);
    const jumpHosts = (await headersOf(path, jumpHostsSheet.name.en)).map((text) => text.replace(/ \*$/, ''));
    for (const header of ['User', 'Password', 'Key file', 'Host key (SHA-256)']) expect(jumpHosts).toContain(header);
  });

  it('is what the generator writes (regenerate with npx tsx scripts/makeSamplePlan.ts)', async () => {
    expect(sha256Hex(await buildSampleOpenstackWorkbook())).toBe(sha256Hex(await readFile(path)));
  });
});
