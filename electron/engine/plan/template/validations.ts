import type { DataValidation } from 'exceljs';
import { fillTemplate, type Lang } from '../../../../shared/plan/findingCodes';
import { sheetDef } from '../v1/columns';
import type { ColumnDef, SheetKey } from '../v1/columnTypes';
import { sheetRef } from './readmeSheet';
import { templateText } from './templateText';

/*
 * Excel data validation for template columns: drop-downs for closed lists
 * (kinds, OS, yes/no, language) and ranges for whole numbers. Lists warn
 * rather than refuse, because the importer also takes synonyms and versions
 * (`pve`, `Ubuntu 24.04`) that a strict list would reject; number ranges are
 * the validator's hard limits, so they refuse.
 */

/**
 * Whole-number columns and their ranges, keyed `sheet.field`. VLAN, vCPU and
 * port are the limits validate/values.ts enforces; VMIDs are Proxmox's own
 * (100..999,999,999). Every int column must be listed (a test checks), so a
 * new one cannot slip into the template without a range.
 */
export const wholeNumberRanges: Readonly<Record<string, readonly [number, number]>> = {
  'endpoints.port': [1, 65535],
  'jumpHosts.port': [1, 65535],
  'networks.vlan': [0, 4094],
  'vms.vcpu': [1, 512],
  'vms.vmid': [100, 999_999_999],
  'flavors.vcpu': [1, 512],
  // The largest topology limit (shared/plan/openstack/topology.ts); each topology's own is checked on import.
  'slices.nodes': [1, 64],
};

/** The values a drop-down offers for a column, or null when it has none. */
export function listValues(column: ColumnDef, lang: Lang): string[] | null {
  if (column.type.kind === 'enum') return [...column.type.values];
  if (column.type.kind === 'bool') return [templateText[lang].yes, templateText[lang].no];
  return null;
}

/** Excel caps an inline list formula at 255 characters. */
const MAX_LIST_FORMULA = 255;

/** Rows of another sheet a reference drop-down offers (the header is row 1). */
const REFERENCED_ROWS = 1000;

/**
 * A single-name reference offers the names on its target sheet (`Flavors!A2:A1000`),
 * as a warning like the lists: a name may also be one the platform already has.
 * Multi-name references (`a, b`) get none; a drop-down picks one value.
 */
function referenceFormula(column: ColumnDef, lang: Lang): string | null {
  if (column.type.kind !== 'ref' || column.type.list) return null;
  const target = sheetDef(column.type.sheet);
  const index = target.columns.findIndex((candidate) => candidate.field === target.keyField);
  const letter = String.fromCharCode(65 + index);
  return sheetRef(target.name[lang], `$${letter}$2:$${letter}$${REFERENCED_ROWS}`);
}

export function columnValidation(sheet: SheetKey, column: ColumnDef, lang: Lang): DataValidation | null {
  const text = templateText[lang];
  const reference = referenceFormula(column, lang);
  if (reference) {
    return { type: 'list', allowBlank: true, formulae: [reference], showErrorMessage: true, errorStyle: 'warning', errorTitle: text.listErrorTitle, error: text.listError };
  }
  const values = listValues(column, lang);
  if (values) {
    const formula = `"${values.join(',')}"`;
    if (formula.length > MAX_LIST_FORMULA) throw new Error(`Drop-down for ${sheet}.${column.field} exceeds Excel's 255 characters`);
    return {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: text.listErrorTitle,
      error: text.listError,
    };
  }
  if (column.type.kind !== 'int') return null;
  const range = wholeNumberRanges[`${sheet}.${column.field}`];
  if (!range) throw new Error(`No whole-number range for ${sheet}.${column.field}; add it to wholeNumberRanges`);
  const [min, max] = range;
  return {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [min, max],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: column.header[lang],
    error: fillTemplate(text.wholeError, { min, max }),
  };
}
