import { fail } from '../../../../shared/errors';
import { text, type TextParam, type TextRef } from '../../../../shared/i18n/engineText';
import { recommendFlavor } from '../../../../shared/plan/openstack/flavors';
import type { StepKind } from '../../runner/types';
import { sessionFor, type OpenStackDeps } from './connect';
import { createFlavor, deleteFlavor, listFlavors, type Flavor } from './nova';
import type { OpenStackSession } from './session';
import { osKinds, type OsFlavorInput } from './steps';

export interface FlavorArtifact {
  id: string;
  name: string;
  /** True when this run created it (undo deletes only those). */
  created: boolean;
}
export const flavorArtifactKey = 'flavor';

const sizeOf = (flavor: Flavor) => ({ name: flavor.name, vcpu: flavor.vcpus, memoryMiB: flavor.ram, diskGiB: flavor.disk });
const sizeText = (flavor: Flavor): TextRef => text('openstack.flavor.size', { name: flavor.name, vcpus: flavor.vcpus, ram: flavor.ram, disk: flavor.disk });
const listText = (flavors: Flavor[]): TextParam => (flavors.length > 0 ? text('text.commas', { items: flavors.map(sizeText) }) : text('openstack.none'));

/**
 * The flavor a step stands for, without creating anything: the named one,
 * or the smallest that fits (shared/plan/openstack/flavors.ts). Null when it
 * is still to be created; a named flavor the cloud lacks is a plan error.
 */
export async function findFlavor(session: OpenStackSession, input: OsFlavorInput, signal: AbortSignal): Promise<Flavor | null> {
  const flavors = await listFlavors(session, signal);
  const named = flavors.find((flavor) => flavor.name === input.name);
  if (input.mode === 'existing') {
    return named ?? fail('plan_invalid', text('openstack.flavor.missing', { endpoint: input.endpoint, name: input.name }), { hint: text('openstack.flavor.missingHint', { flavors: listText(flavors) }), retryable: false, ...(input.cell ? { cell: input.cell } : {}) });
  }
  if (input.mode === 'create') return named ?? null;
  const need = { vcpu: input.vcpu ?? 1, memoryMiB: input.memoryMiB ?? 1, diskGiB: input.diskGiB ?? 0 };
  const best = recommendFlavor(flavors.map((flavor) => ({ ...sizeOf(flavor), flavor })), need);
  return best?.flavor ?? named ?? null;
}

export function flavorStepKind(deps: OpenStackDeps): StepKind<OsFlavorInput> {
  return {
    kind: osKinds.flavor,
    policy: { retry: { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 20_000, jitter: 0.2 }, timeoutMs: 5 * 60_000 },
    check: async (ctx) => (await findFlavor(sessionFor(deps, ctx, ctx.step.input.endpoint), ctx.step.input, ctx.signal)) !== null,
    async run(ctx) {
      const input = ctx.step.input;
      const session = sessionFor(deps, ctx, input.endpoint);
      const found = await findFlavor(session, input, ctx.signal);
      if (found) {
        ctx.log('info', text('openstack.log.flavorIs', { name: input.name, size: sizeText(found) }));
        ctx.artifacts.set(flavorArtifactKey, { id: found.id, name: found.name, created: false } satisfies FlavorArtifact);
        return;
      }
      const spec = { name: input.name, vcpus: input.vcpu ?? 1, ram: input.memoryMiB ?? 512, disk: Math.ceil(input.diskGiB ?? 0) };
      ctx.log('info', text('openstack.log.flavorCreating', { vcpus: spec.vcpus, ram: spec.ram, disk: spec.disk, name: spec.name }));
      const made = await createFlavor(session, spec, ctx.signal);
      ctx.artifacts.set(flavorArtifactKey, { id: made.id, name: made.name, created: true } satisfies FlavorArtifact);
    },
    async undo(ctx) {
      const made = ctx.artifacts.get<FlavorArtifact>(flavorArtifactKey);
      if (!made?.created) return;
      await deleteFlavor(sessionFor(deps, ctx, ctx.step.input.endpoint), made.id, ctx.signal);
      ctx.log('info', text('openstack.log.flavorDeleted', { name: made.name }));
    },
  };
}
