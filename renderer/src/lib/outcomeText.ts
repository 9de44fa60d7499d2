import { isLabEnvironment, type RunSummary } from '../../../shared/runModel';
import { stepOutcome } from '../../../shared/runOutcome';
import type { Translate } from '../i18n';

/** A run's steps in one phrase; a run that found everything already done says it made nothing. */
export function outcomeText(t: Translate, run: Pick<RunSummary, 'environment' | 'stepCounts'>): string {
  const outcome = stepOutcome(run.stepCounts);
  if (outcome.nothingMade) return t(isLabEnvironment(run.environment) ? 'outcome.nothingMadeLab' : 'outcome.nothingMade', { total: outcome.total });
  if (outcome.adopted > 0) return t('outcome.someAdopted', { ran: outcome.ran, total: outcome.total, adopted: outcome.adopted });
  return t('history.stepCounts', { done: outcome.ran + outcome.skipped, total: outcome.total });
}
