import { titleFieldsOf, type TitledText } from '../../../../shared/i18n/engineText';
import type { Reply } from '../../../../shared/reply';
import { call } from '../../api/client';
import { useRunStore } from './runStore';

/*
 * Commands on the open run. Their effect arrives as events (a paused run
 * sends run.state paused), so a success changes nothing here; a failure is
 * shown until dismissed. One command at a time: buttons wait for `pending`.
 */

async function command(key: string, send: (runId: string) => Promise<Reply<unknown>>): Promise<boolean> {
  const { runId, pending } = useRunStore.getState();
  if (runId === null || pending !== null) return false;
  useRunStore.setState({ pending: key, actionError: null });
  const reply = await send(runId);
  // The user may have opened another run meanwhile; its state is not ours to touch.
  if (useRunStore.getState().runId !== runId) return reply.ok;
  useRunStore.setState({ pending: null, actionError: reply.ok ? null : reply.error });
  return reply.ok;
}

export const pauseRun = () => command('pause', (runId) => call('run:pause', { runId }));
export const resumeRun = () => command('resume', (runId) => call('run:resume', { runId }));
const cancelRun = () => command('cancel', (runId) => call('run:cancel', { runId }));
export const retryStep = (stepId: string) => command(`retry:${stepId}`, (runId) => call('run:retryStep', { runId, stepId }));
export const skipStep = (stepId: string) => command(`skip:${stepId}`, (runId) => call('run:skipStep', { runId, stepId }));
/** Skipping pretends a step's work is done, so it is asked about first (SkipStepDialog). */
export const askToSkip = (step: { id: string } & TitledText) => useRunStore.setState({ skipCandidate: { id: step.id, ...titleFieldsOf(step) } });
export const cancelSkip = () => useRunStore.setState({ skipCandidate: null });
export async function confirmSkip(): Promise<boolean> {
  const candidate = useRunStore.getState().skipCandidate;
  useRunStore.setState({ skipCandidate: null });
  return candidate ? skipStep(candidate.id) : false;
}
/** Loads what the run's steps created, for the confirmation to list; a failure is shown like a failed command. */
export async function askToCancel(): Promise<void> {
  const { runId, pending, cancelPrompt } = useRunStore.getState();
  if (runId === null || pending !== null || cancelPrompt.phase !== 'closed') return;
  useRunStore.setState({ cancelPrompt: { phase: 'loading', runId }, actionError: null });
  const reply = await call('run:createdResources', { runId });
  if (useRunStore.getState().runId !== runId) return;
  useRunStore.setState(reply.ok ? { cancelPrompt: { phase: 'asking', runId, resources: reply.value.resources } } : { cancelPrompt: { phase: 'closed' }, actionError: reply.error });
}
export const dismissCancel = () => useRunStore.setState({ cancelPrompt: { phase: 'closed' } });
export async function confirmCancel(): Promise<boolean> {
  const asked = useRunStore.getState().cancelPrompt.phase === 'asking';
  dismissCancel();
  return asked ? cancelRun() : false;
}
export const dismissRunError = () => useRunStore.setState({ actionError: null });
