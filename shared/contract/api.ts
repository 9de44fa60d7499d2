import type { Reply } from '../reply';
import type { ChannelName, ParsedRequestOf, PayloadOf, PushEventName, RequestOf, ValueOf } from './channels';

/**
 * What the renderer sees as `window.rackpilot`. One implementation per
 * transport (Electron IPC, WebSocket), both of this type.
 */
export interface RackpilotApi {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Reply<ValueOf<C>>>;
  /** Returns the function that unsubscribes. */
  on<E extends PushEventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

/** What a host needs from the engine: one handler per channel, given parsed requests. */
export type ContractHandlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ValueOf<C>> | ValueOf<C>;
};
