import { finalRunStates, type RunState } from '../../../shared/runModel';
import type { MessageKey } from '../i18n';

/*
 * The wizard's sequence as data. Which step may be entered depends only on
 * facts gathered from the stores (wizardFacts.ts), so the rules are pure and
 * tested without a screen:
 *
 *   start ─> validate ─> connect ─> review ─> deploy ─> report
 *              │            │          │         │
 *              │ no errors  │          │ a run   │ the run is over
 *              └────────────┴──────────┘
 *
 * Review needs a plan without error findings; Connect too (there is
 * nothing to check without endpoints). Starting a real deployment needs a
 * preflight of the current import without blockers; a lab rehearsal does
 * not (the lab's endpoints replace the plan's).
 */

export const wizardStepIds = ['start', 'validate', 'connect', 'review', 'deploy', 'report'] as const;
export type WizardStepId = (typeof wizardStepIds)[number];

export interface WizardFacts {
  workbook: 'none' | 'importing' | 'failed' | 'imported';
  /** Error findings of the last import (a workbook Rackpilot could not read at all counts as one). */
  errorCount: number;
  hasPlan: boolean;
  /** Rehearsing on the built-in lab instead of the plan's endpoints. */
  lab: boolean;
  /** The preflight of the current import and target; `none` once the workbook or target changed. */
  preflight: { state: 'none' | 'checking' | 'done' | 'failed'; blockers: number };
  /** The run the deploy and report steps show. */
  run: { id: string; state: RunState } | null;
}

/** Why a step cannot be entered yet, and the step that gets the user there. */
export type Entry = { ok: true } | { ok: false; reason: MessageKey; go: WizardStepId };

export interface WizardStep {
  id: WizardStepId;
  /** 1-based, as shown in the step list. */
  number: number;
  titleKey: MessageKey;
  canEnter(facts: WizardFacts): Entry;
  next: WizardStepId | null;
  back: WizardStepId | null;
}

const open: Entry = { ok: true };

function needsWorkbook(facts: WizardFacts): Entry {
  if (facts.workbook === 'none') return { ok: false, reason: 'wizard.needWorkbook', go: 'start' };
  return open;
}

function needsValidPlan(facts: WizardFacts): Entry {
  const workbook = needsWorkbook(facts);
  if (!workbook.ok) return workbook;
  if (facts.workbook === 'importing') return { ok: false, reason: 'wizard.needImport', go: 'validate' };
  if (facts.workbook === 'failed' || !facts.hasPlan) return { ok: false, reason: 'wizard.needReadablePlan', go: 'validate' };
  if (facts.errorCount > 0) return { ok: false, reason: 'wizard.needNoErrors', go: 'validate' };
  return open;
}

function needsRun(facts: WizardFacts): Entry {
  return facts.run ? open : { ok: false, reason: 'wizard.needRun', go: facts.hasPlan ? 'review' : 'start' };
}

function needsFinishedRun(facts: WizardFacts): Entry {
  const run = needsRun(facts);
  if (!run.ok) return run;
  return facts.run && finalRunStates.has(facts.run.state) ? open : { ok: false, reason: 'wizard.needFinishedRun', go: 'deploy' };
}

export const wizardSteps: Record<WizardStepId, WizardStep> = {
  start: { id: 'start', number: 1, titleKey: 'wizard.step.start', canEnter: () => open, next: 'validate', back: null },
  validate: { id: 'validate', number: 2, titleKey: 'wizard.step.validate', canEnter: needsWorkbook, next: 'connect', back: 'start' },
  connect: { id: 'connect', number: 3, titleKey: 'wizard.step.connect', canEnter: needsValidPlan, next: 'review', back: 'validate' },
  review: { id: 'review', number: 4, titleKey: 'wizard.step.review', canEnter: needsValidPlan, next: 'deploy', back: 'connect' },
  deploy: { id: 'deploy', number: 5, titleKey: 'wizard.step.deploy', canEnter: needsRun, next: 'report', back: 'review' },
  report: { id: 'report', number: 6, titleKey: 'wizard.step.report', canEnter: needsFinishedRun, next: null, back: 'deploy' },
};

export function canEnter(step: WizardStepId, facts: WizardFacts): Entry {
  return wizardSteps[step].canEnter(facts);
}

export function reachableSteps(facts: WizardFacts): WizardStepId[] {
  return wizardStepIds.filter((step) => canEnter(step, facts).ok);
}

/**
 * Whether a run of the plan may start: always in the lab once the plan is
 * valid; for real only after a preflight of this very import found no blocker.
 */
export function canStartRun(facts: WizardFacts, target: 'lab' | 'real'): Entry {
  const plan = needsValidPlan(facts);
  if (!plan.ok) return plan;
  if (target === 'lab') return open;
  if (facts.lab) return { ok: false, reason: 'wizard.needRealTarget', go: 'connect' };
  if (facts.preflight.state === 'checking') return { ok: false, reason: 'wizard.needPreflightDone', go: 'connect' };
  if (facts.preflight.state !== 'done') return { ok: false, reason: 'wizard.needPreflight', go: 'connect' };
  if (facts.preflight.blockers > 0) return { ok: false, reason: 'wizard.needNoBlockers', go: 'connect' };
  return open;
}

/** The step to continue with: the furthest one that can be entered. */
export function furthestStep(facts: WizardFacts): WizardStepId {
  const reachable = reachableSteps(facts);
  return reachable[reachable.length - 1] ?? 'start';
}

export function nextStep(step: WizardStepId): WizardStepId | null {
  return wizardSteps[step].next;
}

export function previousStep(step: WizardStepId): WizardStepId | null {
  return wizardSteps[step].back;
}
