import { describe, expect, it } from 'vitest';
import { say, type TextRef } from '../../../../shared/i18n/engineText';
import { capacityProblem, diskMarginBytes, orderCandidates } from './placement';
import type { NodeInfo } from './types';

const spoken = (ref: TextRef | null): string => (ref ? say('en', ref) : '');

const GiB = 2 ** 30;
const node = (name: string, freeGiB: number, online = true): NodeInfo => ({ name, online, memTotal: 64 * GiB, memUsed: (64 - freeGiB) * GiB, sslFingerprint: null });

describe('orderCandidates', () => {
  const nodes = [node('pve1', 10), node('pve2', 40), node('pve3', 20, false), node('pve4', 40)];

  it('tries the plan’s nodes in its order, then the others with the most free memory first', () => {
    const order = orderCandidates(nodes, ['pve3', 'pve1']);
    expect(order.map((candidate) => candidate.node)).toEqual(['pve3', 'pve1', 'pve2', 'pve4']);
    expect(order.map((candidate) => candidate.preferred)).toEqual([true, true, false, false]);
    expect(order[0]).toMatchObject({ online: false, known: true });
  });

  it('keeps a node the cluster does not know, marked unknown, and lists each node once', () => {
    const order = orderCandidates(nodes, ['pve9', 'pve2', 'pve2']);
    expect(order.map((candidate) => candidate.node)).toEqual(['pve9', 'pve2', 'pve4', 'pve3', 'pve1']);
    expect(order[0]).toMatchObject({ known: false, online: false });
  });
});

describe('capacityProblem', () => {
  const capacity = { memTotal: 64 * GiB, memAvailable: 20 * GiB, storage: 'local-lvm', storageAvail: 50 * GiB };

  it('accepts a VM that leaves 10 % of the memory and 2 GiB of disk spare', () => {
    expect(capacityProblem({ memoryBytes: 13 * GiB, diskBytes: 48 * GiB }, capacity)).toBeNull();
  });

  it('refuses a VM that would eat into the memory margin', () => {
    expect(spoken(capacityProblem({ memoryBytes: 14 * GiB, diskBytes: 10 * GiB }, capacity))).toMatch(/memory/);
  });

  it('refuses a VM that would leave less than the disk margin', () => {
    expect(spoken(capacityProblem({ memoryBytes: GiB, diskBytes: 50 * GiB - diskMarginBytes + 1 }, capacity))).toMatch(/local-lvm/);
  });
});
