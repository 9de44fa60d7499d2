import type { RunSource } from '../../../shared/contract/channels';
import { buildDemoGraph, type BuiltGraph } from '../demo/demoPlan';
import { demoStepKind } from '../demo/demoStep';
import type { StepKind } from '../runner/types';

/** Every step kind the engine can execute, by name; a resumed run finds its kinds here. */
export const stepKinds: Record<string, StepKind> = {
  [demoStepKind.kind]: demoStepKind as StepKind,
};

export function buildGraph(source: RunSource): BuiltGraph {
  switch (source.kind) {
    case 'demo':
      return buildDemoGraph(source);
  }
}
