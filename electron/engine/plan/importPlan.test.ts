import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { planShapeSchema } from '../../../shared/plan/model';
import { planJsonSchema, type EntityJson, type SourcedValueJson } from '../../../shared/plan/planJson';
import { REDACTED } from '../../../shared/plan/secret';
import { convertManyWithLibreOffice, makeTempDir, removeDir, writeManyWithOpenpyxl, type SheetSpec } from './testFixtures/external';
import { samplePlanRows, samplePlanSheets, table } from './testFixtures/v1Plan';
import { importPlan, planToJson, type ImportPlanResult } from './importPlan';

const SMARTX_TEMPLATE = new URL('../../../../shared/reference/smartx-planning-workbook-template-v20250820.xlsx', import.meta.url).pathname;
const SECRETS = ['pve-secret', 'vc-secret', 'jump-secret', 'vm-secret', 'db-secret', 'win-secret'];
const langs = ['en', 'zh', 'es'] as const;

let dir: string;
const fromLibreOffice = new Map<string, ImportPlanResult>();

/** The sample plan with a hidden VMs sheet, a merged endpoint column, title rows, an empty row and a comment row. */
function humanSheets(): SheetSpec[] {
  const rows = samplePlanRows();
  rows.vms.splice(2, 0, { name: '# parked: db-00', endpoint: 'pve1', os: 'ubuntu', vcpu: 1, memoryMiB: 1024, diskGiB: 10 });
  const sheets = samplePlanSheets('en', rows, { vms: { titleRows: [['Lab site A — virtual machines'], ['Memory: bare numbers are MiB']] } });
  const vms = sheets.find((sheet) => sheet.name === 'VMs')!;
  vms.state = 'hidden';
  vms.rows!.splice(5, 0, []);
  const endpointColumn = 'B';
  vms.rows!.forEach((row, index) => index >= 4 && row.length > 0 && (row[1] = index === 4 ? 'pve1' : null));
  vms.merges = [`${endpointColumn}4:${endpointColumn}9`];
  return sheets;
}

beforeAll(async () => {
  dir = await makeTempDir();
  await writeFile(join(dir, 'empty.iso'), '');
  const items = langs.map((lang) => ({ sheets: samplePlanSheets(lang), out: join(dir, `plan-${lang}.xlsx`) }));
  items.push({ sheets: humanSheets(), out: join(dir, 'human.xlsx') });
  items.push({ sheets: [{ name: 'Budget', rows: [['Item', 'Cost'], ['Switch', 1200]] }], out: join(dir, 'budget.xlsx') });
  items.push({ sheets: [table('vms', 'en', samplePlanRows().vms)], out: join(dir, 'vms-only.xlsx') });
  await writeManyWithOpenpyxl(items, join(dir, 'batch.json'));
  const converted = await convertManyWithLibreOffice(langs.map((lang) => join(dir, `plan-${lang}.xlsx`)), join(dir, 'lo'));
  await writeFile(join(dir, 'lo', 'empty.iso'), '');
  for (const [index, lang] of langs.entries()) fromLibreOffice.set(lang, await importPlan(converted[index]!, { lang }));
}, 180_000);
afterAll(() => removeDir(dir));

function values(entity: EntityJson): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity).filter(([key]) => key !== 'origin').map(([key, field]) => [key, (field as SourcedValueJson).value]));
}

describe('importPlan on v1 workbooks written by LibreOffice', () => {
  it.each(langs)('reads the plan with %s headers without a finding', (lang) => {
    const result = fromLibreOffice.get(lang)!;
    expect(result.profile).toBe('rackpilot-v1');
    expect(result.findings).toEqual([]);
    expect(result.summary).toEqual({ errors: 0, warnings: 0, infos: 0, sheets: 7, rows: 14 });
    expect(planShapeSchema.safeParse(result.plan).success).toBe(true);
  });

  it('understands the same plan whatever the header language', () => {
    const [en, zh, es] = langs.map((lang) => planToJson(fromLibreOffice.get(lang)!.plan!));
    for (const list of ['endpoints', 'jumpHosts', 'networks', 'images', 'vms', 'scripts'] as const) {
      expect(zh![list].map(values), list).toEqual(en![list].map(values));
      expect(es![list].map(values), list).toEqual(en![list].map(values));
    }
  });

  it('normalizes units and names as documented', () => {
    const plan = fromLibreOffice.get('en')!.plan!;
    const vm = (name: string) => plan.vms.find((candidate) => candidate.name === name)!;
    expect(vm('web-01')).toMatchObject({ memoryMiB: 4096, diskGiB: 40, os: 'ubuntu', placement: ['pve-a', 'pve-b'], scripts: ['base'] });
    expect(vm('db-01')).toMatchObject({ memoryMiB: 1536, diskGiB: 512, os: 'centos' });
    expect(vm('ad-01')).toMatchObject({ memoryMiB: 8192, os: 'windows', vmid: 3001 });
    expect(plan.endpoints[0]).toMatchObject({ port: 8006, tlsFingerprint: Array(32).fill('AB').join(':') });
    expect(plan.scripts[0]).toMatchObject({ runOn: 'all', sudo: true, timeoutSec: 600 });
    expect(plan.jumpHosts[1]).toMatchObject({ via: 'bastion1', port: 2222 });
  });
});

