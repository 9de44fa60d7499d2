import { appError } from '../../shared/errors';
import { text } from '../../shared/i18n/engineText';
import { failed, type Reply } from '../../shared/reply';
import type { ContractHandlers } from '../../shared/contract/api';
import { channelNames, type PayloadOf, type PushEventName } from '../../shared/contract/channels';
import { dispatch } from '../../shared/contract/dispatch';
import type { EngineEvent } from '../../shared/runModel';
import type { EngineService } from '../engine/service/types';
import type { InvokeEventLike, IpcMainLike, WebContentsLike, WindowLike } from './deps';
import { isAppPage } from './navigation';

export type SenderCheck = (event: InvokeEventLike) => boolean;

/**
 * Only our window's top frame, showing our own page, may call the engine:
 * not a subframe, not another webContents, not a page it was navigated to.
 */
export function createSenderCheck(getWindow: () => WindowLike | null, indexPath: string, platform?: string): SenderCheck {
  return (event) => {
    const win = getWindow();
    if (win === null || win.isDestroyed()) return false;
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null) return false;
    if (event.sender.id !== win.webContents.id) return false;
    return isAppPage(frame.url, indexPath, platform);
  };
}

export interface IpcWiring {
  ipcMain: IpcMainLike;
  handlers: ContractHandlers;
  isTrustedSender: SenderCheck;
  log(message: string): void;
}

/** One request from the renderer: refused when the sender is foreign, otherwise parsed and run by `dispatch`. */
export async function handleInvoke(wiring: IpcWiring, event: InvokeEventLike, channel: string, payload: unknown): Promise<Reply<unknown>> {
  if (!wiring.isTrustedSender(event)) {
    wiring.log(`Refused ${channel.slice(0, 100)} from a frame that is not the Rackpilot window`);
    return failed(appError('invalid_request', text('host.ipc.foreignSender'), { hint: text('host.ipc.foreignSenderHint') }));
  }
  return dispatch(wiring.handlers, channel, payload);
}

/** Registers one handler per contract channel; returns the function that removes them. */
export function registerContractHandlers(wiring: IpcWiring): () => void {
  for (const channel of channelNames) {
    wiring.ipcMain.handle(channel, (event, payload) => handleInvoke(wiring, event, channel, payload));
  }
  return () => {
    for (const channel of channelNames) wiring.ipcMain.removeHandler(channel);
  };
}

/** Pushes engine events to whichever window is open; events raised while none is are dropped (a window fetches a snapshot first). */
export function forwardEngineEvents(
  subscribe: (listener: (events: EngineEvent[]) => void) => () => void,
  getContents: () => WebContentsLike | null,
): () => void {
  return subscribe((events) => {
    const contents = getContents();
    if (contents === null || contents.isDestroyed()) return;
    const name: PushEventName = 'run:events';
    const payload: PayloadOf<typeof name> = { events };
    contents.send(name, payload);
  });
}

/** The engine's other push events ('plan:changed', ...), to the window under their own names. */
export function forwardPushEvents(subscribe: EngineService['onPush'], getContents: () => WebContentsLike | null): () => void {
  return subscribe((event, payload) => {
    const contents = getContents();
    if (contents === null || contents.isDestroyed()) return;
    contents.send(event, payload);
  });
}
