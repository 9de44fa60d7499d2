import { basename, extname } from 'node:path';
import type { Finding } from '../../../../shared/plan/findings';
import { emptyPlan, type Plan } from '../../../../shared/plan/model';
import type { OpenedWorkbook } from '../workbook';
import { matchSheet, normalizeHeader, quotedNames, v1Sheets } from './columns';
import type { SheetDef, SheetKey } from './columnTypes';
import { toEndpoint, toImage, toJumpHost, toNetwork, toOpenstackEntity, toProject, toScript, toVm } from './entities';
import { findHeader } from './headerRow';
import { readKeyValue, readTable, type RowRecord } from './readSheet';

export const V1_PROFILE = 'rackpilot-v1';

/**
 * Sheets that belong next to a plan without being part of it (write-back
 * results, instructions, the template's lists for drop-downs): not reported.
 */
export const QUIET_SHEETS: readonly string[] = [
  'results', 'findings', 'readme', 'instructions', 'help', 'lists', 'about',
  '结果', '检查结果', '问题', '说明', '使用说明', '列表',
  'resultados', 'hallazgos', 'instrucciones', 'ayuda', 'listas',
];
const quiet = new Set(QUIET_SHEETS.map(normalizeHeader));

export interface V1Detection {
  /** Workbook sheet name per v1 sheet found. */
  sheets: Map<SheetKey, string>;
  /** True when the VMs or Endpoints sheet is there. */
  isV1: boolean;
}

export function detectV1(wb: OpenedWorkbook): V1Detection {
  const sheets = new Map<SheetKey, string>();
  for (const sheet of wb.sheets) {
    const def = matchSheet(sheet.name);
    if (def && !sheets.has(def.key)) sheets.set(def.key, sheet.name);
  }
  return { sheets, isV1: sheets.has('vms') || sheets.has('endpoints') };
}

function reportSheets(wb: OpenedWorkbook, found: Map<SheetKey, string>): void {
  const used = new Set(found.values());
  for (const sheet of wb.sheets) {
    if (used.has(sheet.name)) {
      if (sheet.state !== 'visible') wb.report('workbook.sheet_hidden', sheet.name, null);
      continue;
    }
    const hasData = wb.rowNumbers(sheet.name).length > 0;
    if (sheet.state === 'visible' && hasData && !quiet.has(normalizeHeader(sheet.name))) wb.report('workbook.sheet_ignored', sheet.name, null);
  }
}

function readRecords(wb: OpenedWorkbook, def: SheetDef, sheetName: string | undefined): RowRecord[] {
  if (sheetName === undefined) {
    if (def.required) {
      const lang = wb.lang;
      wb.report('workbook.sheet_missing', null, null, { name: def.name[lang], names: quotedNames(def.name, lang) });
    }
    return [];
  }
  const header = findHeader(wb, sheetName, def);
  return header ? readTable(wb, sheetName, def, header) : [];
}

/**
 * Reads a Rackpilot plan v1 workbook. Always returns a plan: rows with
 * problems are kept (with placeholder values where cells were invalid) so
 * references to them resolve, and the findings say what to fix. A plan with
 * error findings must not be deployed.
 */
export function importV1(wb: OpenedWorkbook): { plan: Plan; findings: Finding[] } {
  const { sheets } = detectV1(wb);
  reportSheets(wb, sheets);
  const plan = emptyPlan(V1_PROFILE, wb.path);
  const projectSheet = sheets.get('project');
  const projectDef = v1Sheets.find((def) => def.key === 'project')!;
  plan.project = toProject(projectSheet === undefined ? null : readKeyValue(wb, projectSheet, projectDef), basename(wb.path, extname(wb.path)));
  for (const def of v1Sheets) {
    if (def.layout !== 'table') continue;
    const records = readRecords(wb, def, sheets.get(def.key));
    switch (def.list) {
      case 'endpoints':
        plan.endpoints = records.map(toEndpoint);
        break;
      case 'jumpHosts':
        plan.jumpHosts = records.map(toJumpHost);
        break;
      case 'networks':
        plan.networks = records.map(toNetwork);
        break;
      case 'images':
        plan.images = records.map(toImage);
        break;
      case 'vms':
        plan.vms = records.map(toVm);
        break;
      case 'scripts':
        plan.scripts = records.map(toScript);
        break;
      case 'flavors':
      case 'availabilityZones':
      case 'keyPairs':
      case 'securityGroups':
      case 'securityGroupRules':
      case 'slices':
        (plan[def.list] as unknown[]) = records.map(toOpenstackEntity);
        break;
      case null:
        break;
    }
  }
  return { plan, findings: wb.findings };
}
