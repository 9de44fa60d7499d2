import { create } from 'zustand';
import type { TrustPin } from '../../../../shared/contract/channels';
import type { AppError } from '../../../../shared/errors';
import { call } from '../../api/client';

interface TrustState {
  pins: TrustPin[];
  loaded: boolean;
  error: AppError | null;
  /** The pin being revoked. */
  revoking: number | null;
  load(): Promise<void>;
  revoke(id: number): Promise<boolean>;
}

/** Certificates and host keys the user trusted; revoking one means the next connection asks again. */
export const useTrustStore = create<TrustState>()((set, get) => ({
  pins: [],
  loaded: false,
  error: null,
  revoking: null,
  async load() {
    const reply = await call('trust:list', {});
    set(reply.ok ? { pins: reply.value, loaded: true, error: null } : { loaded: true, error: reply.error });
  },
  async revoke(id) {
    if (get().revoking !== null) return false;
    set({ revoking: id, error: null });
    const reply = await call('trust:revoke', { id });
    set({ revoking: null, ...(reply.ok ? { pins: get().pins.filter((pin) => pin.id !== id) } : { error: reply.error }) });
    return reply.ok;
  },
}));
