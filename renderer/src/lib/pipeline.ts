import type { StepSnapshot } from '../../../shared/runModel';

/**
 * The steps in chain order when a run is one linear chain of stages (each
 * step depends on exactly the one before it, the first on nothing), as a
 * provider's pipeline is drawn; null for any other graph, which the step
 * and target tables show better.
 */
export function linearPipeline(steps: readonly StepSnapshot[]): StepSnapshot[] | null {
  if (steps.length < 2) return null;
  const first = steps.filter((step) => step.deps.length === 0);
  if (first.length !== 1) return null;
  const nextOf = new Map<string, StepSnapshot>();
  for (const step of steps) {
    if (step.deps.length > 1) return null;
    const [dep] = step.deps;
    if (dep === undefined) continue;
    // Two steps after the same one: a fork, not a chain.
    if (nextOf.has(dep)) return null;
    nextOf.set(dep, step);
  }
  const chain: StepSnapshot[] = [first[0]!];
  for (let next = nextOf.get(first[0]!.id); next; next = nextOf.get(next.id)) chain.push(next);
  return chain.length === steps.length ? chain : null;
}
