import type { CreatedResource } from '../../../shared/runModel';
import { proxmoxCreatedResources, type StepRecord } from '../providers/proxmox/createdResources';
import type { RunStore } from '../store';

/** Per step kind, how to read what a step created from its artifacts; kinds that create nothing (the demo) are absent. */
const describers: Record<string, (step: StepRecord) => CreatedResource[]> = {
  ...proxmoxCreatedResources,
};

/** What a run's steps created and never removed, in step order. */
export function listCreatedResources(store: RunStore, runId: string): CreatedResource[] {
  const artifacts = store.listArtifacts(runId);
  return store.getSteps(runId).flatMap((step) => {
    const describe = describers[step.kind];
    if (!describe) return [];
    const own = artifacts.filter((artifact) => artifact.stepId === step.id);
    return own.length === 0 ? [] : describe({ id: step.id, kind: step.kind, input: step.input, artifacts: own });
  });
}
