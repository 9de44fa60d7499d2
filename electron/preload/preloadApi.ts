import type { RackpilotApi } from '../../shared/contract/api';
import { isChannelName, isPushEventName, type ChannelName, type RequestOf, type ValueOf } from '../../shared/contract/channels';
import { appError } from '../../shared/errors';
import { failed, type Reply } from '../../shared/reply';

/** The slice of Electron's ipcRenderer the bridge needs. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const noop = (): void => undefined;

function transportFailure(channel: string, cause: unknown): Reply<never> {
  return failed(
    appError('internal', `The app did not answer the request for ${channel}.`, {
      detail: cause instanceof Error ? cause.message : String(cause),
    }),
  );
}

/**
 * `window.rackpilot` over Electron IPC. The page gets two functions and
 * nothing else: only contract channels and push events pass, the IPC event
 * object (which carries `sender`) never reaches a listener, and nothing is
 * thrown at the page (a failed call resolves to an AppError reply).
 */
export function createPreloadApi(ipc: IpcRendererLike): RackpilotApi {
  return {
    invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Reply<ValueOf<C>>> {
      if (!isChannelName(channel)) {
        // A plain catalogue reference: the preload imports the contract and nothing else (its test checks the key exists).
        return Promise.resolve(failed(appError('unknown_channel', { key: 'host.ipc.unknownChannel', params: { channel: String(channel).slice(0, 100) } })));
      }
      try {
        return ipc.invoke(channel, request).then(
          // The main process answers every channel with a Reply (dispatch never throws).
          (reply) => reply as Reply<ValueOf<C>>,
          (cause: unknown) => transportFailure(channel, cause),
        );
      } catch (cause) {
        // An argument that cannot be cloned is refused synchronously.
        return Promise.resolve(transportFailure(channel, cause));
      }
    },
    on(event, listener) {
      if (!isPushEventName(event) || typeof listener !== 'function') return noop;
      const relay = (_event: unknown, payload: unknown): void => {
        listener(payload as Parameters<typeof listener>[0]);
      };
      ipc.on(event, relay);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(event, relay);
      };
    },
  };
}
