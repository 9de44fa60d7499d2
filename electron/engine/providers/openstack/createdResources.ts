import type { CreatedResource } from '../../../../shared/runModel';
import { imageArtifactKey, type ImageArtifact } from './imageStep';
import { serverArtifactKey, type ServerArtifact } from './serverStep';
import { osKinds, type OsImageInput, type OsServerInput } from './steps';

interface StepRecord {
  id: string;
  kind: string;
  input: unknown;
  artifacts: ReadonlyArray<{ key: string; value: unknown }>;
}

const artifactOf = <T>(step: StepRecord, key: string): T | undefined => step.artifacts.find((artifact) => artifact.key === key)?.value as T | undefined;

/*
 * From what the steps recorded, not from the cloud (a cancelled interrupted
 * run may not reach it). Networks, routers, ports and flavors have no row in
 * the report's resource kinds (vm, image); the servers' and images' do.
 */
export const openstackCreatedResources: Record<string, (step: StepRecord) => CreatedResource[]> = {
  [osKinds.server]: (step) => {
    const input = step.input as OsServerInput;
    const made = artifactOf<ServerArtifact>(step, serverArtifactKey);
    return made?.serverId ? [{ stepId: step.id, endpoint: input.endpoint, kind: 'vm', id: made.serverId, name: input.name, node: made.zone }] : [];
  },
  [osKinds.image]: (step) => {
    const input = step.input as OsImageInput;
    const made = artifactOf<ImageArtifact>(step, imageArtifactKey);
    return made?.created ? [{ stepId: step.id, endpoint: input.endpoint, kind: 'image', id: made.imageId, name: input.name, node: null }] : [];
  },
};
