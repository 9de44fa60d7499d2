import { text, type TextRef } from '../../../../shared/i18n/engineText';
import type { NodeInfo } from './types';

const GiB = 2 ** 30;

/** Room left after the VM, so a node is never filled to the brim (ballooning, the host's own growth, a second clone). */
export const memoryMarginFraction = 0.1;
export const diskMarginBytes = 2 * GiB;

export interface Need {
  memoryBytes: number;
  diskBytes: number;
}

export interface Capacity {
  memTotal: number;
  memAvailable: number;
  storage: string;
  storageAvail: number;
}

const gib = (bytes: number): string => `${(bytes / GiB).toFixed(1)} GiB`;

/** Why the VM does not fit on the node (memory and disk with their margins), or null when it does. */
export function capacityProblem(need: Need, capacity: Capacity): TextRef | null {
  const memoryMargin = Math.round(capacity.memTotal * memoryMarginFraction);
  if (capacity.memAvailable - need.memoryBytes < memoryMargin) {
    return text('pve.node.memoryShort', { need: gib(need.memoryBytes), spare: gib(memoryMargin), available: gib(Math.max(0, capacity.memAvailable)) });
  }
  if (capacity.storageAvail - need.diskBytes < diskMarginBytes) {
    return text('pve.node.diskShort', { need: gib(need.diskBytes), storage: capacity.storage, spare: gib(diskMarginBytes), available: gib(Math.max(0, capacity.storageAvail)) });
  }
  return null;
}

export interface Candidate {
  node: string;
  /** False for a node the plan names that the cluster does not know. */
  known: boolean;
  online: boolean;
  preferred: boolean;
}

/**
 * The nodes to try, in order: the plan's preference order first, then every
 * other node with the most free memory first (ties by name, so the order is
 * stable). Offline nodes stay in the list so the log can say why they were passed over.
 */
export function orderCandidates(nodes: readonly NodeInfo[], placement: readonly string[]): Candidate[] {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const name of placement) {
    if (seen.has(name)) continue;
    seen.add(name);
    const node = byName.get(name);
    out.push({ node: name, known: node !== undefined, online: node?.online ?? false, preferred: true });
  }
  const rest = nodes
    .filter((node) => !seen.has(node.name))
    .sort((a, b) => b.memTotal - b.memUsed - (a.memTotal - a.memUsed) || a.name.localeCompare(b.name));
  for (const node of rest) out.push({ node: node.name, known: true, online: node.online, preferred: false });
  return out;
}
