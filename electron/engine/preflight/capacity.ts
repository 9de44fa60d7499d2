import type { InventoryView } from './inventoryView';
import { clauses, sentences, text, listSomeText, type TextRef } from '../../../shared/i18n/engineText';
import { formatBytes } from './format';
import type { EndpointNeeds } from './planNeeds';
import { check, type NodeCapacity, type PreflightCheck } from './types';

/** Share of free memory and disk the plan may use; the rest is headroom for the hosts and for growth. */
export const capacityMargin = 0.1;

type Resources = Pick<InventoryView, 'nodes' | 'storages'>;

/** Per node: memory as the cluster reports it, disk as the sum of its active storages that hold VM disks. */
export function nodeCapacities(inventory: Resources): NodeCapacity[] {
  return inventory.nodes.map((node) => {
    const disks = inventory.storages.filter((entry) => entry.node === node.name && entry.active && entry.content.includes('images'));
    const diskTotal = disks.reduce((sum, entry) => sum + entry.total, 0);
    const diskUsed = disks.reduce((sum, entry) => sum + entry.used, 0);
    return {
      node: node.name,
      online: node.online,
      memoryFreeBytes: Math.max(0, node.memTotal - node.memUsed),
      memoryTotalBytes: node.memTotal,
      diskFreeBytes: Math.max(0, diskTotal - diskUsed),
      diskTotalBytes: diskTotal,
    };
  });
}

/** Free space of a storage over the online nodes; a shared storage counts once. */
function storageFree(inventory: Resources, online: Set<string>, storage: string): number {
  const entries = inventory.storages.filter((entry) => entry.storage === storage && entry.active && online.has(entry.node));
  const free = (entry: (typeof entries)[number]) => Math.max(0, entry.total - entry.used);
  const shared = entries.find((entry) => entry.shared);
  return shared ? free(shared) : entries.reduce((sum, entry) => sum + free(entry), 0);
}

/**
 * Would the endpoint's VMs fit, keeping `capacityMargin` free? A rough
 * test (memory and disk summed over the online nodes, the biggest VM on
 * the roomiest node), so a failure is a warning: placement decides for real.
 */
export function evaluateCapacity(inventory: Resources, needs: EndpointNeeds): PreflightCheck {
  if (inventory.nodes.length === 0) return check('capacity', 'blocker', text('preflight.capacity.noNodes'));
  const nodes = nodeCapacities(inventory);
  const online = nodes.filter((node) => node.online);
  const offline = nodes.filter((node) => !node.online).map((node) => node.node);
  if (online.length === 0) return check('capacity', 'blocker', text('preflight.capacity.noneOnline', { nodes: listSomeText(offline) }));
  const problems: TextRef[] = [];
  const usable = 1 - capacityMargin;
  const memoryFree = online.reduce((sum, node) => sum + node.memoryFreeBytes, 0);
  if (needs.memoryBytes > memoryFree * usable) {
    problems.push(text('preflight.capacity.memory', { need: formatBytes(needs.memoryBytes), free: formatBytes(memoryFree) }));
  }
  const roomiest = Math.max(...online.map((node) => node.memoryFreeBytes));
  if (needs.largestMemoryBytes > roomiest * usable) {
    problems.push(text('preflight.capacity.largest', { need: formatBytes(needs.largestMemoryBytes), free: formatBytes(roomiest) }));
  }
  const onlineNames = new Set(online.map((node) => node.node));
  const namedBytes = new Map<string, number>();
  for (const need of needs.storages) {
    if (need.content !== 'images') continue;
    namedBytes.set(need.storage, (namedBytes.get(need.storage) ?? 0) + need.bytes);
  }
  for (const [storage, bytes] of namedBytes) {
    const free = storageFree(inventory, onlineNames, storage);
    if (bytes > free * usable) problems.push(text('preflight.capacity.storage', { storage, need: formatBytes(bytes), free: formatBytes(free) }));
  }
  const diskFree = online.reduce((sum, node) => sum + node.diskFreeBytes, 0);
  if (needs.diskBytes > diskFree * usable) {
    problems.push(text('preflight.capacity.disk', { need: formatBytes(needs.diskBytes), free: formatBytes(diskFree) }));
  }
  const offlineNote = offline.length > 0 && text('preflight.capacity.offline', { nodes: listSomeText(offline) });
  if (problems.length > 0) {
    return check('capacity', 'warning', sentences(text('preflight.capacity.mayNotFit', { headroom: capacityMargin * 100, problems: clauses(problems) }), offlineNote));
  }
  const status = offline.length > 0 ? 'warning' : 'ok';
  return check(
    'capacity',
    status,
    sentences(
      text('preflight.capacity.ok', {
        vms: needs.vms.length,
        memory: formatBytes(needs.memoryBytes),
        disk: formatBytes(needs.diskBytes),
        nodes: online.length,
        memoryFree: formatBytes(memoryFree),
        diskFree: formatBytes(diskFree),
      }),
      offlineNote,
    ),
  );
}
