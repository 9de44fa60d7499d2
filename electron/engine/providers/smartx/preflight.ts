import { errorWords, toAppError } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { check, type NodeCapacity, type PreflightCheck } from '../../preflight/types';
import type { ProviderPreflight, ProviderPreflightRequest } from '../types';
import { resolveSmartxEndpoint } from './endpoint';
import { FisheyeClient } from './fisheyeClient';
import { resolveNetwork, resolveStoragePolicy } from './placement';
import type { HostResources } from './prepare';
import { towerInputs, type TowerInput } from './towerPlan';
import { vmsNamed } from './towerVmAdoption';

const failed = (id: PreflightCheck['id'], cause: unknown): PreflightCheck => {
  const error = toAppError(cause);
  return check(id, 'blocker', errorWords(error), error.hintText ?? error.hint ?? error.detail ?? null);
};

/** The planned CloudTower VM names that SMTX OS already has a VM of (it allows duplicate names). */
async function existingVms(client: FisheyeClient, inputs: readonly TowerInput[], signal: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  for (const input of inputs) if ((await vmsNamed(client, input.vmName, signal)).length > 0) names.push(input.vmName);
  return names;
}

/**
 * SMTX OS: login, the hosts' free memory against the CloudTower VM, and the
 * storage policy, VDS and VLAN its steps will resolve. CloudTower itself
 * is what the plan installs: not being there yet is expected.
 */
export async function smartxChecks(request: ProviderPreflightRequest): Promise<ProviderPreflight> {
  const { endpoint, plan, trust, timeoutMs, signal } = request;
  if (endpoint.kind === 'cloudtower') {
    const note = text('smartx.check.towerLater');
    return { checks: (['login', 'version', 'capacity', 'storages', 'placement'] as const).map((id) => check(id, 'skipped', note)), version: null, nodes: [] };
  }
  const client = new FisheyeClient({ endpoint: resolveSmartxEndpoint(endpoint), trust, timeoutMs });
  const checks: PreflightCheck[] = [];
  try {
    let hosts: HostResources[];
    try {
      hosts = await client.call<HostResources[]>('GET', '/api/v2/hosts', signal);
      checks.push(check('login', 'ok', text('smartx.check.login', { name: endpoint.name, user: endpoint.username ?? '', hosts: hosts.length })));
    } catch (error) {
      checks.push(failed('login', error));
      return { checks: [...checks, ...(['capacity', 'storages', 'placement'] as const).map((id) => check(id, 'skipped', text('preflight.skipBecause', { reason: text('preflight.reason.loginFailed') })))], version: null, nodes: [] };
    }
    const nodes: NodeCapacity[] = hosts.map((host) => ({
      node: host.hostname ?? host.host_uuid ?? '?',
      online: true,
      memoryFreeBytes: Math.max(0, (host.memory?.total_bytes ?? 0) - (host.memory?.used_bytes ?? 0)),
      memoryTotalBytes: host.memory?.total_bytes ?? 0,
      diskFreeBytes: 0,
      diskTotalBytes: 0,
    }));
    const inputs = towerInputs(plan).filter((input) => input.cluster === endpoint.name);
    const need = Math.max(0, ...inputs.map((input) => input.memoryMiB * 2 ** 20));
    const roomiest = Math.max(0, ...nodes.map((node) => node.memoryFreeBytes));
    checks.push(
      roomiest >= need
        ? check('capacity', 'ok', text('smartx.check.capacityOk', { free: Math.round(roomiest / 2 ** 30), need: Math.round(need / 2 ** 30) }))
        : check('capacity', 'blocker', text('smartx.check.capacityLow', { need: Math.round(need / 2 ** 30), free: Math.round(roomiest / 2 ** 30) })),
    );
    for (const [id, resolve] of [
      ['storages', (input: (typeof inputs)[number]) => resolveStoragePolicy(client, input, signal)],
      ['placement', (input: (typeof inputs)[number]) => resolveNetwork(client, input, signal)],
    ] as const) {
      try {
        for (const input of inputs) await resolve(input);
        const existing = id === 'placement' ? await existingVms(client, inputs, signal) : [];
        checks.push(
          existing.length > 0
            ? check(id, 'warning', text('smartx.check.vmExists', { name: endpoint.name, names: existing.join(', ') }))
            : check(id, 'ok', text(id === 'storages' ? 'smartx.check.policyOk' : 'smartx.check.networkOk')),
        );
      } catch (error) {
        checks.push(failed(id, error));
      }
    }
    return { checks, version: null, nodes };
  } finally {
    client.close();
  }
}
