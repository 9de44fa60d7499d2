import type { SlotLimits } from '../../runner/slotLimits';

/**
 * What loads a cluster is its running tasks, above all full clones writing
 * a storage; steps waiting for a guest to boot load nothing. So a task holds
 * a slot from its POST to its end, and nothing else does.
 */
export interface PlatformLoad {
  /** Runs a task (its POST and the wait for it) within the node's task limit. */
  task<T>(node: string, work: () => Promise<T>): Promise<T>;
  /** Runs a clone task within the target node+storage's clone limit and the task limit of the node running it. */
  clone<T>(target: { node: string; storage: string | null; taskNode: string }, work: () => Promise<T>): Promise<T>;
}

export const proxmoxLimits = {
  // One upload per node at a time (a runner key for the whole attempt): two would share the node's link.
  uploadsPerNode: 1,
  // PVE's own bulk actions start at most `max_workers` (default 4) tasks per node.
  tasksPerNode: 4,
  // Full clones are bound by the target storage's writes; two keep it busy without starving the other VMs' tasks.
  clonesPerStorage: 2,
};

/** The slots' keys (and the upload's runner key): platformLoad takes them, the review's limits (parallelLimits.ts) name the same. */
export const proxmoxSlotKeys = {
  upload: (endpoint: string, node: string): string => `proxmox-upload:${endpoint}/${node}`,
  tasks: (endpoint: string, node: string): string => `proxmox-tasks:${endpoint}/${node}`,
  clone: (endpoint: string, node: string, storage: string | null): string => `proxmox-clone:${endpoint}/${node}/${storage ?? 'template-storage'}`,
};

export function platformLoad(slots: SlotLimits, endpoint: string, signal: AbortSignal, limits = proxmoxLimits): PlatformLoad {
  const task = <T>(node: string, work: () => Promise<T>): Promise<T> => slots.run(proxmoxSlotKeys.tasks(endpoint, node), limits.tasksPerNode, signal, work);
  return {
    task,
    // Always clone slot first, then task slot: one order everywhere, so no two steps wait on each other.
    clone: (target, work) =>
      slots.run(proxmoxSlotKeys.clone(endpoint, target.node, target.storage), limits.clonesPerStorage, signal, () => task(target.taskNode, work)),
  };
}

/** For work outside a run (tools, tests of single calls): nothing is limited. */
export const unlimitedLoad: PlatformLoad = {
  task: (_node, work) => work(),
  clone: (_target, work) => work(),
};
