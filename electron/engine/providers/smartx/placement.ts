import { AppFailure, appError } from '../../../../shared/errors';
import { text, type TextRef } from '../../../../shared/i18n/engineText';
import type { FisheyeClient } from './fisheyeClient';
import { listOf } from './jobs';
import type { TowerInput } from './towerPlan';
import type { StepLog } from './types';

export interface ResolvedNetwork {
  vdsUuid: string;
  ovsbrName: string | null;
  vlanUuid: string;
}

interface Named {
  uuid?: string;
  name?: string;
}

function notFound(title: TextRef, hint: TextRef, input: TowerInput): AppFailure {
  return new AppFailure(appError('plan_invalid', title, { hint, retryable: false, ...(input.cells.network ? { cell: input.cells.network } : {}) }));
}

/** The storage policy by name; without one in the plan, the cluster's first (SMTX OS lists its default first). */
export async function resolveStoragePolicy(client: FisheyeClient, input: TowerInput, signal: AbortSignal, log?: StepLog): Promise<string> {
  const policies = listOf<Named>(await client.call('GET', '/api/v2/storage_policies', signal), 'storage_policies');
  const policy = input.storagePolicy ? policies.find((entry) => entry.name === input.storagePolicy) : policies[0];
  if (!policy?.uuid) {
    throw notFound(
      input.storagePolicy ? text('smartx.placement.noPolicyNamed', { name: client.endpointName, policy: input.storagePolicy }) : text('smartx.placement.noPolicy', { name: client.endpointName }),
      text('smartx.placement.policiesThere', { names: policies.map((entry) => entry.name).join(', ') || text('smartx.none') }),
      input,
    );
  }
  log?.('debug', text('smartx.log.policy', { name: policy.name ?? '?', uuid: policy.uuid }));
  return policy.uuid;
}

/** The VDS by name, then its VLAN by name, else by VLAN ID (the design's order). */
export async function resolveNetwork(client: FisheyeClient, input: TowerInput, signal: AbortSignal, log?: StepLog): Promise<ResolvedNetwork> {
  const vdses = listOf<Named & { ovsbr_name?: string }>(await client.call('GET', '/api/v2/network/vds', signal), 'vds');
  const candidates = input.network.vds ? vdses.filter((vds) => vds.name === input.network.vds) : vdses;
  if (candidates.length === 0) {
    throw notFound(
      text('smartx.placement.noVds', { name: client.endpointName, vds: input.network.vds ?? '?' }),
      text('smartx.placement.vdsesThere', { names: vdses.map((vds) => vds.name).join(', ') || text('smartx.none') }),
      input,
    );
  }
  const seen: string[] = [];
  for (const vds of candidates) {
    if (!vds.uuid) continue;
    const vlans = listOf<Named & { vlan_id?: number }>(await client.call('GET', `/api/v2/network/vds/${encodeURIComponent(vds.uuid)}/vlans`, signal), 'vlans');
    seen.push(...vlans.map((vlan) => `${vds.name}/${vlan.name} (${vlan.vlan_id ?? '?'})`));
    const vlan = vlans.find((entry) => input.network.name !== null && entry.name === input.network.name) ?? vlans.find((entry) => input.network.vlan !== null && entry.vlan_id === input.network.vlan);
    if (vlan?.uuid) {
      log?.('debug', text('smartx.log.network', { network: input.network.name ?? '', vds: vds.name ?? '?', vdsUuid: vds.uuid, vlan: vlan.name ?? '?', vlanId: vlan.vlan_id ?? '', vlanUuid: vlan.uuid }));
      return { vdsUuid: vds.uuid, ovsbrName: vds.ovsbr_name ?? null, vlanUuid: vlan.uuid };
    }
  }
  throw notFound(
    text(input.network.vds ? 'smartx.placement.noVlanOnVds' : 'smartx.placement.noVlan', { name: client.endpointName, vlan: input.network.name ?? '?', vlanId: input.network.vlan ?? '?', vds: input.network.vds ?? '' }),
    text('smartx.placement.vlansThere', { names: seen.join(', ') || text('smartx.none') }),
    input,
  );
}
