import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ValueOf } from '../../../../shared/contract/channels';
import { isLabEnvironment } from '../../../../shared/runModel';
import type { ProviderRegistry } from '../../providers/registry';
import type { PreparedWorkbookRun } from '../workbookRuns';
import type { PastStepDurations } from '../../store';
import { durationModel, estimateMakespanMs, type DurationRange, type EstimateStep } from './estimate';

type GraphReply = ValueOf<'plan:graph'>;

async function fileSize(path: string): Promise<number> {
  return stat(path).then(
    (info) => (info.isFile() ? info.size : 0),
    () => 0,
  );
}

/**
 * The review screen's view of a prepared run: the steps as the run will
 * have them and the totals. A missing image file counts 0 bytes (the
 * validation already reported it; the upload step will fail on it).
 * `pastDurations` reads this laptop's history for the run's kind of
 * environment (lab or real).
 */
export async function describeGraph(
  prepared: PreparedWorkbookRun,
  concurrency: number,
  providers: ProviderRegistry,
  pastDurations: (lab: boolean) => PastStepDurations,
): Promise<GraphReply> {
  const { plan, steps, kinds } = prepared;
  const workbookDir = dirname(plan.sourcePath);
  const sizes = new Map<string, Promise<number>>();
  const uploadBytesOf = (file: string): Promise<number> => {
    const path = isAbsolute(file) ? file : resolve(workbookDir, file);
    if (!sizes.has(path)) sizes.set(path, fileSize(path));
    return sizes.get(path)!;
  };
  const lab = isLabEnvironment(prepared.environment);
  const durations = durationModel(pastDurations(lab), lab);
  const estimateSteps: Array<Omit<EstimateStep, 'durationMs'> & { range: DurationRange }> = [];
  let uploadBytes = 0;
  const vmNames = new Set<string>();
  for (const step of steps) {
    let bytes = 0;
    const inventory = providers.forStepKind(step.kind)?.inventoryOf(step) ?? {};
    if (inventory.uploadFile !== undefined) {
      bytes = await uploadBytesOf(inventory.uploadFile);
      uploadBytes += bytes;
    }
    if (inventory.vm !== undefined) vmNames.add(inventory.vm);
    const policy = kinds[step.kind]?.policy;
    const key = policy?.concurrencyKey?.(step);
    estimateSteps.push({
      id: step.id,
      deps: step.deps,
      range: durations.rangeOf(step.kind, bytes),
      ...(key !== undefined ? { slot: { key, limit: policy?.keyLimit ?? concurrency } } : {}),
    });
  }
  const makespanSeconds = (end: keyof DurationRange): number =>
    Math.round(estimateMakespanMs(estimateSteps.map((step) => ({ ...step, durationMs: step.range[end] })), concurrency) / 1000);
  const vms = plan.vms.filter((vm) => vmNames.has(vm.name));
  // Each provider describes the limits of its own steps, from the constants its step kinds use.
  const limits = providers.providers.flatMap((provider) => provider.parallelLimits?.(steps.filter((step) => provider.stepKindNames.includes(step.kind))) ?? []);
  return {
    planName: prepared.planName,
    environment: prepared.environment,
    rehearsal: isLabEnvironment(prepared.environment),
    steps: steps.map(({ id, kind, title, titleKey, titleParams, target, deps }) => ({ id, kind, title, titleKey, titleParams, target, deps: [...deps] })),
    totals: {
      vms: vms.length,
      vcpu: vms.reduce((sum, vm) => sum + vm.vcpu, 0),
      memoryMiB: vms.reduce((sum, vm) => sum + vm.memoryMiB, 0),
      diskGiB: vms.reduce((sum, vm) => sum + vm.diskGiB, 0),
      uploadBytes,
      steps: steps.length,
      estimate: {
        lowSeconds: makespanSeconds('lowMs'),
        highSeconds: makespanSeconds('highMs'),
        basis: durations.basis,
      },
    },
    parallel: { concurrency, limits },
  };
}
