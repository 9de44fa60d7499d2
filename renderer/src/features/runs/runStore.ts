import type { TitledText } from '../../../../shared/i18n/engineText';
import { create } from 'zustand';
import type { AppError } from '../../../../shared/errors';
import type { RunSnapshot } from '../../../../shared/runModel';
import type { CancelPrompt } from './CancelRunDialog';

/*
 * What the run screen shows. The session (runSession.ts) fills it; actions
 * (pause, retry, ...) live in runActions.ts.
 *
 *   idle ──open──> loading ──snapshot──> ready
 *                     └──failure──> error ──open──> loading
 */
export type RunStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface RunState {
  runId: string | null;
  status: RunStatus;
  snapshot: RunSnapshot | null;
  /** step id -> target, and -> title, in plan order; fixed for a run, so log filters do not rebuild on every event. */
  stepTargets: ReadonlyMap<string, string>;
  stepTitles: ReadonlyMap<string, TitledText>;
  /** Why the run could not be loaded. */
  loadError: AppError | null;
  /** The last command that failed (pause, retry, ...), until dismissed. */
  actionError: AppError | null;
  /** The command in flight, e.g. `pause` or `retry:<stepId>`; buttons wait for it. */
  pending: string | null;
  /** The step the user asked to skip, while the confirmation is open. */
  skipCandidate: ({ id: string } & TitledText) | null;
  /** Cancelling asks first, listing what stays behind (the diagram is in CancelRunDialog). */
  cancelPrompt: CancelPrompt;
}

export const initialRunState: RunState = {
  runId: null,
  status: 'idle',
  snapshot: null,
  stepTargets: new Map(),
  stepTitles: new Map(),
  loadError: null,
  actionError: null,
  pending: null,
  skipCandidate: null,
  cancelPrompt: { phase: 'closed' },
};

export const useRunStore = create<RunState>()(() => initialRunState);
