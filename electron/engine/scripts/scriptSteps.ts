import type { Plan, Script, Vm } from '../../../shared/plan/model';
import type { StepSpec } from '../runner/types';

/*
 * The script part of a deployment graph, for every plan whatever its
 * platforms: one `script:<vm>/<script>` step per VM and script it runs, in
 * the order the VM lists them (then those whose Run on names it), each after
 * the step that creates the VM and after the VM's previous script.
 */

export const scriptKind = 'script';

export interface ScriptStepInput {
  vm: string;
  script: string;
}

export const scriptStepId = (vm: string, script: string): string => `script:${vm}/${script}`;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The scripts a VM runs, in order, each once: its own Scripts column first, then those whose Run on names it or says `all`. */
export function scriptsOf(plan: Plan, vm: Vm): Script[] {
  const named = vm.scripts.map((name) => plan.scripts.find((script) => same(script.name, name))).filter((script): script is Script => script !== undefined);
  const runOn = plan.scripts.filter((script) => script.runOn === 'all' || script.runOn.some((name) => same(name, vm.name)));
  return [...new Set([...named, ...runOn])];
}

/** `createStepOf(vm)`: the id of the step that creates the VM, or undefined when none of this graph does. */
export function buildScriptSteps(plan: Plan, createStepOf: (vm: string) => string | undefined): StepSpec<ScriptStepInput>[] {
  const steps: StepSpec<ScriptStepInput>[] = [];
  for (const vm of plan.vms) {
    let previous = createStepOf(vm.name);
    for (const script of scriptsOf(plan, vm)) {
      const id = scriptStepId(vm.name, script.name);
      steps.push({ id, kind: scriptKind, title: `Run ${script.name} on ${vm.name}`, titleKey: 'step.script.run', titleParams: { script: script.name, vm: vm.name }, target: vm.name, deps: previous ? [previous] : [], input: { vm: vm.name, script: script.name } });
      previous = id;
    }
  }
  return steps;
}
