import { create } from 'zustand';
import type { DemoSource } from '../../../../../shared/contract/channels';
import type { AppError } from '../../../../../shared/errors';
import type { RunSummary } from '../../../../../shared/runModel';
import { call } from '../../../api/client';
import type { CancelPrompt } from '../../../features/runs/CancelRunDialog';
import { askForNotifications, watchRun } from '../../../features/runs/runNotifier';

interface StartState {
  /** Runs that stopped when the app died, offered for resuming. */
  interrupted: RunSummary[];
  /** Runs still going, offered for opening. */
  active: RunSummary[];
  loaded: boolean;
  loadError: AppError | null;
  /** A start or resume in flight. */
  busy: boolean;
  actionError: AppError | null;
  load(): Promise<void>;
  /** Returns the new run's id, or null (the reason is in actionError). */
  startDemo(source: Omit<DemoSource, 'kind'>, concurrency?: number): Promise<string | null>;
  resume(runId: string): Promise<boolean>;
  /** Cancelling an interrupted run asks first (the diagram is in CancelRunDialog). */
  cancelPrompt: CancelPrompt;
  askToCancel(runId: string): Promise<void>;
  /** Cancels the run being asked about; the lists are loaded again. */
  confirmCancel(): Promise<void>;
  dismissCancel(): void;
  dismissError(): void;
}

export const useStartStore = create<StartState>()((set, get) => ({
  interrupted: [],
  active: [],
  loaded: false,
  loadError: null,
  busy: false,
  actionError: null,
  cancelPrompt: { phase: 'closed' },
  async load() {
    const reply = await call('run:list', { limit: 100, states: ['interrupted', 'pending', 'running', 'paused'] });
    if (!reply.ok) return set({ loadError: reply.error, loaded: true });
    set({
      interrupted: reply.value.filter((run) => run.state === 'interrupted'),
      active: reply.value.filter((run) => run.state !== 'interrupted'),
      loadError: null,
      loaded: true,
    });
  },
  async startDemo(source, concurrency) {
    if (get().busy) return null;
    askForNotifications();
    set({ busy: true, actionError: null });
    const reply = await call('run:start', { source: { kind: 'demo', ...source }, ...(concurrency ? { concurrency } : {}) });
    set({ busy: false, actionError: reply.ok ? null : reply.error });
    if (reply.ok) watchRun(reply.value.runId);
    return reply.ok ? reply.value.runId : null;
  },
  async resume(runId) {
    if (get().busy) return false;
    set({ busy: true, actionError: null });
    const reply = await call('run:resume', { runId });
    set({ busy: false, actionError: reply.ok ? null : reply.error });
    if (reply.ok) watchRun(runId);
    return reply.ok;
  },
  async askToCancel(runId) {
    if (get().busy || get().cancelPrompt.phase !== 'closed') return;
    set({ cancelPrompt: { phase: 'loading', runId }, actionError: null });
    const reply = await call('run:createdResources', { runId });
    if (!reply.ok) return set({ cancelPrompt: { phase: 'closed' }, actionError: reply.error });
    set({ cancelPrompt: { phase: 'asking', runId, resources: reply.value.resources } });
  },
  async confirmCancel() {
    const prompt = get().cancelPrompt;
    if (prompt.phase !== 'asking' || get().busy) return;
    set({ busy: true, cancelPrompt: { phase: 'closed' } });
    const reply = await call('run:cancel', { runId: prompt.runId });
    set({ busy: false, actionError: reply.ok ? null : reply.error });
    await get().load();
  },
  dismissCancel() {
    set({ cancelPrompt: { phase: 'closed' } });
  },
  dismissError() {
    set({ actionError: null });
  },
}));
