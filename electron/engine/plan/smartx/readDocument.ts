import type { CellRef } from '../../../../shared/plan/model';
import type { ImportContext, Read } from './context';
import { findLabel } from './table';

export const DOCUMENT_SHEET = '文档描述';

export interface DocumentInfo {
  customer: Read;
  project: Read;
  datacenter: Read;
  origin: CellRef;
}

/**
 * `文档描述`: the customer (organisation), project and data-centre names sit
 * right of their labels (`客户名称：` B15 -> C15:F15). The labels are looked up
 * so a row inserted above them does not matter; C15/C16/C17 are the
 * template's positions when a label has been deleted.
 */
export function readDocument(ctx: ImportContext): DocumentInfo {
  const sheet = ctx.sheetName(DOCUMENT_SHEET) ?? DOCUMENT_SHEET;
  const rows = ctx.wb.rowNumbers(sheet).filter((row) => row <= 60);
  const at = (labels: readonly string[], fallbackRow: number): Read => {
    const hit = findLabel(ctx, sheet, rows, labels);
    return hit ? ctx.read(sheet, hit.row, hit.valueCol) : ctx.read(sheet, fallbackRow, 3);
  };
  return {
    customer: at(['客户名称', 'customer', 'organisation', 'organization', 'cliente'], 15),
    project: at(['项目名称', 'project', 'proyecto'], 16),
    datacenter: at(['数据中心名称', 'datacenter', 'data center', 'centro de datos'], 17),
    origin: { sheet, cell: 'B15:F17' },
  };
}
