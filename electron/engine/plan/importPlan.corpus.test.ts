import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus, buildCase } from './testFixtures/corpus';
import { makeTempDir, removeDir, writeManyWithOpenpyxl } from './testFixtures/external';
import { samplePlanRows, samplePlanSheets } from './testFixtures/v1Plan';
import { importPlan, type ImportPlanResult } from './importPlan';

/*
 * The corpus of broken plans, written by openpyxl: each must produce its
 * finding at its cell, and nothing may throw.
 */

let dir: string;
const results = new Map<string, ImportPlanResult>();
let valid: ImportPlanResult;

beforeAll(async () => {
  dir = await makeTempDir();
  await writeFile(join(dir, 'empty.iso'), '');
  await writeFile(join(dir, 'bad.iso'), 'not empty');
  const items = corpus.map((testCase, index) => ({ sheets: buildCase(testCase).sheets, out: join(dir, `case-${index}.xlsx`) }));
  items.push({ sheets: samplePlanSheets('en', samplePlanRows()), out: join(dir, 'valid.xlsx') });
  await writeManyWithOpenpyxl(items, join(dir, 'batch.json'));
  valid = await importPlan(join(dir, 'valid.xlsx'));
  for (const [index, testCase] of corpus.entries()) results.set(testCase.name, await importPlan(join(dir, `case-${index}.xlsx`)));
}, 120_000);
afterAll(() => removeDir(dir));

describe('the corpus of broken plans', () => {
  it('starts from a plan with no findings at all', () => {
    expect(valid.findings).toEqual([]);
    expect(valid.summary).toMatchObject({ errors: 0, warnings: 0, infos: 0, sheets: 7 });
  });

  it.each(corpus.map((testCase) => [testCase.name, testCase] as const))('%s', (name, testCase) => {
    const result = results.get(name)!;
    const { rows } = buildCase(testCase);
    const expected = { code: testCase.expect.code, severity: testCase.expect.severity, sheet: testCase.expect.sheet, cell: testCase.expect.cell(rows) };
    const matching = result.findings.filter((finding) => finding.code === expected.code);
    expect(matching.map(({ code, severity, sheet, cell }) => ({ code, severity, sheet, cell }))).toContainEqual(expected);
    const finding = matching.find((candidate) => candidate.cell === expected.cell && candidate.sheet === expected.sheet)!;
    expect(finding.message.length).toBeGreaterThan(10);
    expect(finding.hint.length).toBeGreaterThan(5);
    if (expected.cell !== null) expect(finding.message).toContain(`${expected.sheet}!${expected.cell}`);
    expect(result.profile).toBe('rackpilot-v1');
  });

  it('produces exactly one error for a single bad cell, not a cascade', () => {
    for (const name of ['memory without a number', 'vCPU in words', 'misspelt OS', 'formula that cannot be evaluated']) {
      const errors = results.get(name)!.findings.filter((finding) => finding.severity === 'error');
      expect(errors, name).toHaveLength(1);
    }
  });

  it('suggests the name the user probably meant', () => {
    const find = (name: string, code: string) => results.get(name)!.findings.find((finding) => finding.code === code)!;
    expect(find('misspelt network', 'ref.unknown').hint).toBe('Did you mean “mgmt”?');
    expect(find('unknown endpoint', 'ref.unknown').hint).toBe('Did you mean “pve1”?');
    expect(find('misspelt OS', 'value.not_in_list').hint).toBe('Did you mean “ubuntu”?');
    expect(find('misspelt header', 'header.column_unknown').hint).toBe('Did you mean “Memory”?');
    expect(find('VM name with underscore', 'name.invalid').hint).toBe('For example “web-01”.');
  });
});
