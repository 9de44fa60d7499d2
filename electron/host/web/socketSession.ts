import type { WebSocket } from 'ws';
import { dispatch } from '../../../shared/contract/dispatch';
import { appError } from '../../../shared/errors';
import type { EngineService } from '../../engine/service/types';

const maxBufferedBytes = 8 * 1024 * 1024;

/**
 * One browser tab: requests in, replies and pushed events out. Messages
 * that are not JSON or not the invoke shape are answered with a typed error
 * when they carry an id and otherwise dropped; the engine never sees them.
 */
export function attachSocket(socket: WebSocket, engine: EngineService): () => void {
  const send = (message: unknown) => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify(message));
  };

  const unsubscribe = engine.onEvents((events) => {
    // A tab that cannot keep up is closed rather than buffering without bound; it reconnects and refetches.
    if (socket.bufferedAmount > maxBufferedBytes) {
      socket.close(1013, 'too slow');
      return;
    }
    send({ type: 'event', event: 'run:events', payload: { events } });
  });

  const unsubscribePush = engine.onPush((event, payload) => send({ type: 'event', event, payload }));

  socket.on('message', async (data, isBinary) => {
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      message = undefined;
    }
    const envelope = message as { type?: unknown; id?: unknown; channel?: unknown; payload?: unknown } | undefined;
    const id = typeof envelope?.id === 'number' && Number.isSafeInteger(envelope.id) ? envelope.id : undefined;
    if (id === undefined) return;
    if (envelope?.type !== 'invoke') {
      send({ type: 'reply', id, reply: { ok: false, error: appError('invalid_request', 'Unknown message type.') } });
      return;
    }
    const reply = await dispatch(engine.handlers, envelope.channel, envelope.payload);
    send({ type: 'reply', id, reply });
  });

  const detach = () => {
    unsubscribe();
    unsubscribePush();
  };
  socket.on('close', detach);
  return detach;
}
