import { say, text, type TextRef } from './i18n/engineText';
import type { Lang } from './plan/findingCodes';
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

/** The sentence of the CLI and the HTML report as catalogue text; the UI has its own. */
export function outcomeText(run: Pick<RunSummary, 'environment' | 'stepCounts'>): TextRef {
  const outcome = stepOutcome(run.stepCounts);
  const lab = isLabEnvironment(run.environment);
  if (outcome.nothingMade) return text(lab ? 'outcome.nothingMadeLab' : 'outcome.nothingMadeEndpoints', { total: outcome.total });
  const parts: TextRef[] = [text('outcome.ran', { ran: outcome.ran, total: outcome.total })];
  if (outcome.adopted > 0) parts.push(text(lab ? 'outcome.adoptedLab' : 'outcome.adoptedEndpoints', { count: outcome.adopted }));
  if (outcome.skipped > 0) parts.push(text('outcome.skipped', { count: outcome.skipped }));
  if (outcome.failed > 0) parts.push(text('outcome.failed', { count: outcome.failed }));
  if (outcome.notRun > 0) parts.push(text('outcome.notRun', { count: outcome.notRun }));
  return text('outcome.summary', { parts: text('text.commas', { items: parts }) });
}

/** The outcome sentence in `lang` (English for logs and callers that have no reader). */
export function describeOutcome(run: Pick<RunSummary, 'environment' | 'stepCounts'>, lang: Lang = 'en'): string {
  return say(lang, outcomeText(run));
}
