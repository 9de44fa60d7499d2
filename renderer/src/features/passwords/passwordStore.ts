import { create } from 'zustand';
import type { PlanRef } from '../../../../shared/contract/wizardChannels';
import type { SecretNeed } from '../../../../shared/contract/secretChannels';
import type { AppError } from '../../../../shared/errors';
import { secretKeyOf } from '../../../../shared/secrets';
import { call } from '../../api/client';

/*
 * The passwords a plan leaves empty, typed at Connect (or before resuming a
 * run). Typed values live here only until they are sent; replies never
 * carry them back.
 *
 *   idle ──load──> loading ──reply──> ready ──submit──> sending ──all sent──> ready (reloaded)
 *                     └──failure──> failed             └──failure──> ready + error
 */
export type PasswordStatus = 'idle' | 'loading' | 'ready' | 'sending' | 'failed';

export type PasswordSource = { plan: PlanRef } | { runId: string };

interface PasswordState {
  /** Which plan or run the needs belong to. */
  key: string | null;
  status: PasswordStatus;
  persistent: boolean;
  needs: SecretNeed[];
  /** Typed so far, by secretKeyOf(target). */
  typed: Record<string, string>;
  remember: Record<string, boolean>;
  error: AppError | null;
  load(source: PasswordSource): Promise<void>;
  type(need: SecretNeed, value: string): void;
  setRemember(need: SecretNeed, remember: boolean): void;
  /** Sends every typed password; true when nothing the plan needs is missing afterwards. */
  submit(): Promise<boolean>;
}

export const passwordKeyOf = (source: PasswordSource): string => ('plan' in source ? `plan:${source.plan.path}:${source.plan.lab}` : `run:${source.runId}`);

let current: PasswordSource | null = null;

export const usePasswordStore = create<PasswordState>()((set, get) => ({
  key: null,
  status: 'idle',
  persistent: false,
  needs: [],
  typed: {},
  remember: {},
  error: null,

  async load(source) {
    const key = passwordKeyOf(source);
    current = source;
    set({ key, status: 'loading', error: null, ...(get().key === key ? {} : { needs: [], typed: {}, remember: {} }) });
    const reply = await call('secrets:needed', source);
    if (get().key !== key) return;
    set(reply.ok ? { status: 'ready', persistent: reply.value.persistent, needs: reply.value.needs } : { status: 'failed', error: reply.error });
  },

  type(need, value) {
    set({ typed: { ...get().typed, [secretKeyOf(need.target)]: value } });
  },

  setRemember(need, remember) {
    set({ remember: { ...get().remember, [secretKeyOf(need.target)]: remember } });
  },

  async submit() {
    const source = current;
    if (!source || get().status !== 'ready') return false;
    set({ status: 'sending', error: null });
    for (const need of get().needs) {
      const key = secretKeyOf(need.target);
      const value = get().typed[key];
      if (!value) continue;
      const reply = await call('secrets:provide', { target: need.target, value, remember: get().persistent && get().remember[key] === true });
      if (!reply.ok) {
        set({ status: 'ready', error: reply.error });
        return false;
      }
      const { [key]: _sent, ...rest } = get().typed;
      set({ typed: rest });
    }
    await get().load(source);
    return get().needs.every((need) => need.state !== 'missing');
  },
}));
