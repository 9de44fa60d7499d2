import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { ArtifactStore } from '../../runner/types';
import type { FisheyeClient } from './fisheyeClient';
import { listOf } from './jobs';
import type { TowerInput } from './towerPlan';
import { readVm, vmArtifactKey, type VmArtifact, type VmDetails } from './towerVm';
import type { StepLog } from './types';

/** SMTX OS lets two VMs share a name, so a second run must look before it creates. `?vm_name=` filters; the names are compared here too. */
export async function vmsNamed(client: FisheyeClient, name: string, signal: AbortSignal): Promise<VmDetails[]> {
  const data = await client.call<unknown>('GET', `/api/v2/vms?vm_name=${encodeURIComponent(name)}`, signal);
  return listOf<VmDetails>(data, 'vms').filter((vm) => vm.vm_name === name);
}

/** Has the VM the plan's address (on its primary NIC, or as its guest agent reports it)? */
export function hasPlannedAddress(vm: VmDetails, ip: string): boolean {
  if (vm.nics?.[0]?.ip_address === ip) return true;
  return (vm.guest_info?.nics ?? []).some((nic) => (nic.ip_addresses ?? []).includes(ip));
}

export interface AdoptionJob {
  client: FisheyeClient;
  input: TowerInput;
  artifacts: ArtifactStore;
  signal: AbortSignal;
  log: StepLog;
}

/**
 * The VM step's check(). Done when this step's own VM is ready; when a VM of
 * the planned name exists that this step did not record (an earlier run, a
 * run in a lab kept between rehearsals), it is adopted if it is the one the
 * plan describes (one VM of that name, with the plan's IP), and otherwise
 * the step fails naming it rather than create a second VM of that name.
 */
export async function towerVmDone(job: AdoptionJob): Promise<boolean> {
  const { client, input, artifacts, signal, log } = job;
  const saved = artifacts.get<VmArtifact>(vmArtifactKey);
  if (saved?.phase === 'ready' && saved.uuid !== null && (await readVm(client, saved.uuid, signal)) !== null) return true;
  // Half-way through our own creation (a crash, a retry): run() goes on from the record.
  if (saved && saved.phase !== 'removed' && saved.phase !== 'ready') return false;
  const named = await vmsNamed(client, input.vmName, signal);
  if (named.length === 0) return false;
  const found = named[0]!;
  if (named.length === 1 && found.uuid && hasPlannedAddress(found, input.ip)) {
    const adopted: VmArtifact = {
      phase: 'ready', name: input.vmName, uuid: found.uuid, jobId: null, attempt: 0, adopted: true,
      storagePolicyUuid: null, vdsUuid: null, vlanUuid: found.nics?.[0]?.vlan_uuid ?? null,
      mac: found.nics?.[0]?.mac_address ?? null, osVersion: found.guest_info?.os_version ?? null, guestAgentState: found.guest_info?.ga_state ?? null,
    };
    artifacts.set(vmArtifactKey, adopted);
    log('info', text('smartx.log.adopted', { vm: input.vmName, uuid: found.uuid, name: client.endpointName, ip: input.ip }));
    return true;
  }
  const which = named.map((vm) => vm.uuid ?? '?').join(', ');
  const params = { name: client.endpointName, vm: input.vmName, count: named.length, uuids: which, ip: input.ip };
  return fail('step_failed', text(named.length > 1 ? 'smartx.vm.duplicates' : 'smartx.vm.otherAddress', params), {
    hint: text('smartx.vm.duplicateHint'),
    retryable: false,
  });
}
