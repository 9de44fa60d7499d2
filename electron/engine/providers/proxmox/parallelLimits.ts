import type { ParallelLimit } from '../../../../shared/contract/wizardChannels';
import type { StepSpec } from '../../runner/types';
import { groupLimits, type LimitUse } from '../parallelLimits';
import { proxmoxLimits } from './platformLoad';
import { anyNode, createVmKind, uploadKind, type ImageUploadInput } from './steps';
import type { VmCreateInput } from './vmSpec';

/**
 * The review's view of platformLoad's limits for these steps: a VM's clone
 * and tasks on the node it prefers (a fallback node keeps the same limits),
 * an upload on its node. `node: null`: the node is chosen when the step runs.
 */
export function proxmoxParallelLimits(steps: readonly StepSpec[]): ParallelLimit[] {
  const uses: LimitUse[] = [];
  for (const step of steps) {
    if (step.kind === createVmKind) {
      const input = step.input as VmCreateInput;
      const node = input.placement[0] ?? null;
      uses.push({ endpoint: input.endpoint, work: 'clone', per: 'nodeStorage', node, storage: input.storage, limit: proxmoxLimits.clonesPerStorage, step: step.id });
      uses.push({ endpoint: input.endpoint, work: 'task', per: 'node', node, storage: null, limit: proxmoxLimits.tasksPerNode, step: step.id });
    } else if (step.kind === uploadKind) {
      const input = step.input as ImageUploadInput;
      uses.push({ endpoint: input.endpoint, work: 'upload', per: 'node', node: input.node === anyNode ? null : input.node, storage: null, limit: proxmoxLimits.uploadsPerNode, step: step.id });
    }
  }
  return groupLimits(uses);
}
