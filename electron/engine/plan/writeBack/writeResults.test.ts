import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/errors';
import type { Finding } from '../../../../shared/plan/findings';
import type { Plan } from '../../../../shared/plan/model';
import { importPlan } from '../importPlan';
import { makeTempDir, removeDir, writeWithOpenpyxl } from '../testFixtures/external';
import { HIGHLIGHT_FILL, NOTE_MARKER } from './highlights';
import { inspectXlsx, makeStyledWorkbook, sheetOf, STYLED_PASSWORD, type InspectedSheet, type Inspection } from './testSupport/python';
import type { RunResults } from './types';
import { defaultResultsPath, writeResults } from './writeResults';

const T0 = Date.UTC(2025, 4, 6, 7, 8, 9);

function resultsFor(plan: Plan, runId = 'run-7f3a'): RunResults {
  return {
    runId,
    planName: plan.project.name,
    state: 'failed',
    startedAt: T0,
    endedAt: T0 + 5 * 60_000,
    items: [
      { kind: 'image', name: 'tools-iso', target: 'pve-lab/pve1/local', status: 'succeeded', createdIds: { volid: 'local:iso/tools.iso' }, ips: [], startedAt: T0, endedAt: T0 + 4000, durationMs: 4000, error: null },
      ...plan.vms.map((vm, index) => ({
        kind: 'vm' as const,
        name: vm.name,
        target: 'pve-lab/pve1',
        status: index === 1 ? ('failed' as const) : ('succeeded' as const),
        createdIds: index === 1 ? ({} as Record<string, string>) : { vmid: String(vm.vmid), uuid: `6f1c2a4e-0000-4000-8000-00000000000${index}`, node: 'pve1' },
        ips: vm.ip ? [vm.ip] : [],
        startedAt: T0 + 5000,
        endedAt: T0 + 65_000,
        durationMs: 60_000,
        error: index === 1 ? 'clone timed out after 60 s' : null,
        ...(vm.origin ? { source: vm.origin } : {}),
      })),
    ],
  };
}

let dir: string;
let source: string;
let plan: Plan;
let findings: Finding[];
let outPath: string;
let out: Inspection;

beforeAll(async () => {
  dir = await makeTempDir('rackpilot-writeback-');
  source = await makeStyledWorkbook(join(dir, 'site plan.xlsx'));
  const imported = await importPlan(source, { lang: 'en' });
  plan = imported.plan!;
  findings = imported.findings;
  ({ outPath } = await writeResults({ sourcePath: source, results: resultsFor(plan), findings, lang: 'en' }));
  out = await inspectXlsx(outPath);
});

afterAll(async () => {
  await removeDir(dir);
});

/** Rows of a table as header -> cell, starting at the row whose first cell is `firstHeader`. */
function table(sheet: InspectedSheet, firstHeader: string): Array<Record<string, InspectedSheet['cells'][string]>> {
  const headerRow = Object.entries(sheet.cells).find(([address, cell]) => /^A\d+$/.test(address) && cell.value === firstHeader)?.[0].slice(1);
  if (!headerRow) throw new Error(`no header ${firstHeader}`);
  const headers = Object.entries(sheet.cells).filter(([address]) => address.replace(/^[A-Z]+/, '') === headerRow);
  const rows: Array<Record<string, InspectedSheet['cells'][string]>> = [];
  for (let row = Number(headerRow) + 1; sheet.cells[`A${row}`]; row++) {
    rows.push(Object.fromEntries(headers.map(([address, header]) => [String(header.value), sheet.cells[`${address.replace(/\d+$/, '')}${row}`]!]).filter(([, cell]) => cell !== undefined)));
  }
  return rows;
}

