import { describe, expect, it } from 'vitest';
import { flavorFits, recommendFlavor, type FlavorSize } from './flavors';

const catalogue: FlavorSize[] = [
  { name: 'large', vcpu: 4, memoryMiB: 6144, diskGiB: 40 },
  { name: 'nano', vcpu: 1, memoryMiB: 512, diskGiB: 1 },
  { name: 'medium', vcpu: 2, memoryMiB: 2560, diskGiB: 20 },
  { name: 'small', vcpu: 1, memoryMiB: 1536, diskGiB: 10 },
  { name: 'micro', vcpu: 1, memoryMiB: 1024, diskGiB: 5 },
];

describe('recommendFlavor', () => {
  it('picks the smallest flavor that fits every dimension', () => {
    expect(recommendFlavor(catalogue, { vcpu: 2, memoryMiB: 2048, diskGiB: 20 })?.name).toBe('medium');
    expect(recommendFlavor(catalogue, { vcpu: 1, memoryMiB: 1024, diskGiB: 6 })?.name).toBe('small');
    expect(recommendFlavor(catalogue, { vcpu: 8, memoryMiB: 1024, diskGiB: 1 })).toBeNull();
  });

  it('every flavor it passes over either does not fit or is not smaller', () => {
    const need = { vcpu: 1, memoryMiB: 900, diskGiB: 2 };
    const chosen = recommendFlavor(catalogue, need)!;
    for (const other of catalogue) {
      if (other === chosen || !flavorFits(other, need)) continue;
      expect(other.memoryMiB >= chosen.memoryMiB).toBe(true);
    }
  });

  it('breaks ties by vCPU, then disk, then name, whatever order the cloud lists them in', () => {
    const ties: FlavorSize[] = [
      { name: 'b', vcpu: 2, memoryMiB: 2048, diskGiB: 20 },
      { name: 'a', vcpu: 2, memoryMiB: 2048, diskGiB: 20 },
      { name: 'c', vcpu: 2, memoryMiB: 2048, diskGiB: 10 },
      { name: 'd', vcpu: 4, memoryMiB: 2048, diskGiB: 10 },
    ];
    const need = { vcpu: 2, memoryMiB: 2048, diskGiB: 10 };
    expect(recommendFlavor(ties, need)?.name).toBe('c');
    expect(recommendFlavor([...ties].reverse(), { ...need, diskGiB: 15 })?.name).toBe('a');
    expect(recommendFlavor(ties, { ...need, diskGiB: 15 })?.name).toBe('a');
  });

  it('counts a disk-0 flavor as fitting only a need of no disk', () => {
    const imageSized: FlavorSize = { name: 'img', vcpu: 2, memoryMiB: 1024, diskGiB: 0 };
    expect(flavorFits(imageSized, { vcpu: 1, memoryMiB: 512, diskGiB: 0 })).toBe(true);
    expect(flavorFits(imageSized, { vcpu: 1, memoryMiB: 512, diskGiB: 1 })).toBe(false);
  });
});
