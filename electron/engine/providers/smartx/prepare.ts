import { AppFailure, appError } from '../../../../shared/errors';
import type { Secret } from '../../../../shared/plan/secret';
import type { Progress } from '../../../../shared/runModel';
import type { FisheyeClient } from './fisheyeClient';
import { findIsoFile } from './isoFile';
import { phaseReporter } from './phases';
import type { TowerInput } from './towerPlan';
import type { StepLog } from './types';

export const prepareArtifactKey = 'prepare';
export const preparePhases = ['fields', 'iso', 'login', 'resources'] as const;

export interface HostResources {
  host_uuid?: string;
  hostname?: string;
  cpu?: { cores?: number; usage_percent?: number };
  memory?: { total_bytes?: number; used_bytes?: number; usage_percent?: number };
}

export interface PrepareArtifact {
  isoFile: string;
  isoSize: number;
  isoVersion: string;
  hosts: number;
  /** The host with the most free memory, which must hold the VM. */
  bestHost: string | null;
  bestHostFreeBytes: number;
}

/** CPU use above this on every host: the VM would start on a cluster that is already busy. */
const busyCpuPercent = 90;

/** CloudTower's own password policy for its administrator: at least 8 characters, letters and digits. */
export function passwordProblem(password: Secret | null): string | null {
  const text = password && !password.isEmpty ? password.reveal() : '';
  if (text.length < 8) return 'is shorter than 8 characters';
  if (!/[A-Za-z]/.test(text) || !/\d/.test(text)) return 'does not mix letters and digits';
  return null;
}

export interface PrepareJob {
  client: FisheyeClient;
  input: TowerInput;
  adminPassword: Secret | null;
  adminPasswordCell: { sheet: string; cell: string } | null;
  workbookDir: string;
  signal: AbortSignal;
  log: StepLog;
  progress: (progress: Progress) => void;
}

/**
 * Everything checked before anything is created: the plan's fields, the
 * ISO next to the workbook, the login to SMTX OS, and a host with room
 * for the VM.
 */
export async function prepareDeployment(job: PrepareJob): Promise<PrepareArtifact> {
  const { client, input, signal, log } = job;
  const report = phaseReporter(job.progress, preparePhases);
  report('fields');
  const weak = passwordProblem(job.adminPassword);
  if (weak) {
    throw new AppFailure(
      appError('plan_invalid', `The CloudTower administrator password ${weak}.`, {
        hint: 'CloudTower refuses it at first run; set a stronger one in the workbook.',
        retryable: false,
        ...(job.adminPasswordCell ? { cell: job.adminPasswordCell } : {}),
      }),
    );
  }
  log('info', `CloudTower ${input.vmName} at ${input.ip}/${input.netmask ?? '?'} (gateway ${input.gateway ?? 'none'}), ${input.vcpu} vCPU, ${input.memoryMiB} MiB, ${input.diskGiB} GiB; organisation ${input.organisation}.`);

  report('iso');
  const iso = await findIsoFile(input, job.workbookDir);
  log('info', `CloudTower ISO: ${iso.path} (${iso.size} bytes, version ${iso.version}).`);

  report('login');
  const hosts = await client.call<HostResources[]>('GET', '/api/v2/hosts', signal);
  log('info', `Logged in to SMTX OS ${client.endpointName}: ${hosts.length} host(s).`);

  report('resources');
  const need = input.memoryMiB * 1024 * 1024;
  const free = (host: HostResources): number => Math.max(0, (host.memory?.total_bytes ?? 0) - (host.memory?.used_bytes ?? 0));
  const best = [...hosts].sort((a, b) => free(b) - free(a))[0];
  for (const host of hosts) {
    log('info', `Host ${host.hostname ?? host.host_uuid ?? '?'}: CPU ${host.cpu?.usage_percent ?? '?'}% of ${host.cpu?.cores ?? '?'} cores, memory ${host.memory?.usage_percent ?? '?'}% used (${Math.round(free(host) / 2 ** 30)} GiB free).`);
  }
  if (!best || free(best) < need) {
    throw new AppFailure(
      appError('step_failed', `No host of SMTX OS ${client.endpointName} has ${input.memoryMiB} MiB of free memory for CloudTower (the most free: ${best ? Math.round(free(best) / 2 ** 20) : 0} MiB).`, {
        hint: 'Free memory on the cluster or size the CloudTower VM down in the workbook, then retry.',
        retryable: true,
        ...(input.cells.sizing ? { cell: input.cells.sizing } : {}),
      }),
    );
  }
  if (hosts.every((host) => (host.cpu?.usage_percent ?? 0) > busyCpuPercent)) {
    throw new AppFailure(appError('step_failed', `Every host of SMTX OS ${client.endpointName} is above ${busyCpuPercent}% CPU use.`, { hint: 'Wait until the cluster is less busy, then retry.', retryable: true }));
  }
  report('resources', 1);
  return { isoFile: iso.name, isoSize: iso.size, isoVersion: iso.version, hosts: hosts.length, bestHost: best.hostname ?? best.host_uuid ?? null, bestHostFreeBytes: free(best) };
}
