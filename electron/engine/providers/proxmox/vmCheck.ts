import { api } from './apiPath';
import type { ProxmoxClient } from './client';
import { readInventory } from './inventory';
import type { VmArtifact } from './nodeAttempt';
import type { VmCreateInput } from './vmSpec';

/**
 * Is the VM already deployed? With this step's artifacts: the VM it recorded
 * still exists under that VMID and name and reached `ready`. Without (another
 * run made it): exactly one VM of that name, unlocked, running, with the
 * plan's cores and memory. Anything less is left to `run`, which resumes or
 * finishes it rather than creating a second VM.
 */
export async function isVmInPlace(client: ProxmoxClient, input: VmCreateInput, saved: VmArtifact | undefined, signal: AbortSignal): Promise<boolean> {
  const inventory = await readInventory(client, signal);
  if (saved) {
    const guest = inventory.vms.find((entry) => entry.vmid === saved.vmid);
    return saved.phase === 'ready' && guest !== undefined && guest.name === input.name && guest.lock === null;
  }
  const namesakes = inventory.vms.filter((entry) => entry.name === input.name);
  const [guest] = namesakes;
  if (namesakes.length !== 1 || !guest || guest.lock !== null || guest.status !== 'running') return false;
  const config = (await client.get<Record<string, unknown> | null>(api`/nodes/${guest.node}/qemu/${guest.vmid}/config`, signal)) ?? {};
  return Number(config.cores) === input.vcpu && Number.parseInt(String(config.memory ?? ''), 10) === input.memoryMiB;
}
