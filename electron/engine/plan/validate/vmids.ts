import { formatWhere } from '../../../../shared/plan/findingCodes';
import { whereOf, type OsFamily, type Plan, type Vm } from '../../../../shared/plan/model';
import type { ValidationContext } from './context';

/** VMID ranges per OS, as in the Proxmox seed; every other OS falls back to the last range. */
export const vmidRanges: Readonly<Record<'ubuntu' | 'centos' | 'windows' | 'fallback', { min: number; max: number }>> = {
  ubuntu: { min: 1000, max: 1999 },
  centos: { min: 2000, max: 2999 },
  windows: { min: 3000, max: 3999 },
  fallback: { min: 9000, max: 9999 },
};

export function vmidRangeFor(os: OsFamily | string): { min: number; max: number; label: string } {
  if (os === 'ubuntu' || os === 'centos' || os === 'windows') return { ...vmidRanges[os], label: os };
  return { ...vmidRanges.fallback, label: os };
}

/** Only for VMs on Proxmox endpoints and only when a VMID is given: range per OS, unique per endpoint. */
export function checkVmids(plan: Plan, context: ValidationContext): void {
  const kinds = new Map(plan.endpoints.map((endpoint) => [endpoint.name.toLowerCase(), endpoint.kind] as const));
  const used = new Map<string, Vm>();
  for (const vm of plan.vms) {
    if (vm.vmid === null) continue;
    const kind = kinds.get(vm.endpoint.toLowerCase());
    if (kind === undefined) continue;
    if (kind !== 'proxmox') {
      context.add('vmid.ignored', whereOf(vm, 'vmid'), { value: vm.vmid, endpoint: vm.endpoint });
      continue;
    }
    const range = vmidRangeFor(vm.os);
    if (vm.vmid < range.min || vm.vmid > range.max) {
      context.add('vmid.out_of_range', whereOf(vm, 'vmid'), { value: vm.vmid, os: range.label, min: range.min, max: range.max });
    }
    const key = `${vm.endpoint.toLowerCase()}#${vm.vmid}`;
    const first = used.get(key);
    if (first) context.add('vmid.duplicate', whereOf(vm, 'vmid'), { value: vm.vmid, first: formatWhere(whereOf(first, 'vmid')) });
    else used.set(key, vm);
  }
}
