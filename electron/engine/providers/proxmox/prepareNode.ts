import { AppFailure, errorWords } from '../../../../shared/errors';
import { text, type TextParam } from '../../../../shared/i18n/engineText';
import { listVolumes, readBridges, readNodeStatus, readStorageStatus } from './inventory';
import type { VmJob } from './nodeAttempt';
import { plannedBridge } from './nodeAttempt';
import { capacityProblem } from './placement';
import { findTemplate, type TemplateChoice } from './templates';
import type { Inventory } from './types';

export type NodeReadiness =
  | { ok: true; choice: TemplateChoice; storage: string | null }
  | { ok: false; problem: TextParam; /** Worth another try later (a node that does not answer), not a lasting lack. */ retryable: boolean };

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/**
 * Can the VM go on `node`? Asks the node itself (so a node that is down
 * fails here, not halfway through a clone), then checks the template, the
 * target storage, memory and disk with their margins, the bridge and the ISO.
 */
export async function prepareNode(job: VmJob, inventory: Inventory, node: string): Promise<NodeReadiness> {
  const { client, signal, input } = job;
  try {
    const status = await readNodeStatus(client, node, signal);
    const listed = inventory.nodes.find((entry) => entry.name === node);
    // The cluster view lags a little; the tighter of the two figures wins.
    const memAvailable = Math.min(status.memAvailable, listed ? listed.memTotal - listed.memUsed : Infinity);
    const lookup = await findTemplate(client, inventory, input, node, signal);
    if (!lookup.ok) return { ok: false, problem: lookup.problem, retryable: false };
    const { choice } = lookup;
    const storage = input.storage ?? choice.disk.storage;
    const storageStatus = await readStorageStatus(client, node, storage, signal);
    if (!storageStatus.active) return { ok: false, problem: text('pve.node.storageInactive', { storage, node }), retryable: true };
    if (!storageStatus.content.includes('images')) return { ok: false, problem: text('pve.node.storageNoImages', { storage, node }), retryable: false };
    const need = { memoryBytes: input.memoryMiB * MiB, diskBytes: Math.max(choice.disk.size, Math.round(input.diskGiB * GiB)) };
    const problem = capacityProblem(need, { memTotal: status.memTotal, memAvailable, storage, storageAvail: storageStatus.avail });
    if (problem) return { ok: false, problem: text('pve.node.short', { node, problem }), retryable: false };
    const bridge = plannedBridge(input, choice.config);
    const bridges = await readBridges(client, node, signal);
    if (!bridges.includes(bridge)) return { ok: false, problem: bridges.length > 0 ? text('pve.node.noBridge', { node, bridge, bridges: bridges.join(', ') }) : text('pve.node.noBridgeAtAll', { node, bridge }), retryable: false };
    if (input.iso) {
      const volid = `${input.iso.storage}:iso/${input.iso.file}`;
      const volumes = await listVolumes(client, node, input.iso.storage, 'iso', signal);
      if (!volumes.some((volume) => volume.volid === volid)) return { ok: false, problem: text('pve.node.noIso', { volid, node }), retryable: false };
    }
    return { ok: true, choice, storage: input.storage };
  } catch (error) {
    if (signal.aborted || !(error instanceof AppFailure)) throw error;
    if (error.appError.code === 'auth') throw error;
    return { ok: false, problem: text('pve.node.problem', { node, problem: errorWords(error.appError) }), retryable: error.appError.retryable };
  }
}
