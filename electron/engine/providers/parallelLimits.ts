import type { ParallelLimit } from '../../../shared/contract/wizardChannels';

/** One step's share of a limit: which limit (all fields but the steps) and the step. */
export type LimitUse = Omit<ParallelLimit, 'steps'> & { step: string };

/** The uses grouped into one limit each (same endpoint, work, scope and limit), in the order first seen. */
export function groupLimits(uses: readonly LimitUse[]): ParallelLimit[] {
  const byScope = new Map<string, ParallelLimit>();
  for (const { step, ...limit } of uses) {
    const key = JSON.stringify([limit.endpoint, limit.work, limit.per, limit.node, limit.storage, limit.limit]);
    const found = byScope.get(key);
    if (found) {
      if (!found.steps.includes(step)) found.steps.push(step);
    } else byScope.set(key, { ...limit, steps: [step] });
  }
  return [...byScope.values()];
}
