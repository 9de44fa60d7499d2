import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
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
    return fail('plan_invalid', text('openstack.endpoint.badAddress', { name: endpoint.name, address }), { hint: text('openstack.endpoint.badAddressHint') });
  }
  if (!url.port && endpoint.port) url.port = String(endpoint.port);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${/\/v3$/.test(path) ? path : `${path}/v3`}`;
}

/** The plan's OpenStack endpoint as the provider logs in to it; plan errors name the cell. */
export function resolveOpenStackEndpoint(endpoint: Endpoint, plan: Plan, workbookDir: string): ResolvedOpenStackEndpoint {
  if (!endpoint.username || !endpoint.password || endpoint.password.isEmpty) {
    const cell = whereOf(endpoint, endpoint.username ? 'password' : 'username');
    fail('plan_invalid', text(endpoint.username ? 'openstack.endpoint.noPassword' : 'openstack.endpoint.noUser', { name: endpoint.name }), cell ? { cell } : {});
  }
  if (!endpoint.project) {
    const cell = whereOf(endpoint, 'project');
    fail('plan_invalid', text('openstack.endpoint.noProject', { name: endpoint.name }), { hint: text('openstack.endpoint.noProjectHint'), ...(cell ? { cell } : {}) });
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
