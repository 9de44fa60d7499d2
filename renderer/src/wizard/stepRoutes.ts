import type { Route } from '../lib/route';
import { wizardStepIds, type WizardStepId } from './steps';

/** The address of a step; the run steps need the run, and have none without one. */
export function routeOfStep(step: WizardStepId, runId: string | null): Route | null {
  if (step === 'deploy' || step === 'report') return runId ? { screen: step, runId } : null;
  return { screen: step };
}

/** The step a screen is, or null for the screens beside the wizard (history, settings). */
export function stepOfRoute(route: Route): WizardStepId | null {
  return (wizardStepIds as readonly string[]).includes(route.screen) ? (route.screen as WizardStepId) : null;
}
