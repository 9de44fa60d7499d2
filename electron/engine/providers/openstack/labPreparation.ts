import type { Plan } from '../../../../shared/plan/model';
import { endpointView } from './planView';

/**
 * What a rehearsal's OpenStack simulator must already hold, in the shape the
 * lab's preparation schema takes (electron/lab/openstack/preparation.ts):
 * the flavors and images the plan names without creating them, and the
 * Neutron networks it only names (external: a slice router's gateway) (plain data; the lab never imports the engine).
 * A flavor the plan only names is sized from the first server that uses it,
 * since the real cloud's flavor is what that server was planned for.
 */
export function openstackLabPreparation(plan: Plan): object {
  const endpoints = plan.endpoints.filter((endpoint) => endpoint.kind === 'openstack').map((endpoint) => endpoint.name);
  const views = endpoints.map((name) => endpointView(plan, name));
  const flavors = new Map<string, { name: string; vcpus: number; ram: number; disk: number }>();
  for (const server of views.flatMap((view) => view.servers)) {
    if (!server.flavor || flavors.has(server.flavor)) continue;
    const row = plan.flavors.find((flavor) => flavor.name === server.flavor);
    if (row && row.vcpu !== null) continue;
    flavors.set(server.flavor, { name: server.flavor, vcpus: Math.max(1, server.vcpu), ram: Math.max(1, server.memoryMiB), disk: Math.max(0, server.diskGiB) });
  }
  const imageNames = plan.images.filter((image) => !image.file && views.some((view) => view.servers.some((server) => server.image === image.name))).map((image) => image.remoteName ?? image.name);
  const networkNames = views.flatMap((view) => view.networks.filter((network) => network.existing).map((network) => network.name));
  const externalNames = new Set(views.flatMap((view) => view.routers.map((router) => router.externalNetwork).filter((name): name is string => name !== null)));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    flavors: [...flavors.values()].sort(byName),
    images: [...new Set(imageNames)].sort().map((name) => ({ name })),
    networks: [...new Set([...networkNames, ...externalNames])].sort().map((name) => ({ name, external: externalNames.has(name) })),
  };
}
