import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importPlan } from '../importPlan';
import { endpointsSheet } from '../v1/sheets/endpoints';
import { buildPlanWorkbook } from './writeTemplate';
import { buildSampleVsphereWorkbook, sampleIsoBytes, sha256Hex, SAMPLE_VSPHERE_FILE } from './samplePlan';

const assetDir = fileURLToPath(new URL('../../../../assets/sample-plan/', import.meta.url));
const path = join(assetDir, SAMPLE_VSPHERE_FILE);

describe('the committed vCenter sample plan', () => {
  it('imports with no findings: one vCenter endpoint, two port groups, both templates, eight VMs of both families, one mounting the ISO', async () => {
    const result = await importPlan(path, { lang: 'en' });
    expect(result.findings).toEqual([]);
    const plan = result.plan!;
    expect(plan.endpoints.map((endpoint) => [endpoint.kind, endpoint.datacenter, endpoint.cluster])).toEqual([['vsphere', 'DC0', 'DC0_C0']]);
    expect(plan.networks.map((network) => [network.portGroup, network.vds])).toEqual([
      ['VM Network', null],
      ['DC0_DVPG0', 'DVS0'],
    ]);
    expect(plan.images.filter((image) => image.kind === 'template').map((image) => image.remoteName)).toEqual(['tpl-ubuntu-22.04', 'tpl-windows-2022']);
    expect(plan.vms.length).toBeGreaterThanOrEqual(8);
    expect(new Set(plan.vms.map((vm) => vm.os))).toEqual(new Set(['ubuntu', 'windows']));
    expect(new Set(plan.vms.map((vm) => vm.storage))).toEqual(new Set(['LocalDS_0']));
    expect(plan.vms.filter((vm) => vm.image === 'tools-iso')).toHaveLength(1);
  });

  it("has the Endpoints headers `rackpilot template --lang en` writes, so scripts can rewrite its endpoint by header", async () => {
    const headersOf = async (source: string | Buffer): Promise<string[]> => {
      const book = new ExcelJS.Workbook();
      if (typeof source === 'string') await book.xlsx.readFile(source);
      else await book.xlsx.load(source as unknown as ArrayBuffer);
      return (book.getWorksheet(endpointsSheet.name.en)!.getRow(1).values as unknown[]).slice(1).map(String);
    };
    const template = await headersOf(await buildPlanWorkbook('en', { examples: true, rows: {} }));
    const sample = await headersOf(path);
    expect(sample).toEqual(template);
    for (const header of ['Name', 'Kind', 'Address', 'Port', 'User', 'Password', 'TLS fingerprint']) expect(sample.map((text) => text.replace(/ \*$/, ''))).toContain(header);
  });

  it('is what the generator writes (regenerate with npx tsx scripts/makeSamplePlan.ts)', async () => {
    const fresh = await buildSampleVsphereWorkbook(sha256Hex(sampleIsoBytes()));
    expect(sha256Hex(fresh)).toBe(sha256Hex(await readFile(path)));
  });
});
