import { AppFailure, appError } from '../../../../shared/errors';
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

function notFound(title: string, hint: string, input: TowerInput): AppFailure {
  return new AppFailure(appError('plan_invalid', title, { hint, retryable: false, ...(input.cells.network ? { cell: input.cells.network } : {}) }));
}

/** The storage policy by name; without one in the plan, the cluster's first (SMTX OS lists its default first). */
export async function resolveStoragePolicy(client: FisheyeClient, input: TowerInput, signal: AbortSignal, log?: StepLog): Promise<string> {
  const policies = listOf<Named>(await client.call('GET', '/api/v2/storage_policies', signal), 'storage_policies');
  const policy = input.storagePolicy ? policies.find((entry) => entry.name === input.storagePolicy) : policies[0];
  if (!policy?.uuid) {
    throw notFound(
      input.storagePolicy ? `SMTX OS ${client.endpointName} has no storage policy named ${input.storagePolicy}.` : `SMTX OS ${client.endpointName} lists no storage policy.`,
      `Storage policies there: ${policies.map((entry) => entry.name).join(', ') || 'none'}.`,
      input,
    );
  }
  log?.('debug', `Storage policy ${policy.name} (${policy.uuid}).`);
  return policy.uuid;
}

/** The VDS by name, then its VLAN by name, else by VLAN ID (the design's order). */
export async function resolveNetwork(client: FisheyeClient, input: TowerInput, signal: AbortSignal, log?: StepLog): Promise<ResolvedNetwork> {
  const vdses = listOf<Named & { ovsbr_name?: string }>(await client.call('GET', '/api/v2/network/vds', signal), 'vds');
  const candidates = input.network.vds ? vdses.filter((vds) => vds.name === input.network.vds) : vdses;
  if (candidates.length === 0) {
    throw notFound(`SMTX OS ${client.endpointName} has no VDS named ${input.network.vds}.`, `VDSes there: ${vdses.map((vds) => vds.name).join(', ') || 'none'}.`, input);
  }
  const seen: string[] = [];
  for (const vds of candidates) {
    if (!vds.uuid) continue;
    const vlans = listOf<Named & { vlan_id?: number }>(await client.call('GET', `/api/v2/network/vds/${encodeURIComponent(vds.uuid)}/vlans`, signal), 'vlans');
    seen.push(...vlans.map((vlan) => `${vds.name}/${vlan.name} (${vlan.vlan_id ?? '?'})`));
    const vlan = vlans.find((entry) => input.network.name !== null && entry.name === input.network.name) ?? vlans.find((entry) => input.network.vlan !== null && entry.vlan_id === input.network.vlan);
    if (vlan?.uuid) {
      log?.('debug', `Network ${input.network.name ?? ''}: VDS ${vds.name} (${vds.uuid}), VLAN ${vlan.name} ${vlan.vlan_id ?? ''} (${vlan.uuid}).`);
      return { vdsUuid: vds.uuid, ovsbrName: vds.ovsbr_name ?? null, vlanUuid: vlan.uuid };
    }
  }
  throw notFound(
    `SMTX OS ${client.endpointName} has no VLAN named ${input.network.name ?? '?'} or with ID ${input.network.vlan ?? '?'}${input.network.vds ? ` on VDS ${input.network.vds}` : ''}.`,
    `VLANs there: ${seen.join(', ') || 'none'}. Correct the network of the CloudTower row, or create the VLAN on the cluster.`,
    input,
  );
}