describe('planToJson', () => {
  it('gives every value its cell, defaults no cell, and no secret in clear', () => {
    const json = planToJson(fromLibreOffice.get('en')!.plan!);
    expect(planJsonSchema.safeParse(json).success).toBe(true);
    const web01 = json.vms[0]!;
    expect(web01.origin).toMatch(/^VMs!A2:[A-Z]+2$/);
    expect(web01.name).toEqual({ value: 'web-01', source: 'VMs!A2' });
    expect(web01.password).toEqual({ value: REDACTED, source: expect.stringMatching(/^VMs![A-Z]+2$/) });
    expect(json.endpoints[0]!.port).toEqual({ value: 8006, source: null });
    const text = JSON.stringify(json);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});

describe('importPlan reads workbooks as a person would', () => {
  it('reads hidden sheets, title rows, merged cells, empty rows and comment rows', async () => {
    const result = await importPlan(join(dir, 'human.xlsx'));
    expect(result.findings.map((finding) => finding.code)).toEqual(['workbook.sheet_hidden']);
    const plan = result.plan!;
    expect(plan.vms.map((vm) => vm.name)).toEqual(['web-01', 'web-02', 'db-01', 'ad-01']);
    expect(plan.vms.map((vm) => vm.endpoint)).toEqual(['pve1', 'pve1', 'pve1', 'pve1']);
    expect(plan.vms[3]!.src.endpoint).toEqual({ sheet: 'VMs', cell: 'B9' });
  });

  it('answers in the requested language', async () => {
    const result = await importPlan(join(dir, 'vms-only.xlsx'), { lang: 'zh' });
    const missing = result.findings.find((finding) => finding.code === 'workbook.sheet_missing')!;
    expect(missing.message).toBe('缺少工作表“端点”。');
    const unknown = result.findings.find((finding) => finding.code === 'ref.unknown')!;
    expect(unknown.message).toContain('端点');
  });

  it('returns no plan and one finding when no profile fits, and honours a forced profile', async () => {
    const auto = await importPlan(join(dir, 'budget.xlsx'));
    expect(auto.plan).toBeNull();
    expect(auto.profile).toBe('unknown');
    expect(auto.findings).toMatchObject([{ code: 'workbook.no_profile', severity: 'error' }]);
    const forced = await importPlan(join(dir, 'budget.xlsx'), { profile: 'rackpilot-v1' });
    expect(forced.plan).not.toBeNull();
    expect(forced.findings.filter((finding) => finding.code === 'workbook.sheet_missing')).toHaveLength(2);
  });

  it('throws workbook_unreadable for a file it cannot read', async () => {
    await writeFile(join(dir, 'plan.csv'), 'Name,Endpoint\nweb-01,pve1\n');
    const error = await importPlan(join(dir, 'plan.csv')).catch((cause: unknown) => cause);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError.code).toBe('workbook_unreadable');
  });
});

describe('importPlan on the real SmartX template', () => {
  it('detects the profile, finds no error and prints no password', async (context) => {
    const present = await access(SMARTX_TEMPLATE).then(() => true, () => false);
    if (!present) context.skip();
    const result = await importPlan(SMARTX_TEMPLATE);
    expect(result.profile).toBe('smartx');
    expect(result.summary.errors).toBe(0);
    const json = planToJson(result.plan!);
    expect(json.hosts.length).toBeGreaterThan(0);
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/HC!r0cks|P@ssw0rd/);
    const forced = await importPlan(SMARTX_TEMPLATE, { profile: 'rackpilot-v1' });
    expect(forced.profile).toBe('rackpilot-v1');
    expect(forced.summary.errors).toBeGreaterThan(0);
  });
});
