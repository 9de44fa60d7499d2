import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertWithLibreOffice, makeTempDir, PYTHON, removeDir } from '../testFixtures/external';
import { inspectXlsx, makeStyledWorkbook, sheetOf, type InspectedSheet } from './testSupport/python';
import type { RunResults } from './types';
import { writeResults } from './writeResults';

/*
 * The styled workbook as other writers and hand edits shape its XML: the
 * write-back must read each one and keep what the user's sheets hold, as
 * openpyxl sees them (cells, fonts, fills, notes, links, widths, merges).
 */

const reshape = promisify(execFile);
const reshapeScript = fileURLToPath(new URL('./testSupport/reshapeXlsx.py', import.meta.url));

const results: RunResults = {
  runId: 'shapes',
  planName: 'Styled site',
  state: 'succeeded',
  startedAt: 0,
  endedAt: 1000,
  items: [{ kind: 'vm', name: 'web-01', target: 'pve-lab/pve1', status: 'succeeded', createdIds: { vmid: '1001' }, ips: [], startedAt: 0, endedAt: 1000, durationMs: 1000, error: null, source: { sheet: 'VMs', cell: 'A2:J2' } }],
};

let dir: string;
let styled: string;

beforeAll(async () => {
  dir = await makeTempDir('rackpilot-shapes-');
  styled = await makeStyledWorkbook(join(dir, 'styled.xlsx'));
});

afterAll(async () => {
  await removeDir(dir);
});

async function shaped(shapes: string): Promise<string> {
  const out = join(dir, `${shapes}.xlsx`);
  await reshape(PYTHON, [reshapeScript, styled, out, shapes], { timeout: 60_000 });
  return out;
}

const sources: Array<[string, () => Promise<string>]> = [
  ['attributes in single quotes', () => shaped('single-quotes')],
  ['empty elements with an end tag', () => shaped('open-close')],
  ['x:-prefixed SpreadsheetML', () => shaped('prefixed')],
  ['all of these at once', () => shaped('single-quotes,open-close,prefixed')],
  ['LibreOffice', () => convertWithLibreOffice(styled, join(dir, 'libreoffice'))],
];

/** exceljs drops an explicit black font colour (LibreOffice writes one on every font); black is the default. */
function withoutExplicitBlack(sheet: InspectedSheet): InspectedSheet {
  const cells = Object.fromEntries(Object.entries(sheet.cells).map(([address, cell]) => [address, { ...cell, fontColor: cell.fontColor === 'FF000000' ? null : cell.fontColor }]));
  return { ...sheet, cells };
}

describe.each(sources)('writeResults on a workbook with %s', (_shape, make) => {
  it("adds Results and Findings and keeps the user's sheets as they were", async () => {
    const source = await make();
    const { outPath } = await writeResults({ sourcePath: source, outPath: join(dir, `out-${Math.random().toString(36).slice(2)}.xlsx`), results, findings: [], lang: 'en' });
    const [before, after] = await Promise.all([inspectXlsx(source), inspectXlsx(outPath)]);
    expect(after.sheets.map((sheet) => sheet.name)).toEqual([...before.sheets.map((sheet) => sheet.name), 'Results', 'Findings']);
    for (const sheet of before.sheets) expect(withoutExplicitBlack(sheetOf(after, sheet.name)), sheet.name).toEqual(withoutExplicitBlack(sheet));
    expect(sheetOf(after, 'VMs').cells['A1']!.comment).toBe('Owner: infra team');
    expect(sheetOf(after, 'Budget').cells['A6']!.hyperlink).toEqual({ target: null, location: "'VMs'!A1" });
    expect(sheetOf(after, 'Results').cells['B3']!.value).toBe('shapes');
  });
});
