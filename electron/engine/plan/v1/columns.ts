import type { Lang } from '../../../../shared/plan/findingCodes';
import type { ColumnDef, SheetDef, SheetKey, SizeUnit } from './columnTypes';
import { endpointsSheet } from './sheets/endpoints';
import { imagesSheet } from './sheets/images';
import { jumpHostsSheet } from './sheets/jumpHosts';
import { networksSheet } from './sheets/networks';
import { availabilityZonesSheet, flavorsSheet, keyPairsSheet } from './sheets/openstackObjects';
import { projectSheet } from './sheets/project';
import { scriptsSheet } from './sheets/scripts';
import { securityGroupRulesSheet, securityGroupsSheet } from './sheets/securityGroups';
import { slicesSheet } from './sheets/slices';
import { vmsSheet } from './sheets/vms';

export * from './columnTypes';

/**
 * The Rackpilot plan v1 format as data: which sheets, which columns, their
 * headers in en/zh/es and their types. The importer, the template writer and
 * FORMAT.md all follow this list; change the format here.
 */
export const V1_FORMAT_VERSION = 1;
// OpenStack's sheets come last, so the sheets a Proxmox or vCenter plan uses keep their places.
export const v1Sheets: readonly SheetDef[] = [
  projectSheet, endpointsSheet, jumpHostsSheet, networksSheet, imagesSheet, vmsSheet, scriptsSheet,
  flavorsSheet, availabilityZonesSheet, keyPairsSheet, securityGroupsSheet, securityGroupRulesSheet, slicesSheet,
];

export function sheetDef(key: SheetKey): SheetDef {
  const sheet = v1Sheets.find((candidate) => candidate.key === key);
  if (!sheet) throw new Error(`No v1 sheet ${key}`);
  return sheet;
}

/**
 * How headers and sheet names are compared: Unicode-normalized (full-width
 * forms folded), case-insensitive, ignoring spaces, punctuation, a trailing
 * `*` and any unit in brackets (`Memory (GiB)` = `memory`).
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[\s_\-./:*#'"’`·,，、;；]+/g, '');
}

const unitPattern = /[([]\s*(kib|kb|k|mib|mb|m|gib|gb|g|tib|tb|t)\s*[)\]]/i;
const unitNames: Record<string, SizeUnit> = { k: 'KiB', m: 'MiB', g: 'GiB', t: 'TiB' };

/** The size unit a header names in brackets (`Memory (GiB)`, `内存(GB)`), which then applies to bare numbers. */
export function headerUnit(text: string): SizeUnit | null {
  const match = unitPattern.exec(text.normalize('NFKC'));
  return match ? (unitNames[match[1]!.toLowerCase()[0]!] ?? null) : null;
}

function namesOf(labels: { en: string; zh: string; es: string }, synonyms: readonly string[] = []): string[] {
  return [labels.en, labels.zh, labels.es, ...synonyms];
}

export function columnNames(column: ColumnDef): string[] {
  return namesOf(column.header, [column.field, ...(column.synonyms ?? [])]);
}

export function sheetNames(sheet: SheetDef): string[] {
  return namesOf(sheet.name, sheet.synonyms);
}

const columnIndex = new Map<SheetKey, Map<string, ColumnDef>>(
  v1Sheets.map((sheet) => {
    const byName = new Map<string, ColumnDef>();
    for (const column of sheet.columns) {
      for (const name of columnNames(column)) {
        const key = normalizeHeader(name);
        const taken = byName.get(key);
        if (taken && taken !== column) throw new Error(`v1 ${sheet.key}: "${name}" names both ${taken.field} and ${column.field}`);
        byName.set(key, column);
      }
    }
    return [sheet.key, byName];
  }),
);

/** The column a header names on a sheet, or undefined. */
export function matchColumn(sheet: SheetKey, header: string): ColumnDef | undefined {
  return columnIndex.get(sheet)?.get(normalizeHeader(header));
}

/** Every accepted spelling of a sheet's columns, for "did you mean" on unknown headers. */
export function knownHeaders(sheet: SheetKey, lang: Lang): string[] {
  return sheetDef(sheet).columns.map((column) => column.header[lang]);
}

/** The v1 sheet a workbook sheet name stands for, or undefined. */
export function matchSheet(name: string): SheetDef | undefined {
  const key = normalizeHeader(name);
  return v1Sheets.find((sheet) => sheetNames(sheet).some((candidate) => normalizeHeader(candidate) === key));
}

/** `“VMs” / “虚拟机” / “Máquinas virtuales”`, for messages asking to add a sheet or column. */
export function quotedNames(labels: { en: string; zh: string; es: string }, lang: Lang): string {
  const order: Lang[] = [lang, ...(['en', 'zh', 'es'] as const).filter((other) => other !== lang)];
  return [...new Set(order.map((one) => labels[one]))].map((name) => `“${name}”`).join(' / ');
}
