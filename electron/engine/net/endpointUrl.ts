import type { Endpoint } from '../../../shared/plan/model';

/** The HTTPS origin of an endpoint's API: its Address cell as a URL (the Port cell filling a missing port) or a bare host with the Port cell. */
export function endpointOrigin(endpoint: Endpoint): string {
  const address = endpoint.address.trim();
  if (/^https?:\/\//i.test(address)) {
    const url = new URL(address);
    if (!url.port && endpoint.port) url.port = String(endpoint.port);
    return url.origin;
  }
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return `https://${host}:${endpoint.port}`;
}
