import type { Plan } from '../../../../shared/plan/model';
import { towerInputs } from './towerPlan';

/**
 * What the SMTX OS simulator must hold for a rehearsal of the plan
 * (electron/lab/smartx/README.md, "Preparation"): the cluster, the storage
 * policy, the VDS and VLAN the CloudTower VM joins, hosts with room for it.
 * Plain data: the lab never imports the engine.
 */
export function smartxLabPreparation(plan: Plan): object {
  const inputs = towerInputs(plan);
  const first = inputs[0];
  if (!first) return {};
  const vdsName = first.network.vds ?? 'VDS-MGT';
  const vlans = [...new Map(inputs.map((input) => [input.network.name ?? 'default', { name: input.network.name ?? 'default', vlanId: input.network.vlan ?? 0 }])).values()];
  const memory = Math.max(...inputs.map((input) => input.memoryMiB)) * 1024 * 1024;
  return {
    cluster: { name: first.cluster },
    storagePolicies: [...new Set(['default', ...inputs.flatMap((input) => (input.storagePolicy ? [input.storagePolicy] : []))])],
    vds: [{ name: vdsName, ovsbrName: `ovsbr-${vdsName.toLowerCase().replace(/[^a-z0-9]+/g, '')}`.slice(0, 15), vlans }],
    hosts: [1, 2, 3].map((n) => ({ name: `${first.cluster}-node-${n}`, cpuCores: 32, cpuUsagePercent: 15, memoryBytes: memory * 8, memoryUsedBytes: memory * 2 })),
  };
}
