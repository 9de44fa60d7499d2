import type { ChannelName, PayloadOf, PushEventName, RequestOf, ValueOf } from '../../../shared/contract/channels';
import { appError, toAppError } from '../../../shared/errors';
import type { Reply } from '../../../shared/reply';

/*
 * The renderer's only door to the engine. Stores call these; components
 * call stores. Nothing here throws: a missing bridge or a transport that
 * throws anyway becomes an error reply like any other.
 */

export function hasBridge(): boolean {
  return typeof window !== 'undefined' && window.rackpilot !== undefined;
}

export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Reply<ValueOf<C>>> {
  const bridge = typeof window === 'undefined' ? undefined : window.rackpilot;
  if (!bridge) {
    return { ok: false, error: appError('unsupported', 'This page cannot reach Rackpilot.', { hint: 'Open it from the Rackpilot app or the address `rackpilot serve` prints.' }) };
  }
  try {
    return await bridge.invoke(channel, request);
  } catch (cause) {
    return { ok: false, error: toAppError(cause) };
  }
}

export function subscribe<E extends PushEventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
  const bridge = typeof window === 'undefined' ? undefined : window.rackpilot;
  return bridge ? bridge.on(event, listener) : () => {};
}
