import { create } from 'zustand';
import type { AppError } from '../../../../shared/errors';
import { secretKeyOf, type SecretTarget } from '../../../../shared/secrets';
import { call } from '../../api/client';

/*
 * Passwords the user asked to remember on this laptop, by whose they are:
 * the engine never sends a value back, so there is none here to leak.
 */

interface RememberedPasswordsState {
  targets: SecretTarget[];
  /** False: the host keeps passwords in memory only (no OS keyring), so nothing is ever remembered. */
  persistent: boolean;
  loaded: boolean;
  error: AppError | null;
  /** True while a forget (one or all) is on its way. */
  forgetting: boolean;
  load(): Promise<void>;
  forget(target: SecretTarget): Promise<boolean>;
  /** Forgets one after the other and stops at the first refusal; the list then shows what is still remembered. */
  forgetAll(): Promise<boolean>;
}

export const useRememberedPasswordsStore = create<RememberedPasswordsState>()((set, get) => {
  async function forgetEach(targets: SecretTarget[]): Promise<boolean> {
    if (get().forgetting) return false;
    set({ forgetting: true, error: null });
    for (const target of targets) {
      const reply = await call('secrets:forget', { target });
      if (!reply.ok) {
        await get().load();
        set({ forgetting: false, error: reply.error });
        return false;
      }
      const key = secretKeyOf(target);
      set({ targets: get().targets.filter((entry) => secretKeyOf(entry) !== key) });
    }
    set({ forgetting: false });
    return true;
  }

  return {
    targets: [],
    persistent: false,
    loaded: false,
    error: null,
    forgetting: false,
    async load() {
      const reply = await call('secrets:remembered', {});
      set(reply.ok ? { targets: reply.value.targets, persistent: reply.value.persistent, loaded: true, error: null } : { loaded: true, error: reply.error });
    },
    forget: (target) => forgetEach([target]),
    forgetAll: () => forgetEach(get().targets),
  };
});
