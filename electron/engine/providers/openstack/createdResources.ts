import type { CreatedResource, CreatedResourceKind } from '../../../../shared/runModel';
import { createdKey } from './accessSteps';
import { flavorArtifactKey, type FlavorArtifact } from './flavorStep';
import { imageArtifactKey, type ImageArtifact } from './imageStep';
import { networkArtifactKey, subnetName, type NetworkArtifact } from './networkStep';
import { routerArtifactKey, type RouterArtifact } from './routerStep';
import { portName, serverArtifactKey, type ServerArtifact } from './serverStep';
import { osKinds, type OsFlavorInput, type OsImageInput, type OsKeypairInput, type OsNetworkInput, type OsRouterInput, type OsSecgroupInput, type OsServerInput } from './steps';

interface StepRecord {
  id: string;
  kind: string;
  input: unknown;
  artifacts: ReadonlyArray<{ key: string; value: unknown }>;
}

const artifactOf = <T>(step: StepRecord, key: string): T | undefined => step.artifacts.find((artifact) => artifact.key === key)?.value as T | undefined;

function made(step: StepRecord, kind: CreatedResourceKind, id: string, name: string, node: string | null = null): CreatedResource {
  return { stepId: step.id, endpoint: (step.input as { endpoint: string }).endpoint, kind, id, name, node };
}

/*
 * From what the steps recorded, not from the cloud (a cancelled interrupted
 * run may not reach it). Only what this run created is listed: a network,
 * flavor or security group it found and reused stays the cloud's own.
 */
export const openstackCreatedResources: Record<string, (step: StepRecord) => CreatedResource[]> = {
  [osKinds.server]: (step) => {
    const input = step.input as OsServerInput;
    const server = artifactOf<ServerArtifact>(step, serverArtifactKey);
    if (!server) return [];
    // The fixed-IP ports are made before the server and outlive it unless deleted.
    const ports = server.ports.map((port) => made(step, 'port', port.portId, portName(input.name, port.network)));
    return [...(server.serverId ? [made(step, 'vm', server.serverId, input.name, server.zone)] : []), ...ports];
  },
  [osKinds.image]: (step) => {
    const image = artifactOf<ImageArtifact>(step, imageArtifactKey);
    return image?.created ? [made(step, 'image', image.imageId, (step.input as OsImageInput).name)] : [];
  },
  [osKinds.network]: (step) => {
    const network = artifactOf<NetworkArtifact>(step, networkArtifactKey);
    if (!network?.created) return [];
    const name = (step.input as OsNetworkInput).name;
    return [made(step, 'network', network.networkId, name), ...(network.subnetId ? [made(step, 'subnet', network.subnetId, subnetName(name))] : [])];
  },
  [osKinds.router]: (step) => {
    const router = artifactOf<RouterArtifact>(step, routerArtifactKey);
    return router?.created ? [made(step, 'router', router.routerId, (step.input as OsRouterInput).name)] : [];
  },
  [osKinds.flavor]: (step) => {
    const flavor = artifactOf<FlavorArtifact>(step, flavorArtifactKey);
    return flavor?.created ? [made(step, 'flavor', flavor.id, flavor.name || (step.input as OsFlavorInput).name)] : [];
  },
  [osKinds.secgroup]: (step) => {
    const group = artifactOf<{ securityGroupId: string; created: boolean }>(step, createdKey);
    return group?.created ? [made(step, 'security_group', group.securityGroupId, (step.input as OsSecgroupInput).name)] : [];
  },
  [osKinds.keypair]: (step) => {
    const pair = artifactOf<{ keyPair: string; created: boolean }>(step, createdKey);
    // Nova names a key pair by its name: that is its id.
    return pair?.created ? [made(step, 'key_pair', pair.keyPair, (step.input as OsKeypairInput).name)] : [];
  },
};
