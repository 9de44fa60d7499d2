import type { CreatedResource } from '../../../../shared/runModel';
import { createVmKind, uploadKind, type ImageUploadInput } from './steps';
import { vmArtifactKey, type VmArtifact } from './nodeAttempt';
import { uploadArtifactPrefix, type UploadArtifact } from './uploadImage';
import type { VmCreateInput } from './vmSpec';

/** A stored step and the artifacts it recorded, as the service reads them from the store. */
export interface StepRecord {
  id: string;
  kind: string;
  input: unknown;
  artifacts: Array<{ key: string; value: unknown }>;
}

/*
 * Read from what the steps recorded, not from the platform: a cancelled
 * interrupted run has no session and may not reach the endpoint at all.
 * A VM recorded while its clone was still being requested is listed too;
 * leaving out one that exists would be the worse mistake.
 */
function vmsOf(step: StepRecord): CreatedResource[] {
  const input = step.input as VmCreateInput;
  const vm = step.artifacts.find((artifact) => artifact.key === vmArtifactKey)?.value as VmArtifact | undefined;
  if (!vm || vm.phase === 'cleaned') return [];
  return [{ stepId: step.id, endpoint: input.endpoint, kind: 'vm', id: String(vm.vmid), name: input.name, node: vm.node }];
}

function imagesOf(step: StepRecord): CreatedResource[] {
  const input = step.input as ImageUploadInput;
  return step.artifacts.flatMap(({ key, value }) => {
    const upload = value as UploadArtifact | null;
    // Proxmox writes an upload to a temporary file first, so only a finished one is on the storage.
    if (!key.startsWith(uploadArtifactPrefix) || upload?.phase !== 'uploaded') return [];
    return [{ stepId: step.id, endpoint: input.endpoint, kind: 'image' as const, id: upload.volid, name: input.remoteName, node: key.slice(uploadArtifactPrefix.length) }];
  });
}

/** What the Proxmox step kinds created, by step kind. */
export const proxmoxCreatedResources: Record<string, (step: StepRecord) => CreatedResource[]> = {
  [createVmKind]: vmsOf,
  [uploadKind]: imagesOf,
};
