import type { Plan } from '../../../../shared/plan/model';
import { endpointView } from './planView';

/**
 * What a rehearsal's OpenStack simulator must already hold: the flavors
 * and images the plan names without creating them, and the Neutron
 * networks it only names (plain data; the lab never imports the engine).
 */
export function openstackLabPreparation(plan: Plan): object {
  const endpoints = plan.endpoints.filter((endpoint) => endpoint.kind === 'openstack').map((endpoint) => endpoint.name);
  const views = endpoints.map((name) => endpointView(plan, name));
  const flavors = new Set<string>();
  for (const server of views.flatMap((view) => view.servers)) {
    const row = server.flavor ? plan.flavors.find((flavor) => flavor.name === server.flavor) : undefined;
    if (server.flavor && (!row || row.vcpu === null)) flavors.add(server.flavor);
  }
  const images = plan.images.filter((image) => !image.file && views.some((view) => view.servers.some((server) => server.image === image.name))).map((image) => image.remoteName ?? image.name);
  const networks = views.flatMap((view) => view.networks.filter((network) => network.existing).map((network) => network.name));
  return { flavors: [...flavors].sort(), images: [...new Set(images)].sort(), networks: [...new Set(networks)].sort() };
}
