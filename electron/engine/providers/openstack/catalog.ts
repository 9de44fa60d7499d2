import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { ResolvedOpenStackEndpoint, ServiceType } from './types';

/** One entry of a Keystone v3 token's catalog, as Keystone writes it. */
interface CatalogEndpoint {
  interface?: string;
  region?: string | null;
  region_id?: string | null;
  url?: string;
}
interface CatalogService {
  type?: string;
  name?: string;
  endpoints?: CatalogEndpoint[];
}

/** The public URL of each service the provider uses, in the endpoint's region. */
export type ServiceUrls = Partial<Record<ServiceType, string>>;

/**
 * The `public` URL of every service in the token's catalog, for the plan's
 * region (or, with none planned, the first region that offers each service).
 * A planned region that offers nothing is a plan error naming the cell.
 */
export function publicUrls(catalog: unknown, endpoint: ResolvedOpenStackEndpoint): ServiceUrls {
  const services = Array.isArray(catalog) ? (catalog as CatalogService[]) : [];
  const urls: ServiceUrls = {};
  const regions = new Set<string>();
  for (const service of services) {
    for (const entry of service.endpoints ?? []) {
      const region = entry.region_id ?? entry.region ?? '';
      if (region) regions.add(region);
      if (entry.interface !== 'public' || typeof entry.url !== 'string') continue;
      if (endpoint.region && region !== endpoint.region) continue;
      const type = service.type as ServiceType;
      urls[type] ??= entry.url.replace(/\/+$/, '');
    }
  }
  if (endpoint.region && Object.keys(urls).length === 0 && services.length > 0) {
    fail('plan_invalid', text('openstack.catalog.noRegion', { name: endpoint.name, region: endpoint.region }), {
      hint: text('openstack.catalog.noRegionHint', { regions: [...regions].sort().join(', ') || text('openstack.none') }),
      retryable: false,
      ...(endpoint.cells.region ? { cell: endpoint.cells.region } : {}),
    });
  }
  return urls;
}

/** The URL of a service the provider needs, or a clear error when the cloud does not offer it. */
export function serviceUrl(urls: ServiceUrls, type: ServiceType, endpoint: ResolvedOpenStackEndpoint): string {
  const url = urls[type];
  if (url) return url;
  const title = endpoint.region ? text('openstack.catalog.noServiceInRegion', { name: endpoint.name, service: type, region: endpoint.region }) : text('openstack.catalog.noService', { name: endpoint.name, service: type });
  return fail('unsupported', title, {
    hint: text('openstack.catalog.noServiceHint', { offered: Object.keys(urls).sort().join(', ') || text('openstack.nothing') }),
    retryable: false,
  });
}
