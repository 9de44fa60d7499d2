import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resultsPathFor } from './planHandlers';

const root = mkdtempSync(join(tmpdir(), 'rp-results-path-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('where the results workbook goes', () => {
  const dataDir = join(root, 'data');
  const samples = join(root, 'app', 'assets', 'sample-plan');
  mkdirSync(samples, { recursive: true });

  it('beside the workbook, where engineers look for it', () => {
    const site = join(root, 'site');
    mkdirSync(site);
    expect(resultsPathFor(join(site, 'plan.xlsx'), 'run-1', { dataDir, samplePlanDir: samples })).toBe(join(site, 'plan.results-run-1.xlsx'));
  });

  it('in the data folder for the bundled sample, which an installed app cannot write', () => {
    expect(resultsPathFor(join(samples, 'sample-plan.en.xlsx'), 'run-2', { dataDir, samplePlanDir: samples })).toBe(
      join(dataDir, 'exports', 'sample-plan.en.results-run-2.xlsx'),
    );
  });

  it.skipIf(process.getuid?.() === 0)('in the data folder when the workbook folder is read-only', () => {
    const locked = join(root, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    expect(resultsPathFor(join(locked, 'plan.xlsx'), 'run-3', { dataDir })).toBe(join(dataDir, 'exports', 'plan.results-run-3.xlsx'));
  });
});
