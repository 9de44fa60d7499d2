import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewRun, NewStep } from './types';

/** Test helpers: a temp folder per test file, and a small run to store. */
export function makeTempDir(prefix: string): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `rackpilot-${prefix}-`));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sampleRun(id: string, overrides: Partial<NewRun> = {}): NewRun {
  return { id, planName: 'Plan A', environment: 'site-1', source: { kind: 'demo', targets: 2 }, createdAt: 1_000, ...overrides };
}

export function sampleSteps(): NewStep[] {
  return [
    { id: 'image.upload:pve1/local/u.iso', kind: 'image.upload', title: 'Upload u.iso', target: 'pve1/local', deps: [], input: { size: 10 } },
    { id: 'vm.clone:web-01', kind: 'vm.clone', title: 'Clone web-01', target: 'web-01', deps: ['image.upload:pve1/local/u.iso'], input: { vmid: null } },
    { id: 'vm.clone:web-02', kind: 'vm.clone', title: 'Clone web-02', target: 'web-02', deps: ['image.upload:pve1/local/u.iso'], input: null },
  ];
}
