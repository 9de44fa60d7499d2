import type { PlatformUsage } from '../types';
import { hypervisorTotals, projectLimits } from './nova';
import { OpenStackSession } from './session';

/** What the Deploy screen's bars show for one OpenStack endpoint: raw numbers, -1 = unlimited quota, null = not visible to this account. */
export interface OpenStackUsage {
  endpoint: string;
  instances: { used: number; quota: number };
  vcpus: { used: number; quota: number; hypervisorTotal: number | null; hypervisorUsed: number | null };
  ramMiB: { used: number; quota: number; hypervisorTotal: number | null; hypervisorUsed: number | null };
}

export async function readUsage(session: OpenStackSession, signal: AbortSignal): Promise<OpenStackUsage> {
  const [limits, hypervisors] = await Promise.all([projectLimits(session, signal), hypervisorTotals(session, signal).catch(() => null)]);
  return {
    endpoint: session.endpoint.name,
    instances: { used: limits.totalInstancesUsed, quota: limits.maxTotalInstances },
    vcpus: { used: limits.totalCoresUsed, quota: limits.maxTotalCores, hypervisorTotal: hypervisors?.vcpus ?? null, hypervisorUsed: hypervisors?.vcpusUsed ?? null },
    ramMiB: { used: limits.totalRAMUsed, quota: limits.maxTotalRAMSize, hypervisorTotal: hypervisors?.memoryMiB ?? null, hypervisorUsed: hypervisors?.memoryMiBUsed ?? null },
  };
}

/** The Deploy screen's meters from one reading: instances against the quota, vCPU and RAM also against the hypervisors. */
export async function usageMeters(reading: Promise<OpenStackUsage>): Promise<PlatformUsage> {
  const usage = await reading;
  return {
    endpoint: usage.endpoint,
    meters: [
      { id: 'instances', used: usage.instances.used, quota: usage.instances.quota, total: null },
      { id: 'vcpus', used: usage.vcpus.used, quota: usage.vcpus.quota, total: usage.vcpus.hypervisorTotal },
      { id: 'ramMiB', used: usage.ramMiB.used, quota: usage.ramMiB.quota, total: usage.ramMiB.hypervisorTotal },
    ],
  };
}
