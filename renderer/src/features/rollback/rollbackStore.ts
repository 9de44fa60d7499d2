import { create } from 'zustand';
import type { RollbackOutcome, RollbackPreview } from '../../../../shared/contract/rollbackChannels';
import type { AppError } from '../../../../shared/errors';
import { call } from '../../api/client';

/*
 * Rolling a run back asks first, listing what goes and what stays (the
 * Deploy screen for the open run, the Start screen for interrupted ones):
 *
 *   closed ──ask──> loading ──(run:rollbackPreview)──> asking ──confirm──> rolling ──(run:rollback)──> done
 *     ^                │ fails: error                   │ dismiss            │ fails: error              │ dismiss
 *     └────────────────┴────────────────────────────────┴────────────────────┴───────────────────────────┘
 *
 * While rolling, the run's own events show each undo (the run screen's step
 * table and rollback bar); `done` holds what was removed and what was not.
 */
export type RollbackPrompt =
  | { phase: 'closed' }
  | { phase: 'loading'; runId: string }
  | { phase: 'asking'; runId: string; preview: RollbackPreview }
  | { phase: 'rolling'; runId: string; preview: RollbackPreview }
  | { phase: 'done'; runId: string; outcome: RollbackOutcome };

interface RollbackState {
  prompt: RollbackPrompt;
  error: AppError | null;
  /** The run a `secret_required` refusal was about: its passwords are asked for, then the rollback is asked again. */
  needsPasswordsFor: string | null;
  ask(runId: string): Promise<void>;
  /** Rolls back the run being asked about; resolves with the outcome (null when nothing was asked or it failed). */
  confirm(): Promise<RollbackOutcome | null>;
  dismiss(): void;
  dismissError(): void;
}

export const useRollbackStore = create<RollbackState>()((set, get) => ({
  prompt: { phase: 'closed' },
  error: null,
  needsPasswordsFor: null,
  async ask(runId) {
    const { phase } = get().prompt;
    if (phase === 'loading' || phase === 'rolling') return;
    set({ prompt: { phase: 'loading', runId }, error: null, needsPasswordsFor: null });
    // The workbook is read again for its secrets, as on resume: a password entered before a restart is asked for again.
    const reply = await call('run:rollbackPreview', { runId });
    if (reply.ok) return set({ prompt: { phase: 'asking', runId, preview: reply.value } });
    set({ prompt: { phase: 'closed' }, error: reply.error, needsPasswordsFor: reply.error.code === 'secret_required' ? runId : null });
  },
  async confirm() {
    const prompt = get().prompt;
    if (prompt.phase !== 'asking') return null;
    set({ prompt: { phase: 'rolling', runId: prompt.runId, preview: prompt.preview }, error: null });
    const reply = await call('run:rollback', { runId: prompt.runId });
    set(reply.ok ? { prompt: { phase: 'done', runId: prompt.runId, outcome: reply.value } } : { prompt: { phase: 'closed' }, error: reply.error });
    return reply.ok ? reply.value : null;
  },
  dismiss() {
    if (get().prompt.phase !== 'rolling') set({ prompt: { phase: 'closed' } });
  },
  dismissError() {
    set({ error: null, needsPasswordsFor: null });
  },
}));
