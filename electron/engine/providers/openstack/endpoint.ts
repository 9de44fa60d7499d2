import { fail } from '../../../../shared/errors';
import { whereOf, type Endpoint, type Plan } from '../../../../shared/plan/model';
import { jumpChainOf } from '../../scripts/sshTargets';
import type { ResolvedOpenStackEndpoint } from './types';

/**
 * The Keystone URL of an endpoint. The Address cell decides http or https
 * (`http://head:5000` is common on internal networks; a bare host means
 * https); the Port cell fills a missing port; `/v3` is added when absent.
 */
export function keystoneUrl(endpoint: Pick<Endpoint, 'address' | 'port' | 'name'>): string {
  const address = endpoint.address.trim();
  let url: URL;
  try {
    if (/^https?:\/\//i.test(address)) url = new URL(address);
    else url = new URL(`https://${address.includes(':') && !address.startsWith('[') ? `[${address}]` : address}`);
  } catch {
    return fail('plan_invalid', `The address of OpenStack endpoint ${endpoint.name} ("${address}") is not a host or URL.`, { hint: 'Write it like http://10.0.0.1:5000/v3 or keystone.example.com.' });
  }
  if (!url.port && endpoint.port) url.port = String(endpoint.port);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${/\/v3$/.test(path) ? path : `${path}/v3`}`;
}

/** The plan's OpenStack endpoint as the provider logs in to it; plan errors name the cell. */
export function resolveOpenStackEndpoint(endpoint: Endpoint, plan: Plan, workbookDir: string): ResolvedOpenStackEndpoint {
  if (!endpoint.username || !endpoint.password || endpoint.password.isEmpty) {
    const cell = whereOf(endpoint, endpoint.username ? 'password' : 'username');
    fail('plan_invalid', `OpenStack endpoint ${endpoint.name} has no ${endpoint.username ? 'password' : 'user name'}.`, cell ? { cell } : {});
  }
  if (!endpoint.project) {
    const cell = whereOf(endpoint, 'project');
    fail('plan_invalid', `OpenStack endpoint ${endpoint.name} names no Project to deploy into.`, { hint: 'Fill its Project column (the Keystone project, e.g. admin or demo).', ...(cell ? { cell } : {}) });
  }
  const cells: ResolvedOpenStackEndpoint['cells'] = {};
  for (const [key, field] of [['credential', 'password'], ['project', 'project'], ['region', 'region'], ['address', 'address']] as const) {
    const cell = whereOf(endpoint, field);
    if (cell) cells[key] = cell;
  }
  return {
    name: endpoint.name,
    authUrl: keystoneUrl(endpoint),
    username: endpoint.username,
    password: endpoint.password,
    project: endpoint.project,
    domain: endpoint.domain ?? 'Default',
    region: endpoint.region,
    jumpChain: endpoint.jumpHost ? jumpChainOf(plan, endpoint.jumpHost, workbookDir) : [],
    fingerprints: endpoint.tlsFingerprint ? [endpoint.tlsFingerprint] : [],
    cells,
  };
}
