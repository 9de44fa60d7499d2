import { create } from 'zustand';
import type { TrustPin } from '../../../../shared/contract/channels';
import type { TrustEvent } from '../../../../shared/contract/wizardChannels';
import type { AppError } from '../../../../shared/errors';
import { call } from '../../api/client';

/** How many changes the trust history shows, newest first. */
const trustHistoryLength = 50;

interface TrustState {
  pins: TrustPin[];
  /** The audit trail: pins added, revoked and replaced, newest first. */
  events: TrustEvent[];
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
  events: [],
  loaded: false,
  error: null,
  revoking: null,
  async load() {
    const [pins, events] = await Promise.all([call('trust:list', {}), call('trust:events', { limit: trustHistoryLength })]);
    set({
      loaded: true,
      ...(pins.ok ? { pins: pins.value } : {}),
      ...(events.ok ? { events: events.value } : {}),
      error: !pins.ok ? pins.error : !events.ok ? events.error : null,
    });
  },
  async revoke(id) {
    if (get().revoking !== null) return false;
    set({ revoking: id, error: null });
    const reply = await call('trust:revoke', { id });
    set({ revoking: null, ...(reply.ok ? { pins: get().pins.filter((pin) => pin.id !== id) } : { error: reply.error }) });
    // The engine wrote the revocation into the trail; show it.
    if (reply.ok) await get().load();
    return reply.ok;
  },
}));
