import type { RackpilotApi } from '../../../shared/contract/api';
import type { ChannelName, PayloadOf, PushEventName, RequestOf, ValueOf } from '../../../shared/contract/channels';
import { appError, toAppError } from '../../../shared/errors';
import type { Reply } from '../../../shared/reply';

/*
 * For tests of stores: a `window.rackpilot` whose channels are plain
 * functions. A handler that throws (AppFailure or not) answers an error
 * reply, as the hosts do; a channel without a handler answers
 * `unknown_channel`, as an engine that does not serve it yet would.
 */

export type FakeHandlers = { [C in ChannelName]?: (request: RequestOf<C>) => ValueOf<C> | Promise<ValueOf<C>> };

export interface FakeBridge {
  calls: { channel: ChannelName; request: unknown }[];
  callsTo<C extends ChannelName>(channel: C): RequestOf<C>[];
  emit<E extends PushEventName>(event: E, payload: PayloadOf<E>): void;
  uninstall(): void;
}

export function installFakeBridge(handlers: FakeHandlers): FakeBridge {
  const calls: FakeBridge['calls'] = [];
  const listeners = new Map<PushEventName, Set<(payload: unknown) => void>>();
  const api: RackpilotApi = {
    async invoke(channel, request) {
      calls.push({ channel, request });
      const handler = handlers[channel] as ((request: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: appError('unknown_channel', `There is no channel named "${channel}".`) } as Reply<never>;
      try {
        return { ok: true, value: (await handler(request)) as never };
      } catch (cause) {
        return { ok: false, error: toAppError(cause) };
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  Object.defineProperty(window, 'rackpilot', { value: api, configurable: true, writable: true });
  return {
    calls,
    callsTo: (channel) => calls.filter((entry) => entry.channel === channel).map((entry) => entry.request) as never,
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    uninstall() {
      delete (window as { rackpilot?: RackpilotApi }).rackpilot;
    },
  };
}
