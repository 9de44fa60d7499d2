import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/errors';
import { planLangs, type PlanLang } from '../../../../shared/plan/model';
import { importPlan } from '../importPlan';
import { v1Sheets } from '../v1/columns';
import { slicesSheet } from '../v1/sheets/slices';
import { inspectXlsx, sheetOf, type Inspection } from '../writeBack/testSupport/python';
import { columnLetters } from '../workbook';
import { COMMENT_PREFIX } from './planSheets';
import { templateText } from './templateText';
import { wholeNumberRanges } from './validations';
import { writeTemplate } from './writeTemplate';
import { makeTempDir, removeDir } from '../testFixtures/external';

let dir: string;
const written = new Map<PlanLang, { path: string; inspection: Inspection }>();

beforeAll(async () => {
  dir = await makeTempDir('rackpilot-template-');
  for (const lang of planLangs) {
    const path = join(dir, `template.${lang}.xlsx`);
    await writeTemplate(path, { lang });
    written.set(lang, { path, inspection: await inspectXlsx(path) });
  }
});

afterAll(async () => {
  await removeDir(dir);
});

const get = (lang: PlanLang) => written.get(lang)!;

describe.each(planLangs)('writeTemplate (%s)', (lang) => {
  it('re-imports through importPlan, skips the example rows and says there is nothing to deploy yet', async () => {
    const result = await importPlan(get(lang).path, { lang });
    expect(result.profile).toBe('rackpilot-v1');
    expect(result.findings.map((finding) => [finding.code, finding.severity])).toEqual([['plan.nothing_to_deploy', 'error']]);
    expect(result.summary.sheets).toBe(get(lang).inspection.sheets.length);
    const plan = result.plan!;
    expect([plan.endpoints, plan.jumpHosts, plan.networks, plan.images, plan.vms, plan.scripts].map((list) => list.length)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('has the instructions sheet first, then one sheet per v1 entity with headers in the language', () => {
    const { inspection } = get(lang);
    expect(inspection.sheets.map((sheet) => sheet.name)).toEqual([templateText[lang].readmeSheet, ...v1Sheets.map((def) => def.name[lang])]);
    for (const def of v1Sheets.filter((candidate) => candidate.layout === 'table')) {
      const sheet = sheetOf(inspection, def.name[lang]);
      def.columns.forEach((column, index) => {
        const header = sheet.cells[`${columnLetters(index + 1)}1`]!;
        expect(header.value).toBe(column.required ? `${column.header[lang]} *` : column.header[lang]);
        expect(header.bold).toBe(true);
        expect(header.comment).toContain(column.help[lang]);
        if (column.example !== undefined && column.type.kind !== 'bool') expect(header.comment).toContain(String(column.example));
      });
      expect(sheet.freeze).toBe('B2');
      expect(Object.keys(sheet.widths).length).toBeGreaterThan(0);
    }
  });

  it('marks example rows as comments, greyed and italic', () => {
    const { inspection } = get(lang);
    for (const def of v1Sheets.filter((candidate) => candidate.layout === 'table')) {
      const name = sheetOf(inspection, def.name[lang]).cells['A2']!;
      expect(String(name.value)).toMatch(new RegExp(`^${COMMENT_PREFIX}\\S`));
      expect(name.italic).toBe(true);
      expect(name.fontColor).toBe('FF7F7F7F');
      expect(name.comment).toBe(templateText[lang].exampleRow);
    }
  });

  it('offers drop-downs for closed lists and ranges for whole numbers', () => {
    const { inspection } = get(lang);
    const validations = (sheetKey: string) => sheetOf(inspection, v1Sheets.find((def) => def.key === sheetKey)!.name[lang]).validations;
    const byColumn = (sheetKey: string, field: string) => {
      const def = v1Sheets.find((candidate) => candidate.key === sheetKey)!;
      const letter = columnLetters(def.columns.findIndex((column) => column.field === field) + 1);
      return validations(sheetKey).find((validation) => validation.sqref.startsWith(`${letter}2:`));
    };
    expect(byColumn('endpoints', 'kind')).toMatchObject({ type: 'list', formula1: '"proxmox,vsphere,openstack,smartx,cloudtower"', allowBlank: true });
    expect(byColumn('images', 'kind')).toMatchObject({ type: 'list', formula1: '"iso,template"' });
    expect(byColumn('vms', 'os')).toMatchObject({ type: 'list', formula1: '"ubuntu,centos,rocky,debian,windows,other"', errorStyle: 'warning' });
    // A single-name reference offers the names of its target sheet; a list of names gets no drop-down.
    expect(byColumn('slices', 'flavor')).toMatchObject({ type: 'list', formula1: `'${v1Sheets.find((def) => def.key === 'flavors')!.name[lang]}'!$A$2:$A$1000`, errorStyle: 'warning' });
    expect(byColumn('securityGroupRules', 'group')).toMatchObject({ type: 'list', formula1: `'${v1Sheets.find((def) => def.key === 'securityGroups')!.name[lang]}'!$A$2:$A$1000` });
    expect(byColumn('slices', 'zones')).toBeUndefined();
    expect(byColumn('scripts', 'sudo')).toMatchObject({ type: 'list', formula1: `"${templateText[lang].yes},${templateText[lang].no}"` });
    expect(byColumn('networks', 'vlan')).toMatchObject({ type: 'whole', formula1: '0', formula2: '4094', errorStyle: 'stop' });
    expect(byColumn('vms', 'vcpu')).toMatchObject({ type: 'whole', formula1: '1', formula2: '512' });
    expect(byColumn('vms', 'vmid')).toMatchObject({ type: 'whole', formula1: '100', formula2: '999999999' });
    expect(byColumn('endpoints', 'port')).toMatchObject({ type: 'whole', formula1: '1', formula2: '65535' });
    const project = sheetOf(inspection, v1Sheets[0]!.name[lang]);
    expect(project.validations).toEqual([expect.objectContaining({ type: 'list', formula1: '"en,zh,es"' })]);
  });

  it('links the instructions to every sheet inside the workbook', () => {
    const readme = sheetOf(get(lang).inspection, templateText[lang].readmeSheet);
    const locations = Object.values(readme.cells).flatMap((cell) => (cell.hyperlink ? [cell.hyperlink] : []));
    expect(locations).toEqual(v1Sheets.map((def) => ({ target: null, location: `'${def.name[lang]}'!A1` })));
  });
});

describe('writeTemplate', () => {
  it('gives every whole-number column a range, so none reaches the template unchecked', () => {
    const intColumns = v1Sheets.flatMap((def) => def.columns.filter((column) => column.type.kind === 'int').map((column) => `${def.key}.${column.field}`));
    expect(Object.keys(wholeNumberRanges).sort()).toEqual(intColumns.sort());
  });

  it('has example values the importer reads: uncommented, they import with only missing secrets and files', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(get('es').path);
    for (const ws of wb.worksheets) {
      // A slice deploys onto OpenStack only, and the example Endpoints row is a Proxmox one.
      if (ws.name === slicesSheet.name.es) continue;
      const cell = ws.getCell('A2');
      if (typeof cell.value === 'string' && cell.value.startsWith(COMMENT_PREFIX)) cell.value = cell.value.slice(COMMENT_PREFIX.length);
    }
    const path = join(dir, 'uncommented.xlsx');
    await wb.xlsx.writeFile(path);
    const { plan, findings } = await importPlan(path, { lang: 'es' });
    expect([plan!.endpoints, plan!.jumpHosts, plan!.networks, plan!.images, plan!.vms, plan!.scripts].map((list) => list.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(plan!.vms[0]).toMatchObject({ name: 'web-01', os: 'ubuntu', vcpu: 2, memoryMiB: 4096, diskGiB: 40, network: 'mgmt', scripts: ['base-packages'] });
    expect(plan!.scripts[0]).toMatchObject({ sudo: true, timeoutSec: 600 });
    const codes = new Set(findings.filter((finding) => finding.severity === 'error').map((finding) => finding.code));
    expect([...codes].sort()).toEqual(['image.file_missing']);
    // The example leaves its passwords empty: each is asked for at Connect, a warning until then.
    const secrets = findings.filter((finding) => finding.code === 'secret.missing');
    expect(secrets.length).toBeGreaterThan(0);
    expect(new Set(secrets.map((finding) => finding.severity))).toEqual(new Set(['warning']));
  });

  it('refuses to replace an existing file unless told to', async () => {
    const path = join(dir, 'existing.xlsx');
    await writeFile(path, 'keep me');
    const error = await writeTemplate(path, { lang: 'en' }).catch((cause: unknown) => cause);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError.code).toBe('conflict');
    expect(await readFile(path, 'utf8')).toBe('keep me');
    await writeTemplate(path, { lang: 'en', overwrite: true });
    expect((await readFile(path)).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an unknown language', async () => {
    const error = await writeTemplate(join(dir, 'fr.xlsx'), { lang: 'fr' as PlanLang }).catch((cause: unknown) => cause);
    expect((error as AppFailure).appError.code).toBe('invalid_request');
  });
});
