import type { CreatedResource } from '../../../../shared/runModel';
import type { StoredStepView } from '../types';
import { isoArtifactKey, type IsoArtifact } from './isoUpload';
import { stageKinds } from './steps';
import type { TowerInput } from './towerPlan';
import { vmArtifactKey, type VmArtifact } from './towerVm';

type Artifacts = ReadonlyArray<{ key: string; value: unknown }>;

const valueOf = <T>(artifacts: Artifacts, key: string): T | undefined => artifacts.find((entry) => entry.key === key)?.value as T | undefined;

/** What a cancelled run leaves on the cluster, from what the steps recorded (not from SMTX OS): the uploaded image and the VM. */
export function smartxCreatedResources(step: StoredStepView, artifacts: Artifacts): CreatedResource[] {
  const input = step.input as TowerInput;
  if (step.kind === stageKinds.iso) {
    const iso = valueOf<IsoArtifact>(artifacts, isoArtifactKey);
    if (!iso?.imageUuid || iso.phase === 'reused') return [];
    return [{ stepId: step.id, endpoint: input.cluster, kind: 'image', id: iso.imageUuid, name: iso.name, node: null }];
  }
  if (step.kind === stageKinds.vm) {
    const vm = valueOf<VmArtifact>(artifacts, vmArtifactKey);
    if (!vm?.uuid || vm.phase === 'removed') return [];
    return [{ stepId: step.id, endpoint: input.cluster, kind: 'vm', id: vm.uuid, name: vm.name, node: null }];
  }
  return [];
}
