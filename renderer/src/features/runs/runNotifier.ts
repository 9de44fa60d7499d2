import { finalRunStates, type EngineEvent, type RunState } from '../../../../shared/runModel';
import { useLanguageStore, type MessageKey } from '../../i18n';
import { runName } from '../../../../shared/i18n/engineText';
import { formatRoute } from '../../lib/route';
import { useToastStore } from '../../ui/toastStore';
import { useRunStore } from './runStore';

/*
 * Says when a run this window cares about ends: the runs it started and the
 * one on screen. A system notification when the user allowed them (the
 * window may be hidden), and always a message in the page. The message
 * goes after a while (the run's screen and History keep the outcome), so it
 * does not sit over the tables; hovering or focusing it holds it.
 */

const finishedToastMs = 10_000;

const watched = new Set<string>();
const announced = new Set<string>();

export function watchRun(runId: string): void {
  watched.add(runId);
  announced.delete(runId);
}

/** Runs in `events` that reached a final state and are watched (or shown); each once. */
export function finishedRuns(events: readonly EngineEvent[], isOfInterest: (runId: string) => boolean): { runId: string; state: RunState }[] {
  const finished = new Map<string, RunState>();
  for (const event of events) {
    if (event.type !== 'run.state' || !isOfInterest(event.runId)) continue;
    if (finalRunStates.has(event.state)) finished.set(event.runId, event.state);
    else finished.delete(event.runId);
  }
  return [...finished].map(([runId, state]) => ({ runId, state }));
}

export function askForNotifications(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  Notification.requestPermission().catch(() => {
    // Refused or unsupported: the page message remains.
  });
}

const titleKeys: Partial<Record<RunState, MessageKey>> = {
  succeeded: 'notice.runSucceeded',
  failed: 'notice.runFailed',
  cancelled: 'notice.runCancelled',
  rolled_back: 'notice.runRolledBack',
  rollback_failed: 'notice.runRollbackFailed',
};

function notify(runId: string, state: RunState): void {
  const { t, language } = useLanguageStore.getState();
  const run = useRunStore.getState();
  const planName = run.runId === runId && run.snapshot ? runName(run.snapshot, language) : runId;
  const title = t(titleKeys[state] ?? 'notice.runCancelled');
  const body = t('notice.body', { plan: planName });
  const href = formatRoute({ screen: 'report', runId });
  useToastStore.getState().push({ tone: state === 'succeeded' || state === 'rolled_back' ? 'success' : state === 'failed' || state === 'rollback_failed' ? 'danger' : 'info', title, body, action: { label: t('notice.openReport'), href }, timeoutMs: finishedToastMs });
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag: `rackpilot-run-${runId}` });
    notification.onclick = () => {
      window.focus();
      location.hash = href;
      notification.close();
    };
  } catch {
    // Some shells expose the API but refuse to construct; the page message is there.
  }
}

/** Fed every batch of engine events (sync.ts). */
export function announceFinishedRuns(events: readonly EngineEvent[]): void {
  const openRun = useRunStore.getState().runId;
  // A retried run runs again, and its next end is news again.
  for (const event of events) if (event.type === 'run.state' && !finalRunStates.has(event.state)) announced.delete(event.runId);
  for (const { runId, state } of finishedRuns(events, (id) => watched.has(id) || id === openRun)) {
    if (announced.has(runId)) continue;
    announced.add(runId);
    notify(runId, state);
  }
}
