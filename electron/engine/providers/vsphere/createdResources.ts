import type { CreatedResource } from '../../../../shared/runModel';
import { vsVmArtifactKey, type VsVmArtifact } from './deployVm';
import { vsDeployKind, vsUploadKind, type VsUploadInput } from './steps';
import { vsUploadArtifactKey, type VsUploadArtifact } from './upload';
import type { VsVmInput } from './vmSpec';

interface StepRecord {
  id: string;
  kind: string;
  input: unknown;
  artifacts: ReadonlyArray<{ key: string; value: unknown }>;
}

/*
 * From what the steps recorded, not from vCenter (a cancelled interrupted
 * run may not reach it). A VM whose clone was requested but never answered
 * is listed by name: leaving out one that exists would be the worse mistake.
 */
function vmsOf(step: StepRecord): CreatedResource[] {
  const input = step.input as VsVmInput;
  const vm = step.artifacts.find((artifact) => artifact.key === vsVmArtifactKey)?.value as VsVmArtifact | undefined;
  if (!vm || vm.phase === 'removed') return [];
  return [{ stepId: step.id, endpoint: input.endpoint, kind: 'vm', id: vm.moref ?? `${vm.folder}/${input.name}`, name: input.name, node: vm.datastore }];
}

function imagesOf(step: StepRecord): CreatedResource[] {
  const input = step.input as VsUploadInput;
  const upload = step.artifacts.find((artifact) => artifact.key === vsUploadArtifactKey)?.value as VsUploadArtifact | undefined;
  // A PUT writes the datastore file as it streams: a half-sent one is there too.
  if (!upload || upload.phase === 'removed') return [];
  return [{ stepId: step.id, endpoint: input.endpoint, kind: 'image', id: upload.path, name: input.path, node: input.datastore }];
}

export const vsphereCreatedResources: Record<string, (step: StepRecord) => CreatedResource[]> = {
  [vsDeployKind]: vmsOf,
  [vsUploadKind]: imagesOf,
};
