import type { EngineTextKey } from '../../../../shared/i18n/engineText';
import type { Plan } from '../../../../shared/plan/model';
import type { StepSpec } from '../../runner/types';
import { towerInputs, type TowerInput } from './towerPlan';

/*
 * The CloudTower deployment as steps of the graph, in the design's order,
 * each after the one before:
 *
 *   prepare ─> ISO upload ─> VM ─> install ─> verify ─> configure ─> attach ─> output
 *
 * Every step re-reads what it needs from the platform (the image by name,
 * the VM by the uuid it recorded or its name), so each can be retried or
 * resumed alone.
 */
export const stageKinds = {
  prepare: 'smartx.prepare',
  iso: 'smartx.iso.upload',
  vm: 'smartx.vm.create',
  install: 'cloudtower.install',
  verify: 'cloudtower.verify',
  configure: 'cloudtower.configure',
  attach: 'cloudtower.attach',
  output: 'cloudtower.output',
} as const;
export type Stage = keyof typeof stageKinds;
export const stages = Object.keys(stageKinds) as Stage[];

/** Ids start with what they make where they make something (`image.`, `vm.`), as the report expects. */
export function stageStepId(stage: Stage, input: Pick<TowerInput, 'cluster' | 'vmName'>): string {
  switch (stage) {
    case 'iso':
      return `image.upload:${input.cluster}/cloudtower-iso`;
    case 'vm':
      return `vm.create:${input.vmName}`;
    case 'attach':
      return `cloudtower.attach:${input.cluster}`;
    default:
      return `cloudtower.${stage}:${input.vmName}`;
  }
}

const titles: Record<Stage, (input: TowerInput) => { title: string; titleKey: EngineTextKey; titleParams: Record<string, string> }> = {
  prepare: (i) => ({ title: `Prepare the CloudTower deployment on ${i.cluster}`, titleKey: 'step.cloudtower.prepare', titleParams: { cluster: i.cluster } }),
  iso: (i) => ({ title: `Upload the CloudTower ISO to ${i.cluster}`, titleKey: 'step.cloudtower.iso', titleParams: { cluster: i.cluster } }),
  vm: (i) => ({ title: `Create VM ${i.vmName}`, titleKey: 'step.vm.create', titleParams: { name: i.vmName } }),
  install: (i) => ({ title: `Install CloudTower on ${i.vmName}`, titleKey: 'step.cloudtower.install', titleParams: { name: i.vmName } }),
  verify: (i) => ({ title: `Verify CloudTower at ${i.ip}`, titleKey: 'step.cloudtower.verify', titleParams: { address: i.ip } }),
  configure: (i) => ({ title: `Configure CloudTower ${i.vmName}`, titleKey: 'step.cloudtower.configure', titleParams: { name: i.vmName } }),
  attach: (i) => ({ title: `Connect ${i.cluster} to CloudTower`, titleKey: 'step.cloudtower.attach', titleParams: { cluster: i.cluster } }),
  output: (i) => ({ title: `Record the CloudTower results of ${i.vmName}`, titleKey: 'step.cloudtower.output', titleParams: { name: i.vmName } }),
};

export function buildSmartxSteps(plan: Plan): StepSpec[] {
  const steps: StepSpec[] = [];
  for (const input of towerInputs(plan)) {
    let previous: string | null = null;
    for (const stage of stages) {
      const id = stageStepId(stage, input);
      steps.push({ id, kind: stageKinds[stage], ...titles[stage](input), target: input.vmName, deps: previous ? [previous] : [], input } satisfies StepSpec<TowerInput> as StepSpec);
      previous = id;
    }
  }
  return steps;
}
