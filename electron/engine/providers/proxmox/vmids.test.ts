import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/errors';
import type { NewReservation, Reservation } from '../../store';
import { allocateVmid, releaseVmid, vmidRangeFor, type VmidReservations } from './vmids';

/** The store's semantics: atomic insert, same run+step asking again gets true. */
function fakeReservations(): VmidReservations & { held: Reservation[] } {
  const held: Reservation[] = [];
  return {
    held,
    reserve(reservation: NewReservation, now: number) {
      const holder = held.find((entry) => entry.environment === reservation.environment && entry.resourceKind === reservation.resourceKind && entry.value === reservation.value);
      if (!holder) {
        held.push({ ...reservation, createdAt: now });
        return true;
      }
      return reservation.runId !== null && holder.runId === reservation.runId && holder.stepId === reservation.stepId;
    },
    releaseReservation(environment, kind, value) {
      const index = held.findIndex((entry) => entry.environment === environment && entry.resourceKind === kind && entry.value === value);
      if (index >= 0) held.splice(index, 1);
      return index >= 0;
    },
    listReservations: (environment, kind) => held.filter((entry) => entry.environment === environment && entry.resourceKind === kind),
  };
}

const base = { environment: 'site', runId: 'run-1', planned: null, used: new Set<number>() };

describe('allocateVmid', () => {
  it('takes the lowest ID of the OS range that is neither used nor reserved', () => {
    const reservations = fakeReservations();
    reservations.reserve({ environment: 'site', resourceKind: 'proxmox-vmid', value: '1001', runId: 'other', stepId: 'x' }, 0);
    const result = allocateVmid({ ...base, os: 'ubuntu', used: new Set([1000, 1002]), reservations, stepId: 'vm.create:a' });
    expect(result).toEqual({ vmid: 1003, resumed: false });
    expect(allocateVmid({ ...base, os: 'windows', reservations, stepId: 'vm.create:b' }).vmid).toBe(3000);
    expect(allocateVmid({ ...base, os: 'rocky', reservations, stepId: 'vm.create:c' }).vmid).toBe(2000);
    expect(allocateVmid({ ...base, os: 'debian', reservations, stepId: 'vm.create:d' }).vmid).toBe(9000);
  });

  it('gives parallel steps different IDs and a resumed step its own one back', () => {
    const reservations = fakeReservations();
    const first = allocateVmid({ ...base, os: 'centos', reservations, stepId: 'vm.create:a' });
    const second = allocateVmid({ ...base, os: 'centos', reservations, stepId: 'vm.create:b' });
    expect([first.vmid, second.vmid]).toEqual([2000, 2001]);
    const again = allocateVmid({ ...base, os: 'centos', used: new Set([2000]), reservations, stepId: 'vm.create:a' });
    expect(again).toEqual({ vmid: 2000, resumed: true });
  });

  it('skips an ID another process reserved between the listing and the reservation', () => {
    const reservations = fakeReservations();
    const racing: VmidReservations = {
      ...reservations,
      reserve(reservation, now) {
        if (reservation.value === '1000') reservations.reserve({ ...reservation, runId: 'racer', stepId: 'r' }, now);
        return reservations.reserve(reservation, now);
      },
    };
    expect(allocateVmid({ ...base, os: 'ubuntu', reservations: racing, stepId: 's' }).vmid).toBe(1001);
  });

  it('honours the plan’s VMID, and refuses it when another step holds it', () => {
    const reservations = fakeReservations();
    expect(allocateVmid({ ...base, os: 'ubuntu', planned: 4242, reservations, stepId: 'a' })).toEqual({ vmid: 4242, resumed: false });
    expect(() => allocateVmid({ ...base, os: 'ubuntu', planned: 4242, reservations, stepId: 'b' })).toThrow(AppFailure);
    releaseVmid(reservations, 'site', 4242);
    expect(allocateVmid({ ...base, os: 'ubuntu', planned: 4242, reservations, stepId: 'b' }).vmid).toBe(4242);
  });

  it('says so when the range is full', () => {
    const [low, high] = vmidRangeFor('windows');
    const used = new Set(Array.from({ length: high - low + 1 }, (_, index) => low + index));
    try {
      allocateVmid({ ...base, os: 'windows', used, reservations: fakeReservations(), stepId: 'a' });
      expect.unreachable();
    } catch (error) {
      expect((error as AppFailure).appError).toMatchObject({ code: 'conflict', retryable: false });
      expect((error as AppFailure).appError.title).toContain('3000-3999');
    }
  });
});
