import { text } from '../../../../shared/i18n/engineText';
import { fail } from '../../../../shared/errors';
import type { OsFamily } from '../../../../shared/plan/model';
import type { NewReservation, Reservation } from '../../store';

/** The part of the RunStore that holds VMIDs between "chosen" and "created". */
export interface VmidReservations {
  reserve(reservation: NewReservation, now: number): boolean;
  releaseReservation(environment: string, resourceKind: string, value: string): boolean;
  listReservations(environment: string, resourceKind: string): Reservation[];
}

export const vmidKind = 'proxmox-vmid';

export type VmidRange = readonly [number, number];

const ranges: Partial<Record<OsFamily, VmidRange>> = {
  ubuntu: [1000, 1999],
  centos: [2000, 2999],
  rocky: [2000, 2999],
  windows: [3000, 3999],
};
export const fallbackRange: VmidRange = [9000, 9999];

export function vmidRangeFor(os: OsFamily): VmidRange {
  return ranges[os] ?? fallbackRange;
}

export interface AllocateVmidInput {
  os: OsFamily;
  /** The plan's VMID, honoured as given. */
  planned: number | null;
  /** VMIDs in use in the cluster right now. */
  used: ReadonlySet<number>;
  reservations: VmidReservations;
  /** Reservations are per environment (one Proxmox cluster's worth of runs); the endpoint name is part of it. */
  environment: string;
  runId: string;
  stepId: string;
  now?: () => number;
}

export interface AllocatedVmid {
  vmid: number;
  /** True when this step had reserved it before (a resumed step): the VM may already exist. */
  resumed: boolean;
}

/**
 * The lowest VMID of the OS's range that the cluster does not use and nobody
 * has reserved, reserved for this run and step before anything is created.
 * The store's reserve is atomic, so two steps racing for the same ID get one
 * each; a resumed step gets back the ID it held, never a second one.
 */
export function allocateVmid(input: AllocateVmidInput): AllocatedVmid {
  const { reservations, environment, runId, stepId } = input;
  const now = input.now ?? Date.now;
  const held = reservations.listReservations(environment, vmidKind);
  const own = held.filter((entry) => entry.runId === runId && entry.stepId === stepId).map((entry) => Number(entry.value));
  const reserve = (vmid: number): boolean =>
    reservations.reserve({ environment, resourceKind: vmidKind, value: String(vmid), runId, stepId }, now());

  if (input.planned !== null) {
    if (own.includes(input.planned)) return { vmid: input.planned, resumed: true };
    if (!reserve(input.planned)) {
      const holder = held.find((entry) => Number(entry.value) === input.planned);
      const by = holder ? text('pve.vmid.holder', { step: holder.stepId ?? '?', run: holder.runId ?? '?' }) : text('pve.vmid.concurrentRun');
      fail('conflict', text('pve.vmid.reserved', { vmid: input.planned, holder: by }), {
        hint: text('pve.hint.vmidWait'),
        retryable: false,
      });
    }
    return { vmid: input.planned, resumed: false };
  }

  const [low, high] = vmidRangeFor(input.os);
  const mine = own.find((vmid) => vmid >= low && vmid <= high);
  if (mine !== undefined) return { vmid: mine, resumed: true };
  const taken = new Set<number>(held.map((entry) => Number(entry.value)));
  for (let vmid = low; vmid <= high; vmid++) {
    if (input.used.has(vmid) || taken.has(vmid)) continue;
    // False: someone reserved it since we listed; the next one is ours to try.
    if (reserve(vmid)) return { vmid, resumed: false };
  }
  return fail('conflict', text('pve.vmid.none', { low, high, os: input.os }), {
    hint: text('pve.hint.vmidRange'),
    retryable: false,
  });
}

/** Gives a VMID back when nothing was created with it (every node failed). */
export function releaseVmid(reservations: VmidReservations, environment: string, vmid: number): void {
  reservations.releaseReservation(environment, vmidKind, String(vmid));
}
