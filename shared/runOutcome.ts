import { isLabEnvironment, type RunSummary } from './runModel';

/** What a run did with its steps: ran them, or found them already done (adopted), or left them. */
export interface StepOutcome {
  total: number;
  /** Steps whose run() did the work. */
  ran: number;
  /** Steps whose check() found the work already done: nothing was made for them. */
  adopted: number;
  skipped: number;
  failed: number;
  /** Pending, running or cancelled: neither done nor failed. */
  notRun: number;
  /** Every step was adopted: the run made nothing, which "N of N done" would hide. */
  nothingMade: boolean;
}

export function stepOutcome(counts: RunSummary['stepCounts']): StepOutcome {
  const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
  const ran = counts.succeeded ?? 0;
  const adopted = counts.adopted ?? 0;
  const skipped = counts.skipped ?? 0;
  const failed = counts.failed ?? 0;
  return { total, ran, adopted, skipped, failed, notRun: total - ran - adopted - skipped - failed, nothingMade: total > 0 && adopted === total };
}

/** The plain-English sentence of the CLI and the HTML report; the UI has its own, translated. */
export function describeOutcome(run: Pick<RunSummary, 'environment' | 'stepCounts'>): string {
  const outcome = stepOutcome(run.stepCounts);
  const where = isLabEnvironment(run.environment) ? 'in the lab' : 'on the endpoints';
  if (outcome.nothingMade) return `Nothing was created: all ${outcome.total} steps were already done ${where}.`;
  const parts = [`${outcome.ran} of ${outcome.total} steps ran`];
  if (outcome.adopted > 0) parts.push(`${outcome.adopted} already done ${where}`);
  if (outcome.skipped > 0) parts.push(`${outcome.skipped} skipped`);
  if (outcome.failed > 0) parts.push(`${outcome.failed} failed`);
  if (outcome.notRun > 0) parts.push(`${outcome.notRun} not run`);
  return `${parts.join(', ')}.`;
}
