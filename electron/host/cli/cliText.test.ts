import { describe, expect, it } from 'vitest';
import { makeFinding } from '../../../shared/plan/findingCodes';
import { makeRun, makeStep } from '../../../shared/testRuns';
import { displayWidth } from '../../../shared/text/displayWidth';
import { findingLines } from './commands/workbook';
import { outcomeLines, shellLine } from './runOutcome';

describe('validate output', () => {
  it('lines up the columns by display width, Chinese sheet names and long codes included', () => {
    const findings = [
      makeFinding('value.required', { sheet: '虚拟机', cell: 'C3' }, { field: '名称' }, 'zh'),
      makeFinding('ip.outside_cidr', { sheet: 'VMs', cell: 'H17' }, { value: '10.0.9.5', network: 'mgmt', cidr: '10.0.20.0/24' }, 'zh'),
      makeFinding('plan.no_deployable_endpoint', { sheet: '规划设计表', cell: 'B2' }, { kinds: 'smartx', supported: 'proxmox' }, 'zh'),
    ];
    const lines = findingLines(findings);
    const messageColumns = findings.map((finding, index) => displayWidth(lines[index * 2]!.slice(0, lines[index * 2]!.indexOf(finding.message))));
    expect(new Set(messageColumns).size).toBe(1);
    const hintColumns = findings.map((finding, index) => displayWidth(lines[index * 2 + 1]!.slice(0, lines[index * 2 + 1]!.indexOf(finding.hint))));
    expect(hintColumns).toEqual(messageColumns);
  });
});

describe('the end of a failed run', () => {
  it('names each failed step with its error, the plan cell and the hint, and how to go on', () => {
    const failed = makeStep('vm.create:web-01', {
      title: 'Create VM web-01',
      titleKey: 'step.vm.create',
      titleParams: { name: 'web-01' },
      target: 'web-01',
      state: 'failed',
      error: { code: 'step_failed', title: 'Storage fast is full', hint: 'Pick a storage with room.', retryable: false, cell: { sheet: 'VMs', cell: 'J7' } },
    });
    const lines = outcomeLines(makeRun([failed, makeStep('x', { state: 'succeeded' })], { id: 'run-9', state: 'failed' }), 'failed', "rackpilot deploy '/tmp/my plan.xlsx'", 'es');
    expect(lines).toEqual([
      'Run run-9 failed: 1 of 2 steps failed.',
      '  ✗ Crear la VM web-01  [web-01; vm.create:web-01]',
      '    Storage fast is full',
      '    at VMs!J7',
      '    Pick a storage with room.',
      'The whole report: rackpilot report run-9',
      "Run it again once fixed (steps already done are found in place, not redone): rackpilot deploy '/tmp/my plan.xlsx'",
    ]);
    expect(outcomeLines(makeRun([], { id: 'run-9' }), 'interrupted', null)).toContain('Resume it (steps already done are not run again): rackpilot deploy --resume run-9');
  });

  it('quotes arguments a shell would split', () => {
    expect(shellLine(['rackpilot', 'deploy', "/tmp/o'brien plan.xlsx", '--lab'])).toBe("rackpilot deploy '/tmp/o'\\''brien plan.xlsx' --lab");
  });
});
