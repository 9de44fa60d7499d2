import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import { chineseSpacingProblems } from '../../../shared/i18n/chineseSpacing';
import { text } from '../../../shared/i18n/engineText';
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
      'La ejecución run-9 falló: fallaron 1 de 2 pasos.',
      '  ✗ Crear la VM web-01  [web-01; vm.create:web-01]',
      '    Storage fast is full',
      '    en VMs!J7',
      '    Pick a storage with room.',
      'El informe completo: rackpilot report run-9',
      "Vuelva a ejecutarla una vez corregido (los pasos ya hechos se encuentran en su sitio, no se rehacen): rackpilot deploy '/tmp/my plan.xlsx'",
    ]);
    expect(outcomeLines(makeRun([], { id: 'run-9' }), 'interrupted', null)).toContain('Resume it (steps already done are not run again): rackpilot deploy --resume run-9');
  });

  it('in Chinese, says the frame, the error and the hint from the catalogue; ids, cells and commands stay as they are', () => {
    const failed = makeStep('demo.upload:vm-02', {
      title: 'Upload image',
      titleKey: 'step.demo.upload',
      target: 'site-b/vm-02',
      state: 'failed',
      error: appError('step_failed', text('error.demoFailure', { step: 'demo.upload:vm-02' }), { hint: text('error.demoFailureHint'), cell: { sheet: '虚拟机', cell: 'C3' } }),
    });
    const lines = outcomeLines(makeRun([failed, makeStep('x', { state: 'succeeded' })], { id: 'run-9', state: 'failed' }), 'failed', 'rackpilot deploy --demo', 'zh');
    expect(lines).toEqual([
      '运行 run-9 失败：2 个步骤中有 1 个失败。',
      '  ✗ 上传镜像  [site-b/vm-02; demo.upload:vm-02]',
      '    演示故障：demo.upload:vm-02',
      '    位置：虚拟机!C3',
      '    这是演示计划要求的故障；重试该步骤即可继续。',
      '完整报告：rackpilot report run-9',
      '修正后再次运行（已完成的步骤会在原处找到，不会重做）：rackpilot deploy --demo',
    ]);
    for (const line of lines) expect(chineseSpacingProblems(line), line).toEqual([]);
    expect(outcomeLines(makeRun([], { id: 'run-9' }), 'interrupted', null, 'zh')).toEqual(['运行 run-9：已中断。', '继续运行（已完成的步骤不会再次运行）：rackpilot deploy --resume run-9']);
  });

  it('quotes arguments a shell would split', () => {
    expect(shellLine(['rackpilot', 'deploy', "/tmp/o'brien plan.xlsx", '--lab'])).toBe("rackpilot deploy '/tmp/o'\\''brien plan.xlsx' --lab");
  });
});
