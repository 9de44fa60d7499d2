import { create } from 'zustand';
import type { LabMode, ValueOf } from '../../../../../shared/contract/channels';
import type { AppError } from '../../../../../shared/errors';
import { call } from '../../../api/client';
import { useSettingsStore } from '../../../features/settings/settingsStore';
import { planRefOf, useWorkbookStore } from '../../../features/workbook/workbookStore';

export type PlanGraph = ValueOf<'plan:graph'>;

/*
 * The dry run: the engine builds the graph it would execute, without
 * touching any endpoint. Keyed by import, target and concurrency (the
 * estimate depends on it), and fetched again when any of them changes.
 * Showing the screen again asks once more in the background: the estimate
 * learns from runs that finished in between, and the graph on screen stays.
 *
 *   idle ──load──> loading ──reply──> ready ──load (same key)──> ready (new estimate)
 *                     └──failure──> failed
 */
interface ReviewState {
  key: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  graph: PlanGraph | null;
  error: AppError | null;
  /** Chosen on this screen; null follows the settings' default. */
  concurrency: number | null;
  /** Where the next rehearsal starts; fresh unless the user asks to continue in the lab as it is. */
  labMode: LabMode;
  load(): Promise<void>;
  setConcurrency(value: number): void;
  setLabMode(value: LabMode): void;
}

export function effectiveConcurrency(chosen: number | null): number {
  return chosen ?? useSettingsStore.getState().settings.concurrency;
}

export const minConcurrency = 1;
export const maxConcurrency = 64;

export const useReviewStore = create<ReviewState>()((set, get) => ({
  key: null,
  status: 'idle',
  graph: null,
  error: null,
  concurrency: null,
  labMode: 'fresh',

  async load() {
    const workbook = useWorkbookStore.getState();
    const plan = planRefOf(workbook);
    if (!plan) return;
    const concurrency = effectiveConcurrency(get().concurrency);
    const key = `${workbook.importId}:${workbook.lab}:${concurrency}`;
    if (get().key === key && get().status === 'loading') return;
    if (get().key === key && get().status === 'ready') {
      const again = await call('plan:graph', { plan, concurrency });
      if (get().key === key && get().status === 'ready' && again.ok) set({ graph: again.value });
      return;
    }
    set({ key, status: 'loading', error: null });
    const reply = await call('plan:graph', { plan, concurrency });
    if (get().key !== key) return;
    set(reply.ok ? { status: 'ready', graph: reply.value } : { status: 'failed', error: reply.error, graph: null });
  },

  setLabMode(labMode) {
    set({ labMode });
  },

  setConcurrency(value) {
    if (!Number.isInteger(value) || value < minConcurrency || value > maxConcurrency) return;
    set({ concurrency: value });
    void get().load();
  },
}));
