import { AppFailure, appError } from '../../../../shared/errors';
import { text, type TextRef } from '../../../../shared/i18n/engineText';
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
export function passwordProblem(password: Secret | null): TextRef | null {
  const value = password && !password.isEmpty ? password.reveal() : '';
  if (value.length < 8) return text('smartx.prepare.passwordShort');
  if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) return text('smartx.prepare.passwordMix');
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
      appError('plan_invalid', weak, {
        hint: text('smartx.prepare.passwordHint'),
        retryable: false,
        ...(job.adminPasswordCell ? { cell: job.adminPasswordCell } : {}),
      }),
    );
  }
  log('info', text('smartx.log.plan', {
    vm: input.vmName, ip: input.ip, netmask: input.netmask ?? '?', gateway: input.gateway ?? text('smartx.none'),
    vcpu: input.vcpu, memory: input.memoryMiB, disk: input.diskGiB, organisation: input.organisation,
  }));

  report('iso');
  const iso = await findIsoFile(input, job.workbookDir);
  log('info', text('smartx.log.isoFound', { path: iso.path, size: iso.size, version: iso.version }));

  report('login');
  const hosts = await client.call<HostResources[]>('GET', '/api/v2/hosts', signal);
  log('info', text('smartx.log.fisheyeLoggedIn', { name: client.endpointName, hosts: hosts.length }));

  report('resources');
  const need = input.memoryMiB * 1024 * 1024;
  const free = (host: HostResources): number => Math.max(0, (host.memory?.total_bytes ?? 0) - (host.memory?.used_bytes ?? 0));
  const best = [...hosts].sort((a, b) => free(b) - free(a))[0];
  for (const host of hosts) {
    log('info', text('smartx.log.host', {
      host: host.hostname ?? host.host_uuid ?? '?', cpu: host.cpu?.usage_percent ?? '?', cores: host.cpu?.cores ?? '?',
      memory: host.memory?.usage_percent ?? '?', free: Math.round(free(host) / 2 ** 30),
    }));
  }
  if (!best || free(best) < need) {
    throw new AppFailure(
      appError('step_failed', text('smartx.prepare.noRoom', { name: client.endpointName, memory: input.memoryMiB, most: best ? Math.round(free(best) / 2 ** 20) : 0 }), {
        hint: text('smartx.prepare.noRoomHint'),
        retryable: true,
        ...(input.cells.sizing ? { cell: input.cells.sizing } : {}),
      }),
    );
  }
  if (hosts.every((host) => (host.cpu?.usage_percent ?? 0) > busyCpuPercent)) {
    throw new AppFailure(appError('step_failed', text('smartx.prepare.busy', { name: client.endpointName, percent: busyCpuPercent }), { hint: text('smartx.prepare.busyHint'), retryable: true }));
  }
  report('resources', 1);
  return { isoFile: iso.name, isoSize: iso.size, isoVersion: iso.version, hosts: hosts.length, bestHost: best.hostname ?? best.host_uuid ?? null, bestHostFreeBytes: free(best) };
}
