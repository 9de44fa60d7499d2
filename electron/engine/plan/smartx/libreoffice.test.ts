import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbook } from '../workbook';
import { convertWithLibreOffice } from '../testFixtures/external';
import { importSmartx } from './index';
import { FIXTURE_CLUSTER, hasOpenpyxl, writeFixtures } from './testFixtures/fixtures';

/*
 * The same workbooks after a round trip through LibreOffice, which stores
 * shared strings, recalculates every formula and caches the results
 * (including error values), as a workbook saved by a person would be.
 */
function hasLibreOffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000, env: { ...process.env, HOME: tmpdir() } });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasOpenpyxl() || !hasLibreOffice())('SmartX workbooks saved by LibreOffice', () => {
  let dir = '';
  const converted: Record<string, string> = {};
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rackpilot-smartx-lo-'));
    writeFixtures(join(dir, 'openpyxl'), ['valid', 'badFormula']);
    for (const variant of ['valid', 'badFormula']) {
      converted[variant] = await convertWithLibreOffice(join(dir, 'openpyxl', `${variant}.xlsx`), dir);
    }
  }, 240_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the same plan as from the openpyxl original', async () => {
    const original = importSmartx(await openWorkbook(join(dir, 'openpyxl', 'valid.xlsx')), { lang: 'en' });
    const resaved = importSmartx(await openWorkbook(converted.valid!), { lang: 'en' });
    expect(resaved.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(JSON.stringify(resaved.plan.hosts)).toBe(JSON.stringify(original.plan.hosts));
    expect(JSON.stringify(resaved.plan.networks)).toBe(JSON.stringify(original.plan.networks));
    expect(JSON.stringify(resaved.plan.vms)).toBe(JSON.stringify(original.plan.vms));
    expect(JSON.stringify(resaved.plan.project)).toBe(JSON.stringify(original.plan.project));
  });

  it('reports the error value LibreOffice cached for a failed lookup and keeps the sheet cluster', async () => {
    const { plan, findings } = importSmartx(await openWorkbook(converted.badFormula!), { lang: 'en' });
    expect(findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.sheet}!${f.cell}`)).toEqual(['cell.error_value 主机规划!C3']);
    expect(plan.hosts.map((h) => h.cluster)).toEqual([FIXTURE_CLUSTER, FIXTURE_CLUSTER, FIXTURE_CLUSTER]);
  });
});
