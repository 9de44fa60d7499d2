import { create } from 'zustand';
import type { ValueOf } from '../../../../../shared/contract/channels';
import type { AppError } from '../../../../../shared/errors';
import { call } from '../../../api/client';

export type StepResult = ValueOf<'run:results'>['items'][number];

/*
 * What each step of a run reports as its outcome (addresses, versions,
 * ids), fetched once per run for the report.
 *
 *   idle ──load(run)──> loading ──reply──> loaded (items)
 *                          └──error──> failed ──load(run)──> loading
 */
export type ResultsState = { status: 'idle' } | { status: 'loading'; runId: string } | { status: 'loaded'; runId: string; items: StepResult[] } | { status: 'failed'; runId: string; error: AppError };

interface ResultsStore {
  results: ResultsState;
  load(runId: string): Promise<void>;
}

export const useResultsStore = create<ResultsStore>()((set, get) => ({
  results: { status: 'idle' },
  async load(runId) {
    set({ results: { status: 'loading', runId } });
    const reply = await call('run:results', { runId });
    // Another run's report was opened meanwhile: this reply is not for it.
    const current = get().results;
    if (current.status !== 'loading' || current.runId !== runId) return;
    set({ results: reply.ok ? { status: 'loaded', runId, items: reply.value.items } : { status: 'failed', runId, error: reply.error } });
  },
}));
