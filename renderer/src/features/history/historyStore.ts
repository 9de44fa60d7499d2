import { create } from 'zustand';
import type { AppError } from '../../../../shared/errors';
import type { RunSummary } from '../../../../shared/runModel';
import { call } from '../../api/client';

interface HistoryState {
  runs: RunSummary[];
  loaded: boolean;
  loading: boolean;
  error: AppError | null;
  load(): Promise<void>;
}

export const useHistoryStore = create<HistoryState>()((set, get) => ({
  runs: [],
  loaded: false,
  loading: false,
  error: null,
  async load() {
    if (get().loading) return;
    set({ loading: true });
    const reply = await call('run:list', { limit: 200 });
    set(reply.ok ? { runs: reply.value, error: null, loading: false, loaded: true } : { error: reply.error, loading: false, loaded: true });
  },
}));
