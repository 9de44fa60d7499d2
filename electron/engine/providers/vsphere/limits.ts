import type { ParallelLimit } from '../../../../shared/contract/wizardChannels';
import type { StepSpec } from '../../runner/types';
import { groupLimits, type LimitUse } from '../parallelLimits';
import { vsDeployKind, vsUploadKind, type VsUploadInput } from './steps';
import type { VsVmInput } from './vmSpec';

/**
 * How much of a vCenter a run loads at once. Clones write their datastore
 * for the whole copy; the field's vCenter runbooks deploy four at a time,
 * which keeps the datastore busy without starving the other VMs' I/O. Two
 * uploads to one datastore would share its bandwidth and both take longer.
 */
export const vsphereLimits = { clonesPerDatastore: 4, uploadsPerDatastore: 1 } as const;

/** The slot a clone holds (deployVm) and the runner key an upload holds (its policy): the review's limits name the same. */
export const cloneSlotKey = (endpoint: string, datastore: string): string => `vsphere-clone:${endpoint}/${datastore}`;
export const uploadKeyOf = (input: Pick<VsUploadInput, 'endpoint' | 'datastore'>): string => `vsphere-upload:${input.endpoint}/${input.datastore}`;

/**
 * The review's view of the limits above for these steps. A VM without a
 * planned datastore clones to its template's, known only at run time
 * (`storage: null`): those VMs share one line.
 */
export function vsphereParallelLimits(steps: readonly StepSpec[]): ParallelLimit[] {
  const uses: LimitUse[] = [];
  for (const step of steps) {
    if (step.kind === vsDeployKind) {
      const input = step.input as VsVmInput;
      uses.push({ endpoint: input.endpoint, work: 'clone', per: 'datastore', node: null, storage: input.datastore, limit: vsphereLimits.clonesPerDatastore, step: step.id });
    } else if (step.kind === vsUploadKind) {
      const input = step.input as VsUploadInput;
      uses.push({ endpoint: input.endpoint, work: 'upload', per: 'datastore', node: null, storage: input.datastore, limit: vsphereLimits.uploadsPerDatastore, step: step.id });
    }
  }
  return groupLimits(uses);
}
