import type { StepState, StepUndo } from '../../../shared/runModel';
import type { StepKind, StepSpec } from './types';

/** What the rollback knows of one step of the run it undoes: its spec, how the run left it, and its earlier undo if any. */
export interface RollbackStepView {
  spec: StepSpec;
  state: StepState;
  /** The step recorded something it made (a VMID, an upload session): even a failed or interrupted attempt may have left it behind. */
  hasArtifacts: boolean;
  undo?: StepUndo | undefined;
}

/** Why a step is not undone; the preview says so next to what stays. */
export type KeptReason = 'adopted' | 'no_undo';

export interface RollbackSelection {
  /** Step ids whose undo() runs, in the run's step order. */
  undo: string[];
  /** Steps that made something but are left alone, with the reason. */
  kept: Array<{ stepId: string; reason: KeptReason }>;
}

/**
 * Which steps a rollback undoes. A step is undone when its kind can undo and
 * it made something in this run: it succeeded, or it recorded artifacts before
 * it failed, was cancelled or the app died. Adopted steps found the work
 * already there (someone else's, or an earlier run's), so it is not ours to
 * delete. A step an earlier rollback already undid is not asked again.
 */
export function selectUndos(steps: readonly RollbackStepView[], kinds: Readonly<Record<string, StepKind>>): RollbackSelection {
  const selection: RollbackSelection = { undo: [], kept: [] };
  for (const step of steps) {
    const made = step.state === 'succeeded' || step.hasArtifacts;
    if (!made || step.undo?.state === 'undone') continue;
    if (step.state === 'adopted') selection.kept.push({ stepId: step.spec.id, reason: 'adopted' });
    else if (typeof kinds[step.spec.kind]?.undo !== 'function') selection.kept.push({ stepId: step.spec.id, reason: 'no_undo' });
    else selection.undo.push(step.spec.id);
  }
  return selection;
}

/**
 * The reverse of the run's dependency order: a step's undo may start once
 * every step that depends on it, directly or through steps that are not
 * undone, has had its undo settle (removed or not: one failure does not
 * stop the others, and the platform refuses what is still in use).
 */
export class ReverseOrder {
  /** Per step: dependants whose undo has not settled yet. */
  private readonly waitingOn = new Map<string, number>();
  private readonly depsOf = new Map<string, string[]>();
  private readonly undone: ReadonlySet<string>;
  private readonly released: string[] = [];

  constructor(steps: readonly StepSpec[], undo: readonly string[]) {
    this.undone = new Set(undo);
    const known = new Set(steps.map((step) => step.id));
    for (const step of steps) this.waitingOn.set(step.id, 0);
    for (const step of steps) {
      const deps = [...new Set(step.deps)].filter((dep) => known.has(dep) && dep !== step.id);
      this.depsOf.set(step.id, deps);
      for (const dep of deps) this.waitingOn.set(dep, (this.waitingOn.get(dep) ?? 0) + 1);
    }
    // Latest steps first, so a VM goes before the upload it was made from when nothing orders them.
    // The leaves are picked before any is released: releasing one frees others, which it releases itself.
    const leaves = [...steps].reverse().filter((step) => this.waitingOn.get(step.id) === 0);
    for (const leaf of leaves) this.release(leaf.id);
  }

  /** The next step whose undo may start, latest in the run first; undefined when none is free now. */
  next(): string | undefined {
    return this.released.shift();
  }

  /** An undo settled: the steps it was waiting to go before may become free. */
  settle(stepId: string): void {
    for (const dep of this.depsOf.get(stepId) ?? []) {
      const left = (this.waitingOn.get(dep) ?? 1) - 1;
      this.waitingOn.set(dep, left);
      if (left === 0) this.release(dep);
    }
  }

  private release(stepId: string): void {
    // A step that is not undone settles at once, passing its turn to what it depends on.
    if (this.undone.has(stepId)) this.released.push(stepId);
    else this.settle(stepId);
  }
}
