import type { VsVmArtifact } from './deployVm';
import { readInventory } from './inventory';
import { resolvePlacement } from './placement';
import type { VimClient } from './soapClient';
import type { VsVmInput } from './vmSpec';

/**
 * Is the VM already deployed? With this step's artifacts: the VM it
 * recorded still exists under that id and name and reached `ready`. Without
 * (another run made it): exactly one VM of that name in the planned folder,
 * powered on, with the plan's CPU and memory and the planned address
 * reported. Anything less is left to `run`, which resumes it or refuses a
 * namesake it did not make.
 */
export async function isVmInPlace(client: VimClient, input: VsVmInput, saved: VsVmArtifact | undefined, signal: AbortSignal): Promise<boolean> {
  const inventory = await readInventory(client, signal);
  if (saved?.moref) {
    const vm = inventory.vms.find((entry) => entry.ref.value === saved.moref);
    return saved.phase === 'ready' && vm !== undefined && vm.name === input.name;
  }
  let folder: string;
  try {
    folder = resolvePlacement(inventory, input).folder.path;
  } catch {
    return false;
  }
  const namesakes = inventory.vms.filter((vm) => vm.name === input.name && !vm.template && vm.folder === folder);
  const [vm] = namesakes;
  if (namesakes.length !== 1 || !vm) return false;
  return vm.powerState === 'poweredOn' && vm.numCpu === input.vcpu && vm.memoryMiB === input.memoryMiB && (input.ip === null || vm.ipAddress === input.ip);
}
