import { formatBytes, formatDuration, formatPercent, formatRemaining, formatSpeed } from '../../../shared/format';
import { engineText, sayOr, stepTitle } from '../../../shared/i18n/engineText';
import type { Lang } from '../../../shared/plan/findingCodes';
import { finalRunStates, type EngineEvent, type RunSnapshot, type StepSnapshot } from '../../../shared/runModel';
import { stepFraction, summarizeSteps } from '../../../shared/runProgress';
import { displayWidth, padToWidth, truncateToWidth } from '../../../shared/text/displayWidth';
import { stateWord } from './runOutcome';

export type OutputMode = 'tty' | 'plain' | 'json';

export function progressBar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

const isActive = (step: StepSnapshot): boolean => step.state === 'running' || step.state === 'retrying';

function bytesText(done: number, total: number, perSecond: number, remainingMs: number | null, lang: Lang): string {
  const left = remainingMs !== null ? ` ${engineText(lang, 'cli.left', { time: formatRemaining(remainingMs, lang) })}` : '';
  return `${formatBytes(done)}/${formatBytes(total)}${perSecond > 0 ? ` ${formatSpeed(perSecond)}` : ''}${left}`;
}

/** The whole run on one line: bar, steps, bytes with speed and ETA. */
export function totalsLine(snapshot: RunSnapshot, columns: number, lang: Lang = 'en'): string {
  const totals = summarizeSteps(snapshot.steps);
  const parts = [`${progressBar(totals.fraction, 20)} ${formatPercent(totals.fraction)}`, engineText(lang, 'cli.steps', { done: totals.done, total: totals.total })];
  if (totals.failed > 0) parts.push(engineText(lang, 'cli.failedCount', { count: totals.failed }));
  if (totals.bytesTotal > 0) parts.push(bytesText(totals.bytesDone, totals.bytesTotal, totals.bytesPerSecond, totals.remainingMs, lang));
  return truncateToWidth(parts.join('  '), columns);
}

/**
 * What a TTY shows: the totals line, then one bar per target with a step
 * running, named by the step's title (ids are for scripts and `--json`).
 */
export function liveLines(snapshot: RunSnapshot, columns: number, lang: Lang = 'en'): string[] {
  const running = snapshot.steps.filter(isActive);
  const targetWidth = Math.min(24, Math.max(0, ...running.map((step) => displayWidth(step.target))));
  const rows = running.map((step) => {
    const progress = step.progress;
    const bytes = progress?.bytesTotal ? `  ${bytesText(progress.bytesDone ?? 0, progress.bytesTotal, progress.bytesPerSecond ?? 0, null, lang)}` : '';
    const retry = step.state === 'retrying' || step.attempt > 1 ? `  ${engineText(lang, 'cli.attempt', { attempt: step.attempt })}` : '';
    const line = `  ${padToWidth(truncateToWidth(step.target, targetWidth), targetWidth)} ${progressBar(stepFraction(step), 12)} ${stepTitle(step, lang)}${bytes}${retry}`;
    return truncateToWidth(line, columns);
  });
  return [totalsLine(snapshot, columns, lang), ...rows];
}

/** Redraws its lines in place: up over the previous drawing, clear below, draw. */
export class LiveArea {
  private drawn = 0;

  constructor(private readonly out: { write(text: string): unknown }) {}

  draw(lines: readonly string[]): void {
    const up = this.drawn > 0 ? `\x1b[${this.drawn}F` : '\r';
    this.out.write(`${up}\x1b[J${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}

function stepLine(step: StepSnapshot | undefined, stepId: string, lang: Lang): string {
  return step ? `${stepTitle(step, lang)} [${step.target}]` : stepId;
}

/** What the CLI prints for a batch of events when its output is not a terminal: one line per change, titles not ids. */
export function plainLines(snapshot: RunSnapshot, events: readonly EngineEvent[], lang: Lang = 'en'): string[] {
  const lines: string[] = [];
  for (const event of events) {
    // How a run ends is said after the last event, with what failed and what to do (runOutcome.ts).
    if (event.type === 'run.state' && !finalRunStates.has(event.state)) lines.push(engineText(lang, 'cli.runNow', { run: event.runId, state: stateWord(event.state, lang) }));
    if (event.type === 'step.state' && event.state !== 'ready' && event.state !== 'pending') {
      const step = snapshot.steps.find((candidate) => candidate.id === event.stepId);
      const words = { step: stepLine(step, event.stepId, lang), state: stateWord(event.state, lang) };
      const active = event.state === 'running' || event.state === 'retrying';
      const line =
        active && event.attempt > 1
          ? engineText(lang, 'cli.stepAttempt', { ...words, attempt: event.attempt })
          : !active && step?.startedAt && step.endedAt
            ? engineText(lang, 'cli.stepTook', { ...words, duration: formatDuration(step.endedAt - step.startedAt, lang) })
            : engineText(lang, 'cli.stepNow', words);
      lines.push(event.error ? engineText(lang, 'cli.withError', { line, error: sayOr(lang, event.error.text, event.error.title) }) : line);
    }
    if (event.type === 'log') {
      for (const line of event.lines) {
        if (line.level === 'warn' || line.level === 'error') lines.push(engineText(lang, line.level === 'warn' ? 'cli.level.warn' : 'cli.level.error', { text: sayOr(lang, line.textRef, line.text) }));
      }
    }
  }
  return lines;
}
