import type { Finding } from '../../../../shared/plan/findings';
import type { Lang } from '../../../../shared/plan/findingCodes';
import type { Plan } from '../../../../shared/plan/model';
import type { OpenedWorkbook } from '../workbook';
import { checkAddresses, subnetsByRole } from './addressRules';
import { buildPlan } from './buildPlan';
import { ImportContext } from './context';
import { fieldLabel } from './labels';
import { DOCUMENT_SHEET, readDocument } from './readDocument';
import { HOST_SHEET, readHosts } from './readHosts';
import { MANAGEMENT_SHEET, readManagement } from './readManagement';
import { NETWORK_SHEET, readNetworks } from './readNetworks';

export { DEFAULT_ORGANISATION, SMARTX_PROFILE, smartxExtensionOf, type SmartxExtension } from './extension';
export { smartxCodes } from './smartxCodes';

/** The sheets that make a workbook a SmartX planning workbook (规划设计表), in reading order. */
export const SMARTX_SHEETS = [DOCUMENT_SHEET, NETWORK_SHEET, HOST_SHEET, MANAGEMENT_SHEET] as const;

/** Whether the workbook has the four sheets the SmartX profile reads (names compared as Excel does). */
export function detectSmartx(wb: Pick<OpenedWorkbook, 'findSheet'>): boolean {
  return SMARTX_SHEETS.every((name) => wb.findSheet(name) !== undefined);
}

export interface SmartxImportOptions {
  lang: Lang;
}

function checkSheets(ctx: ImportContext): void {
  for (const name of SMARTX_SHEETS) {
    const sheet = ctx.wb.findSheet(name);
    if (!sheet) ctx.add('workbook.sheet_missing', { sheet: name, cell: null }, { name, names: name });
    else if (sheet.state !== 'visible') ctx.add('workbook.sheet_hidden', { sheet: sheet.name, cell: null });
  }
}

/**
 * Reads a SmartX planning workbook into a Plan as a person reads it (see
 * LAYOUT.md). Problems become findings, never exceptions. The findings
 * returned include those the reader raised for cells this import read
 * (unevaluable formulas, error values, truncated text), so the caller
 * should not add `wb.findings` again.
 */
export function importSmartx(wb: OpenedWorkbook, opts: SmartxImportOptions): { plan: Plan; findings: Finding[] } {
  const readerFindingsBefore = wb.findings.length;
  const ctx = new ImportContext(wb, opts.lang);
  checkSheets(ctx);
  const document = readDocument(ctx);
  const networks = readNetworks(ctx);
  const hosts = readHosts(ctx, networks.clusters[0]?.name ?? null);
  const management = readManagement(ctx);
  const subnets = subnetsByRole(networks.networks, networks.infos, networks.subnets);
  const clusters = new Set(networks.clusters.map((cluster) => cluster.name));
  for (const host of hosts.hosts) {
    if (host.cluster && host.src.cluster && clusters.size > 0 && !clusters.has(host.cluster)) {
      ctx.add('ref.unknown', host.src.cluster, { field: fieldLabel('cluster', opts.lang), value: host.cluster, target: NETWORK_SHEET });
    }
  }
  checkAddresses(ctx, {
    subnets,
    hosts: hosts.hosts,
    summary: hosts.summary,
    managementVms: management.vms,
    networkSheet: ctx.sheetName(NETWORK_SHEET),
  });
  const plan = buildPlan(ctx, { document, networks, hosts, management, subnets });
  const readerFindings = wb.findings.slice(readerFindingsBefore);
  return { plan, findings: [...readerFindings, ...ctx.findings] };
}
