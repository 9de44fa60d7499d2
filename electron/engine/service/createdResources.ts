import type { CreatedResource } from '../../../shared/runModel';
import type { ProviderRegistry } from '../providers/registry';
import type { RunStore } from '../store';

/** What a run's steps created and never removed, in step order; steps of no provider (the demo) create nothing. */
export function listCreatedResources(store: RunStore, runId: string, providers: ProviderRegistry): CreatedResource[] {
  const artifacts = store.listArtifacts(runId);
  return store.getSteps(runId).flatMap((step) => {
    const provider = providers.forStepKind(step.kind);
    const own = artifacts.filter((artifact) => artifact.stepId === step.id);
    return provider && own.length > 0 ? provider.createdResources(step, own) : [];
  });
}
