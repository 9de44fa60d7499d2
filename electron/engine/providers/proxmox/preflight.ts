import { errorWords, toAppError } from '../../../../shared/errors';
import { text, type EngineTextKey } from '../../../../shared/i18n/engineText';
import type { Endpoint } from '../../../../shared/plan/model';
import type { TrustStore } from '../../net';
import { evaluateCapacity, nodeCapacities } from '../../preflight/capacity';
import { evaluateStorages, evaluateTemplates } from '../../preflight/inventoryChecks';
import type { EndpointNeeds } from '../../preflight/planNeeds';
import { check, errorDetail, type NodeCapacity, type PreflightCheck } from '../../preflight/types';
import { ProxmoxClient } from './client';
import { resolveProxmoxEndpoint } from './endpoint';
import { readInventory } from './inventory';
import type { Inventory, ResolvedEndpoint } from './types';

export interface ProxmoxFindings {
  /** login, version, capacity, templates, storages, in that order. */
  checks: PreflightCheck[];
  version: string | null;
  nodes: NodeCapacity[];
}

const afterLogin = (reason: 'preflight.reason.noCredentials' | 'preflight.reason.loginFailed'): PreflightCheck[] =>
  (['version', 'capacity', 'templates', 'storages'] as const).map((id) => check(id, 'skipped', text('preflight.skipBecause', { reason: text(reason) })));

/** `lead` wraps the error's words (`Could not read the version: {error}`); none: the error alone. */
function failedCheck(id: PreflightCheck['id'], cause: unknown, lead: EngineTextKey | null): PreflightCheck {
  const error = toAppError(cause);
  return check(id, 'blocker', lead ? text(lead, { error: errorWords(error) }) : errorWords(error), errorDetail(error));
}

/**
 * What only a logged-in client can tell. The certificate must already be
 * trusted (the caller checks): the client has no trust prompt, so an
 * untrusted certificate fails the login instead of sending the password.
 */
export async function proxmoxChecks(
  endpoint: Endpoint,
  needs: EndpointNeeds,
  trust: TrustStore,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ProxmoxFindings> {
  let resolved: ResolvedEndpoint;
  try {
    resolved = resolveProxmoxEndpoint(endpoint);
  } catch (cause) {
    return { checks: [failedCheck('login', cause, null), ...afterLogin('preflight.reason.noCredentials')], version: null, nodes: [] };
  }
  const client = new ProxmoxClient({ endpoint: resolved, trust, timeoutMs });
  try {
    const who = resolved.auth.kind === 'password' ? resolved.auth.username : resolved.auth.tokenId;
    let login: PreflightCheck;
    try {
      // A password login fetches a ticket; a token is proven by the first call, the version.
      if (resolved.auth.kind === 'password') await client.authHeaders('GET', signal);
      else await client.get('/version', signal);
      login = check('login', 'ok', text(resolved.auth.kind === 'token' ? 'preflight.login.okToken' : 'preflight.login.ok', { user: who }));
    } catch (cause) {
      return { checks: [failedCheck('login', cause, null), ...afterLogin('preflight.reason.loginFailed')], version: null, nodes: [] };
    }
    const [versionResult, inventoryResult] = await Promise.allSettled([
      client.get<{ version?: unknown; release?: unknown; repoid?: unknown }>('/version', signal),
      readInventory(client, signal),
    ]);
    let version: string | null = null;
    let versionCheck: PreflightCheck;
    if (versionResult.status === 'fulfilled' && typeof versionResult.value?.version === 'string') {
      version = versionResult.value.version;
      const repo = versionResult.value.repoid;
      versionCheck = check('version', 'ok', typeof repo === 'string' ? text('preflight.version.proxmoxRepo', { version, repo }) : text('preflight.version.proxmox', { version }));
    } else if (versionResult.status === 'fulfilled') {
      versionCheck = check('version', 'warning', text('preflight.version.missing'));
    } else {
      versionCheck = failedCheck('version', versionResult.reason, 'preflight.version.unreadable');
    }
    if (inventoryResult.status === 'rejected') {
      const failed = (id: 'capacity' | 'templates' | 'storages') => ({ ...failedCheck(id, inventoryResult.reason, 'preflight.inventory.unreadable'), status: 'warning' as const });
      return { checks: [login, versionCheck, failed('capacity'), failed('templates'), failed('storages')], version, nodes: [] };
    }
    const inventory: Inventory = inventoryResult.value;
    return {
      checks: [login, versionCheck, evaluateCapacity(inventory, needs), evaluateTemplates(inventory, needs), evaluateStorages(inventory, needs)],
      version,
      nodes: nodeCapacities(inventory),
    };
  } finally {
    client.close();
  }
}
