/*
 * The orchestrator's "recommend": the smallest flavor that fits a need.
 * Fits = at least the vCPUs, memory and disk asked for; a flavor with disk 0
 * (root disk sized from the image) fits only a need of no disk, since the
 * image may be smaller than what was planned. Smallest = least memory, then
 * fewest vCPUs, then least disk (memory is what clouds run out of first and
 * what flavors are priced by), then the name by code point, so equal sizes
 * always give the same answer whatever order the cloud lists them in.
 */

export interface FlavorSize {
  name: string;
  vcpu: number;
  memoryMiB: number;
  diskGiB: number;
}

export interface FlavorNeed {
  vcpu: number;
  memoryMiB: number;
  diskGiB: number;
}

export function flavorFits(flavor: FlavorSize, need: FlavorNeed): boolean {
  if (flavor.vcpu < need.vcpu || flavor.memoryMiB < need.memoryMiB) return false;
  return flavor.diskGiB === 0 ? need.diskGiB === 0 : flavor.diskGiB >= need.diskGiB;
}

export function compareFlavorSize(a: FlavorSize, b: FlavorSize): number {
  return a.memoryMiB - b.memoryMiB || a.vcpu - b.vcpu || a.diskGiB - b.diskGiB || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The smallest fitting flavor, or null when none fits. */
export function recommendFlavor<T extends FlavorSize>(flavors: readonly T[], need: FlavorNeed): T | null {
  let best: T | null = null;
  for (const flavor of flavors) if (flavorFits(flavor, need) && (best === null || compareFlavorSize(flavor, best) < 0)) best = flavor;
  return best;
}
