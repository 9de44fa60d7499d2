import { describe, expect, it } from 'vitest';
import type { EndpointPreflight } from '../../../shared/contract/wizardChannels';
import type { ImportResult } from '../features/workbook/workbookStore';
import { factsOf, type FactSources } from './wizardFacts';

const result = (errors: number, plan = true): ImportResult => ({
  profile: 'rackpilot-v1',
  summary: { errors, warnings: 1, infos: 0, sheets: 5, rows: 20 },
  findings: [],
  plan: plan ? ({} as ImportResult['plan']) : null,
});
const blocked: EndpointPreflight = {
  name: 'pve',
  kind: 'proxmox',
  url: 'https://pve:8006',
  checks: [{ id: 'tls', status: 'blocker', message: 'untrusted', detail: null }],
  certificate: null,
  version: null,
  nodes: [],
};
const base: FactSources = {
  workbook: { status: 'imported', result: result(0), lab: false, importId: 3 },
  preflight: { key: null, status: 'idle', endpoints: [] },
  run: { runId: null, state: null },
};

describe('factsOf', () => {
  it('counts a workbook Rackpilot could not make a plan of as an error', () => {
    expect(factsOf(base)).toMatchObject({ workbook: 'imported', errorCount: 0, hasPlan: true });
    expect(factsOf({ ...base, workbook: { ...base.workbook, result: result(2) } }).errorCount).toBe(2);
    expect(factsOf({ ...base, workbook: { ...base.workbook, result: result(0, false) } })).toMatchObject({ errorCount: 1, hasPlan: false });
    expect(factsOf({ ...base, workbook: { status: 'empty', result: null, lab: false, importId: 0 } })).toMatchObject({ workbook: 'none', errorCount: 0 });
  });

  it('uses a preflight only for the import and target it was made for', () => {
    const done = { key: '3:false', status: 'done' as const, endpoints: [blocked] };
    expect(factsOf({ ...base, preflight: done }).preflight).toEqual({ state: 'done', blockers: 1 });
    expect(factsOf({ ...base, workbook: { ...base.workbook, importId: 4 }, preflight: done }).preflight).toEqual({ state: 'none', blockers: 0 });
    expect(factsOf({ ...base, workbook: { ...base.workbook, lab: true }, preflight: done }).preflight).toEqual({ state: 'none', blockers: 0 });
  });

  it('takes the open run, pending until its snapshot says otherwise', () => {
    expect(factsOf({ ...base, run: { runId: 'r1', state: null } }).run).toEqual({ id: 'r1', state: 'pending' });
    expect(factsOf({ ...base, run: { runId: 'r1', state: 'failed' } }).run).toEqual({ id: 'r1', state: 'failed' });
  });
});
