import { describe, expect, it } from 'vitest';
import { canEnter, canStartRun, furthestStep, nextStep, previousStep, reachableSteps, wizardStepIds, wizardSteps, type WizardFacts } from './steps';

const nothing: WizardFacts = {
  workbook: 'none',
  errorCount: 0,
  hasPlan: false,
  lab: false,
  preflight: { state: 'none', blockers: 0 },
  run: null,
};
const validPlan: WizardFacts = { ...nothing, workbook: 'imported', hasPlan: true };

describe('wizard step table', () => {
  it('lists the six steps in order, each linked to its neighbours', () => {
    expect(wizardStepIds.map((id) => wizardSteps[id].number)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const [index, id] of wizardStepIds.entries()) {
      expect(nextStep(id)).toBe(wizardStepIds[index + 1] ?? null);
      expect(previousStep(id)).toBe(wizardStepIds[index - 1] ?? null);
    }
  });
});

describe('which steps can be entered', () => {
  it('offers only the start before a workbook is open', () => {
    expect(reachableSteps(nothing)).toEqual(['start']);
    expect(canEnter('validate', nothing)).toEqual({ ok: false, reason: 'wizard.needWorkbook', go: 'start' });
    expect(furthestStep(nothing)).toBe('start');
  });

  it('lets a workbook with errors be validated but not reviewed', () => {
    const withErrors: WizardFacts = { ...validPlan, errorCount: 2 };
    expect(reachableSteps(withErrors)).toEqual(['start', 'validate']);
    expect(canEnter('review', withErrors)).toEqual({ ok: false, reason: 'wizard.needNoErrors', go: 'validate' });
    expect(canEnter('connect', withErrors)).toMatchObject({ ok: false, go: 'validate' });
  });

  it('holds back while importing and when nothing could be read', () => {
    expect(canEnter('review', { ...validPlan, workbook: 'importing' })).toEqual({ ok: false, reason: 'wizard.needImport', go: 'validate' });
    expect(canEnter('review', { ...validPlan, workbook: 'failed', hasPlan: false })).toEqual({ ok: false, reason: 'wizard.needReadablePlan', go: 'validate' });
    expect(canEnter('review', { ...validPlan, hasPlan: false })).toMatchObject({ ok: false, reason: 'wizard.needReadablePlan' });
  });

  it('opens connect and review for a valid plan, warnings or not, before any preflight', () => {
    expect(reachableSteps(validPlan)).toEqual(['start', 'validate', 'connect', 'review']);
    expect(furthestStep(validPlan)).toBe('review');
  });

  it('needs a run for deploy and a finished one for the report', () => {
    expect(canEnter('deploy', validPlan)).toEqual({ ok: false, reason: 'wizard.needRun', go: 'review' });
    expect(canEnter('deploy', nothing)).toMatchObject({ ok: false, go: 'start' });
    const running: WizardFacts = { ...validPlan, run: { id: 'r1', state: 'running' } };
    expect(canEnter('deploy', running)).toEqual({ ok: true });
    expect(canEnter('report', running)).toEqual({ ok: false, reason: 'wizard.needFinishedRun', go: 'deploy' });
    for (const state of ['succeeded', 'failed', 'cancelled'] as const) {
      expect(canEnter('report', { ...validPlan, run: { id: 'r1', state } })).toEqual({ ok: true });
    }
    expect(canEnter('report', { ...validPlan, run: { id: 'r1', state: 'interrupted' } })).toMatchObject({ ok: false });
  });

  it('opens deploy and report for a run opened from the history, with no workbook', () => {
    expect(reachableSteps({ ...nothing, run: { id: 'r1', state: 'succeeded' } })).toEqual(['start', 'deploy', 'report']);
  });
});

describe('starting a run', () => {
  it('rehearses in the lab as soon as the plan is valid', () => {
    expect(canStartRun(validPlan, 'lab')).toEqual({ ok: true });
    expect(canStartRun({ ...validPlan, errorCount: 1 }, 'lab')).toMatchObject({ ok: false, reason: 'wizard.needNoErrors' });
  });

  it('deploys for real only after a preflight of the real endpoints without blockers', () => {
    expect(canStartRun(validPlan, 'real')).toEqual({ ok: false, reason: 'wizard.needPreflight', go: 'connect' });
    expect(canStartRun({ ...validPlan, preflight: { state: 'checking', blockers: 0 } }, 'real')).toMatchObject({ ok: false, reason: 'wizard.needPreflightDone' });
    expect(canStartRun({ ...validPlan, preflight: { state: 'failed', blockers: 0 } }, 'real')).toMatchObject({ ok: false, reason: 'wizard.needPreflight' });
    expect(canStartRun({ ...validPlan, preflight: { state: 'done', blockers: 1 } }, 'real')).toEqual({ ok: false, reason: 'wizard.needNoBlockers', go: 'connect' });
    expect(canStartRun({ ...validPlan, preflight: { state: 'done', blockers: 0 } }, 'real')).toEqual({ ok: true });
  });

  it('does not take a preflight of the lab for one of the real endpoints', () => {
    expect(canStartRun({ ...validPlan, lab: true, preflight: { state: 'done', blockers: 0 } }, 'real')).toEqual({ ok: false, reason: 'wizard.needRealTarget', go: 'connect' });
  });
});
