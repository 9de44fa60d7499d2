import { formatBytes, formatDuration, formatPercent, formatRemaining, formatSpeed } from '../../../shared/format';
import type { EngineEvent, RunSnapshot } from '../../../shared/runModel';
import { summarizeSteps } from '../../../shared/runProgress';

export type OutputMode = 'tty' | 'plain' | 'json';

export function progressBar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** One status line: bar, steps, bytes with speed and ETA, what is running now. */
export function statusLine(snapshot: RunSnapshot, columns: number): string {
  const totals = summarizeSteps(snapshot.steps);
  const parts = [`${progressBar(totals.fraction, 20)} ${formatPercent(totals.fraction)}`, `${totals.done}/${totals.total} steps`];
  if (totals.bytesTotal > 0) {
    parts.push(
      `${formatBytes(totals.bytesDone)}/${formatBytes(totals.bytesTotal)}` +
        (totals.bytesPerSecond > 0 ? ` ${formatSpeed(totals.bytesPerSecond)}` : '') +
        (totals.remainingMs !== null ? ` ${formatRemaining(totals.remainingMs)} left` : ''),
    );
  }
  const running = snapshot.steps.filter((step) => step.state === 'running' || step.state === 'retrying');
  if (running.length > 0) parts.push(`${running.length} running: ${running.map((step) => step.id).join(', ')}`);
  const line = parts.join('  ');
  return line.length > columns ? `${line.slice(0, Math.max(0, columns - 1))}…` : line;
}

/** What the CLI prints for a batch of events, in plain (non-TTY) mode. */
export function plainLines(snapshot: RunSnapshot, events: readonly EngineEvent[]): string[] {
  const lines: string[] = [];
  for (const event of events) {
    if (event.type === 'run.state') lines.push(`run ${event.runId} ${event.state}${event.error ? `: ${event.error.title}` : ''}`);
    if (event.type === 'step.state' && event.state !== 'ready') {
      const step = snapshot.steps.find((candidate) => candidate.id === event.stepId);
      const took = step?.startedAt && step.endedAt ? ` (${formatDuration(step.endedAt - step.startedAt)})` : '';
      lines.push(`step ${event.stepId} ${event.state}${event.state === 'running' || event.state === 'retrying' ? ` attempt ${event.attempt}` : took}${event.error ? `: ${event.error.title}` : ''}`);
    }
    if (event.type === 'log') {
      for (const line of event.lines) if (line.level === 'warn' || line.level === 'error') lines.push(`${line.level}: ${line.text}`);
    }
  }
  return lines;
}
