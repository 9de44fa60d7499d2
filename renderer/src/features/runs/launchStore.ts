import { create } from 'zustand';
import type { LabMode } from '../../../../shared/contract/channels';
import type { PlanRef } from '../../../../shared/contract/wizardChannels';
import type { AppError } from '../../../../shared/errors';
import { call } from '../../api/client';
import { askForNotifications, watchRun } from './runNotifier';

interface LaunchState {
  /** The target of the start in flight. */
  starting: 'lab' | 'real' | null;
  error: AppError | null;
  /** Starts a workbook run; returns its id, or null (the reason is in `error`). A rehearsal starts on a fresh lab unless `labMode` says continue. */
  launch(plan: PlanRef, concurrency: number, labMode?: LabMode): Promise<string | null>;
  dismissError(): void;
}

export const useLaunchStore = create<LaunchState>()((set, get) => ({
  starting: null,
  error: null,
  async launch(plan, concurrency, labMode) {
    if (get().starting) return null;
    // Asked now, while the click still counts as the user's: browsers refuse the question later.
    askForNotifications();
    set({ starting: plan.lab ? 'lab' : 'real', error: null });
    const source = { kind: 'workbook', path: plan.path, lab: plan.lab, profile: plan.profile } as const;
    const reply = await call('run:start', { source, concurrency, ...(plan.lab && labMode ? { labMode } : {}) });
    set({ starting: null, error: reply.ok ? null : reply.error });
    if (!reply.ok) return null;
    watchRun(reply.value.runId);
    return reply.value.runId;
  },
  dismissError() {
    set({ error: null });
  },
}));
