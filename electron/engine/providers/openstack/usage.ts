import type { TrustStore } from '../../net';
import type { HostKeyStore } from '../../ssh';
import type { PlatformUsage } from '../types';
import { hypervisorTotals, projectLimits } from './nova';
import { OpenStackSession } from './session';
import type { ResolvedOpenStackEndpoint } from './types';

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

/** The seam's usage: one session of its own (through the bastion when there is one), closed after. */
export async function endpointUsage(endpoint: ResolvedOpenStackEndpoint, trust: TrustStore, signal: AbortSignal): Promise<PlatformUsage> {
  const pins = trust as unknown as Partial<HostKeyStore>;
  const session = new OpenStackSession({ endpoint, trust, hostKeys: { findPins: (kind, host, port) => pins.findPins?.(kind, host, port) ?? [], addPin: () => undefined }, timeoutMs: 15_000 });
  try {
    const usage = await readUsage(session, signal);
    return {
      endpoint: usage.endpoint,
      meters: [
        { id: 'instances', used: usage.instances.used, quota: usage.instances.quota, total: null },
        { id: 'vcpus', used: usage.vcpus.used, quota: usage.vcpus.quota, total: usage.vcpus.hypervisorTotal },
        { id: 'ramMiB', used: usage.ramMiB.used, quota: usage.ramMiB.quota, total: usage.ramMiB.hypervisorTotal },
      ],
    };
  } finally {
    session.close();
  }
}
