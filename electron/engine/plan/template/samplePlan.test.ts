import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endpointFieldsSchema,
  imageFieldsSchema,
  jumpHostFieldsSchema,
  networkFieldsSchema,
  planLangs,
  projectFieldsSchema,
  scriptFieldsSchema,
  vmFieldsSchema,
  type Plan,
  type PlanLang,
} from '../../../../shared/plan/model';
import { Secret } from '../../../../shared/plan/secret';
import { importPlan } from '../importPlan';
import { makeTempDir, removeDir } from '../testFixtures/external';
import { buildSampleWorkbook, sampleIsoBytes, samplePlanFileName, sha256Hex, writeSamplePlan } from './samplePlan';
import { SAMPLE_ISO_FILE, SAMPLE_PLACEHOLDER_PASSWORD } from './samplePlanData';

const assetDir = fileURLToPath(new URL('../../../../assets/sample-plan/', import.meta.url));

const entitySchemas = {
  endpoints: endpointFieldsSchema,
  jumpHosts: jumpHostFieldsSchema,
  networks: networkFieldsSchema,
  images: imageFieldsSchema,
  vms: vmFieldsSchema,
  scripts: scriptFieldsSchema,
} as const;

/** The plan's values only (the model's fields; no sources, whose sheet names differ per language), secrets revealed. */
function normalize(plan: Plan): unknown {
  const values = {
    project: projectFieldsSchema.parse(plan.project),
    ...Object.fromEntries(Object.entries(entitySchemas).map(([list, schema]) => [list, plan[list as keyof typeof entitySchemas].map((entity) => schema.parse(entity))])),
  };
  return JSON.parse(JSON.stringify(values, (_key, value: unknown) => (value instanceof Secret ? `secret:${value.reveal()}` : value)));
}

const imports = new Map<string, Promise<{ plan: Plan; errors: string[]; findings: number }>>();

/** Each file is imported once per test file: opening a workbook starts a worker and takes about a second. */
function importSample(dir: string, lang: PlanLang): Promise<{ plan: Plan; errors: string[]; findings: number }> {
  const path = join(dir, samplePlanFileName(lang));
  let pending = imports.get(path);
  if (!pending) {
    pending = importPlan(path, { lang }).then((result) => ({
      plan: result.plan!,
      errors: result.findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.code} ${finding.sheet}!${finding.cell}`),
      findings: result.findings.length,
    }));
    imports.set(path, pending);
  }
  return pending;
}

let tempDir: string;
beforeAll(async () => {
  tempDir = await makeTempDir('rackpilot-sample-');
  await writeSamplePlan(tempDir);
});
afterAll(async () => {
  await removeDir(tempDir);
});

describe('the committed sample plan', () => {
  it.each(planLangs)('imports in %s with no findings at all', async (lang) => {
    const { errors, findings } = await importSample(assetDir, lang);
    expect(errors).toEqual([]);
    expect(findings).toBe(0);
  });

  it('is the same plan in every header language', async () => {
    const [en, ...others] = await Promise.all(planLangs.map((lang) => importSample(assetDir, lang)));
    for (const other of others) expect(normalize(other.plan)).toEqual(normalize(en!.plan));
  });

  it('describes the site: 3-node cluster, two VLANs, one ISO with its checksum, ten VMs of three OSes with scripts', async () => {
    const { plan } = await importSample(assetDir, 'en');
    expect(plan.endpoints.map((endpoint) => [endpoint.name, endpoint.kind, endpoint.username, endpoint.password?.reveal()])).toEqual([
      ['pve-lab', 'proxmox', 'root@pam', SAMPLE_PLACEHOLDER_PASSWORD],
    ]);
    expect(plan.networks.map((network) => [network.name, network.vlan, network.cidr, network.gateway])).toEqual([
      ['mgmt', 10, '10.10.10.0/24', '10.10.10.1'],
      ['app', 20, '10.20.0.0/24', '10.20.0.1'],
    ]);
    const isos = plan.images.filter((image) => image.kind === 'iso');
    expect(isos).toHaveLength(1);
    expect(plan.images.filter((image) => image.kind === 'template')).toHaveLength(3);
    expect(isos[0]!.sha256).toBe(sha256Hex(await readFile(join(assetDir, SAMPLE_ISO_FILE))));
    expect(plan.vms).toHaveLength(10);
    expect(new Set(plan.vms.flatMap((vm) => vm.placement))).toEqual(new Set(['pve1', 'pve2', 'pve3']));
    const ranges = { ubuntu: [1000, 1999], centos: [2000, 2999], windows: [3000, 3999] } as Record<string, [number, number]>;
    expect(new Set(plan.vms.map((vm) => vm.os))).toEqual(new Set(Object.keys(ranges)));
    for (const vm of plan.vms) {
      const [low, high] = ranges[vm.os]!;
      expect(vm.vmid).toBeGreaterThanOrEqual(low);
      expect(vm.vmid).toBeLessThanOrEqual(high);
      expect(vm.scripts.length).toBeGreaterThan(0);
    }
    expect(plan.scripts.map((script) => script.name)).toEqual(expect.arrayContaining(['set-fqdn', 'install-nginx', 'join-domain']));
    expect(plan.scripts.find((script) => script.name === 'join-domain')).toMatchObject({ interpreter: 'powershell', sudo: false });
  });
});

describe('scripts/makeSamplePlan.ts output', () => {
  it('matches the committed files (regenerate with npx tsx scripts/makeSamplePlan.ts)', async () => {
    // Hashes, not toEqual: a deep comparison of 1 MiB buffers takes seconds.
    expect(sha256Hex(await readFile(join(tempDir, SAMPLE_ISO_FILE)))).toBe(sha256Hex(await readFile(join(assetDir, SAMPLE_ISO_FILE))));
    for (const lang of planLangs) {
      const [fresh, committed] = await Promise.all([importSample(tempDir, lang), importSample(assetDir, lang)]);
      expect(normalize(fresh.plan), lang).toEqual(normalize(committed.plan));
    }
  });

  it('is deterministic: the same bytes every time', async () => {
    const sha = sha256Hex(sampleIsoBytes());
    expect(sha256Hex(sampleIsoBytes())).toBe(sha);
    const first = await buildSampleWorkbook('zh', sha);
    const second = await buildSampleWorkbook('zh', sha);
    expect(sha256Hex(second)).toBe(sha256Hex(first));
    expect(sha256Hex(await readFile(join(tempDir, samplePlanFileName('zh'))))).toBe(sha256Hex(first));
  });
});