describe('writeResults', () => {
  it('writes a copy next to the source, named after the run, and leaves the source untouched', async () => {
    expect(outPath).toBe(join(dir, 'site plan.results-run-7f3a.xlsx'));
    expect(defaultResultsPath('/plans/x.y.xlsx', 'run/1 2')).toBe('/plans/x.y.results-run-1-2.xlsx');
    const again = await importPlan(source, { lang: 'en' });
    expect(again.findings).toEqual(findings);
  });

  it("keeps the user's sheets, their order, hidden state and formatting", async () => {
    expect(out.sheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['Project', 'visible'], ['Endpoints', 'visible'], ['Networks', 'visible'], ['VMs', 'visible'],
      ['Budget', 'visible'], ['Lookup', 'hidden'], ['Results', 'visible'], ['Findings', 'visible'],
    ]);
    const vms = sheetOf(out, 'VMs');
    expect(vms.cells['A1']).toMatchObject({ value: 'Name', bold: true, fontName: 'Arial', fontSize: 12, fontColor: 'FFFF0000', fill: 'FFFFFF00', comment: 'Owner: infra team' });
    expect(vms.cells['B2']!.fill).toBe('FFDDEBF7');
    expect(vms.cells['C3']).toMatchObject({ italic: true, fontColor: 'FF00B050' });
    expect(vms.cells['J2']!.value).toBe('="front"&"end"');
    expect(vms.widths['A']).toBe(30);
    expect(sheetOf(out, 'Endpoints').widths['E']).toBe(21);
    const budget = sheetOf(out, 'Budget');
    expect(budget.merged).toEqual(['A1:C1']);
    expect(budget.cells['B4']!.value).toBe('=SUM(B2:B3)');
    expect(sheetOf(out, 'Lookup').cells['A1']!.value).toBe('kept hidden');
    expect(budget.cells['A6']!.hyperlink).toEqual({ target: null, location: "'VMs'!A1" });
    expect(out.active).toBe('Results');
  });

  it('highlights the cells of error findings with a note, and only those', () => {
    const errorCells = findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.sheet}!${finding.cell}`);
    expect(errorCells).toEqual(['VMs!D3', 'VMs!H4']);
    const highlighted = out.sheets.flatMap((sheet) => Object.entries(sheet.cells).filter(([, cell]) => cell.fill === HIGHLIGHT_FILL).map(([address]) => `${sheet.name}!${address}`));
    expect(highlighted).toEqual(errorCells);
    const vms = sheetOf(out, 'VMs');
    expect(vms.cells['D3']!.comment).toBe(`${NOTE_MARKER}\n${findings[0]!.message}\n→ ${findings[0]!.hint}`);
    expect(vms.cells['H4']!.comment).toContain('outside mgmt');
    expect(vms.cells['I4']!.fill).toBeNull();
  });

  it('fills the Results sheet with the run and one coloured row per item, linked to its plan row', () => {
    const results = sheetOf(out, 'Results');
    expect(results.cells['B3']!.value).toBe('run-7f3a');
    expect(results.cells['B4']!.value).toBe('Styled site');
    expect(results.cells['B5']).toMatchObject({ value: 'failed', fill: 'FFFFC7CE' });
    expect(results.cells['B6']).toMatchObject({ value: '2025-05-06 07:08:09', numberFormat: 'yyyy-mm-dd hh:mm:ss' });
    const rows = table(results, 'Kind');
    expect(rows.map((row) => [row['Kind']!.value, row['Name']!.value, row['Status']!.value, row['Status']!.fill])).toEqual([
      ['Image', 'tools-iso', 'succeeded', 'FFC6EFCE'],
      ['VM', 'web-01', 'succeeded', 'FFC6EFCE'],
      ['VM', 'web-02', 'failed', 'FFFFC7CE'],
      ['VM', 'db-01', 'succeeded', 'FFC6EFCE'],
    ]);
    const web01 = rows[1]!;
    expect(web01['VMID']!.value).toBe(1001);
    expect(web01['UUID']!.value).toBe('6f1c2a4e-0000-4000-8000-000000000000');
    expect(web01['Node']!.value).toBe('pve1');
    expect(web01['IP addresses']!.value).toBe('10.10.10.21');
    expect(web01['Duration']).toMatchObject({ value: '0:01:00', numberFormat: '[h]:mm:ss' });
    expect(web01['Plan row']).toMatchObject({ value: 'VMs!A2:J2', hyperlink: { target: null, location: "'VMs'!A2:J2" } });
    expect(rows[0]!['Volume']!.value).toBe('local:iso/tools.iso');
    expect(rows[2]!['Error']!.value).toBe('clone timed out after 60 s');
    expect(rows[2]!['VMID']).toBeUndefined();
  });

  it('lists every finding on the Findings sheet with an internal link to its cell', () => {
    const rows = table(sheetOf(out, 'Findings'), 'Severity');
    expect(rows.map((row) => [row['Severity']!.value, row['Code']!.value, row['Cell']?.value ?? null])).toEqual(
      findings.map((finding) => [finding.severity, finding.code, finding.sheet === null ? null : finding.cell === null ? finding.sheet : `${finding.sheet}!${finding.cell}`]),
    );
    expect(rows[0]!['Cell']!.hyperlink).toEqual({ target: null, location: "'VMs'!D3" });
    expect(rows[0]!['Message']!.value).toBe(findings[0]!.message);
    expect(rows[0]!['How to fix']!.value).toBe(findings[0]!.hint);
  });

  it('writes no secret: the password stays only in the cell the user put it in', () => {
    const holders = out.sheets.flatMap((sheet) =>
      Object.entries(sheet.cells).filter(([, cell]) => JSON.stringify(cell).includes(STYLED_PASSWORD)).map(([address]) => `${sheet.name}!${address}`),
    );
    expect(holders).toEqual(['Endpoints!E2']);
  });

  it('imports to the same plan and findings as the source: the added sheets are passed over', async () => {
    const again = await importPlan(outPath, { lang: 'en' });
    expect(again.findings).toEqual(findings);
    expect(again.plan!.vms.map((vm) => [vm.name, vm.vcpu, vm.ip])).toEqual(plan.vms.map((vm) => [vm.name, vm.vcpu, vm.ip]));
  });

  it('replaces the Results and Findings sheets and highlights of an earlier write-back instead of adding more', async () => {
    const second = await writeResults({ sourcePath: outPath, results: resultsFor(plan, 'run-2'), findings: findings.slice(1), lang: 'zh' });
    const inspection = await inspectXlsx(second.outPath);
    expect(inspection.sheets.map((sheet) => sheet.name)).toEqual(['Project', 'Endpoints', 'Networks', 'VMs', 'Budget', 'Lookup', '结果', '检查结果']);
    const vms = sheetOf(inspection, 'VMs');
    expect(vms.cells['D3']!.fill).toBeNull();
    expect(vms.cells['D3']!.comment).toBeNull();
    expect(vms.cells['H4']!.fill).toBe(HIGHLIGHT_FILL);
    expect(vms.cells['H4']!.comment!.split(NOTE_MARKER)).toHaveLength(2);
    expect(vms.cells['A1']!.comment).toBe('Owner: infra team');
    expect(sheetOf(inspection, '结果').cells['B3']!.value).toBe('run-2');
  });
});

describe('writeResults on a workbook Rackpilot wrote (the sample plan)', () => {
  it('keeps its notes, drop-downs and ranges exactly, without overlapping validations', async () => {
    const source = fileURLToPath(new URL('../../../../assets/sample-plan/sample-plan.es.xlsx', import.meta.url));
    const finding: Finding = { severity: 'error', code: 'value.not_number', sheet: 'Máquinas virtuales', cell: 'F3', message: 'vCPU no es un número.', hint: 'Escriba un número.' };
    const { outPath: written } = await writeResults({ sourcePath: source, outPath: join(dir, 'sample.results.xlsx'), results: resultsFor(plan, 'sample'), findings: [finding], lang: 'es' });
    const [before, after] = await Promise.all([inspectXlsx(source), inspectXlsx(written)]);
    for (const sheet of before.sheets) {
      const copy = sheetOf(after, sheet.name);
      expect(copy.validations, sheet.name).toEqual(sheet.validations);
      const notes = (one: InspectedSheet) => Object.entries(one.cells).flatMap(([address, cell]) => (cell.comment && address !== 'F3' ? [[address, cell.comment]] : []));
      expect(notes(copy), sheet.name).toEqual(notes(sheet));
    }
    expect(sheetOf(after, 'Máquinas virtuales').cells['F3']).toMatchObject({ value: 2, fill: HIGHLIGHT_FILL, comment: expect.stringContaining('vCPU no es un número.') });
    expect(after.sheets.slice(-2).map((sheet) => sheet.name)).toEqual(['Resultados', 'Hallazgos']);
    expect(after.active).toBe('Resultados');
  });
});

describe('writeResults with a sheet of the user called Results', () => {
  it('keeps it and names its own sheets apart', async () => {
    const path = await writeWithOpenpyxl(
      [
        { name: 'VMs', rows: [['Name', 'Endpoint', 'OS', 'vCPU', 'Memory', 'Disk'], ['web-01', 'pve-lab', 'ubuntu', 2, 2048, 20]] },
        { name: 'Results', rows: [['Load test'], ['p95 latency', 120]] },
      ],
      join(dir, 'own-results.xlsx'),
    );
    const first = await writeResults({ sourcePath: path, results: resultsFor(plan, 'own'), findings: [], lang: 'en' });
    const second = await writeResults({ sourcePath: first.outPath, results: resultsFor(plan, 'own-2'), findings: [], lang: 'en' });
    const inspection = await inspectXlsx(second.outPath);
    expect(inspection.sheets.map((sheet) => sheet.name)).toEqual(['VMs', 'Results', 'Results (Rackpilot)', 'Findings']);
    expect(sheetOf(inspection, 'Results').cells['B2']!.value).toBe(120);
    expect(sheetOf(inspection, 'Results (Rackpilot)').cells['B3']!.value).toBe('own-2');
    expect(sheetOf(inspection, 'Findings').cells['A2']!.value).toBe('No findings.');
  });
});

describe('writeResults refusals', () => {
  const base = () => ({ results: resultsFor(plan, 'run-r'), findings, lang: 'en' as const });

  it('never writes over the original unless overwrite is set', async () => {
    const copy = join(dir, 'original.xlsx');
    await copyFile(source, copy);
    const before = await readFile(copy);
    const error = await writeResults({ ...base(), sourcePath: copy, outPath: copy }).catch((cause: unknown) => cause);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError).toMatchObject({ code: 'conflict', hint: expect.stringContaining('original.results-RUN.xlsx') });
    expect(await readFile(copy)).toEqual(before);
    await writeResults({ ...base(), sourcePath: copy, outPath: copy, overwrite: true });
    expect(sheetOf(await inspectXlsx(copy), 'Results').cells['B3']!.value).toBe('run-r');
  });

  it('refuses to replace another existing file unless overwrite is set', async () => {
    const existing = join(dir, 'taken.xlsx');
    await writeFile(existing, 'not mine to replace');
    const error = await writeResults({ ...base(), sourcePath: source, outPath: existing }).catch((cause: unknown) => cause);
    expect((error as AppFailure).appError.code).toBe('conflict');
    expect(await readFile(existing, 'utf8')).toBe('not mine to replace');
  });

  it('rejects malformed results and unreadable sources with clear errors', async () => {
    const bad = { ...base().results, items: [{ kind: 'vm', name: 'x' }] } as unknown as RunResults;
    const malformed = await writeResults({ ...base(), results: bad, sourcePath: source, outPath: join(dir, 'bad.xlsx') }).catch((cause: unknown) => cause);
    expect((malformed as AppFailure).appError).toMatchObject({ code: 'invalid_request', title: expect.stringContaining('results.items.0') });
    const text = join(dir, 'plan.xlsx');
    await writeFile(text, 'name,kind\npve,proxmox\n');
    const unreadable = await writeResults({ ...base(), sourcePath: text, outPath: join(dir, 'never.xlsx') }).catch((cause: unknown) => cause);
    expect((unreadable as AppFailure).appError.code).toBe('workbook_unreadable');
  });
});
