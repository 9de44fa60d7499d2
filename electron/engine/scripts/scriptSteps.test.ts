import { describe, expect, it } from 'vitest';
import { emptyPlan, sourced, type Plan, type ScriptFields, type VmFields } from '../../../shared/plan/model';
import { buildScriptSteps } from './scriptSteps';

function plan(vms: Array<{ name: string; scripts: string[] }>, scripts: Array<{ name: string; runOn: ScriptFields['runOn'] }>): Plan {
  const result = emptyPlan('rackpilot-v1', '/plan.xlsx');
  result.vms = vms.map((vm) => sourced({ ...vm } as unknown as VmFields));
  result.scripts = scripts.map((entry) => sourced({ interpreter: 'bash', body: 'echo', file: null, sudo: false, timeoutSec: 60, ...entry }));
  return result;
}

describe('script steps in the graph', () => {
  it('chains each VM’s scripts after its create step, its own list first, then Run on, each once', () => {
    const steps = buildScriptSteps(
      plan([{ name: 'web-01', scripts: ['set-fqdn', 'BASE'] }, { name: 'db-01', scripts: [] }], [
        { name: 'base', runOn: 'all' },
        { name: 'set-fqdn', runOn: [] },
        { name: 'db-tune', runOn: ['DB-01'] },
      ]),
      (vm) => (vm === 'web-01' ? 'vm.create:web-01' : undefined),
    );
    expect(steps.map(({ id, deps, kind, target }) => ({ id, deps, kind, target }))).toEqual([
      { id: 'script:web-01/set-fqdn', deps: ['vm.create:web-01'], kind: 'script', target: 'web-01' },
      { id: 'script:web-01/base', deps: ['script:web-01/set-fqdn'], kind: 'script', target: 'web-01' },
      { id: 'script:db-01/base', deps: [], kind: 'script', target: 'db-01' },
      { id: 'script:db-01/db-tune', deps: ['script:db-01/base'], kind: 'script', target: 'db-01' },
    ]);
    expect(steps[0]!.title).toBe('Run set-fqdn on web-01');
  });

  it('adds nothing for a plan without scripts', () => {
    expect(buildScriptSteps(plan([{ name: 'web-01', scripts: [] }], []), () => 'vm.create:web-01')).toEqual([]);
  });
});
