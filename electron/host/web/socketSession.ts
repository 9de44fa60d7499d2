import type { RawData, WebSocket } from 'ws';
import { dispatch } from '../../../shared/contract/dispatch';
import { appError, toAppError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { failed, type Reply } from '../../../shared/reply';
import type { EngineService } from '../../engine/service/types';

/** What one socket may hold of the host: the bounds that keep one tab from starving the others or the memory. */
export interface SocketLimits {
  /** Requests of one socket the engine works on at once; the rest wait their turn in order. */
  maxInFlight: number;
  /** Requests waiting beyond those; more means a client that ignores backpressure. */
  maxQueued: number;
  /** Bytes waiting to go out; more means a tab that does not read what it is sent. */
  maxBufferedBytes: number;
}

export const defaultSocketLimits: SocketLimits = { maxInFlight: 16, maxQueued: 4096, maxBufferedBytes: 8 * 1024 * 1024 };

/** RFC 6455 7.4.1 close codes this session uses (`ws` itself sends 1002, 1007, 1009 for protocol errors). */
const closeCodes = { unsupportedData: 1003, policyViolation: 1008, tryAgainLater: 1013 } as const;

interface Request {
  id: number;
  channel: unknown;
  payload: unknown;
}

/**
 * One browser tab: requests in, replies and pushed events out. Messages
 * that are not JSON or not the invoke shape are answered with a typed error
 * when they carry an id and otherwise dropped; the engine never sees them.
 * Binary messages close the socket with 1003: the contract is JSON text.
 *
 * Reading follows the queue, so a client that sends faster than the engine
 * answers is slowed down by TCP instead of growing our memory:
 *
 *   flowing ──request queued──> paused ──queue drained──> flowing
 *      │                          │
 *      └──── close / error ───────┴──> closed (nothing more is sent or started)
 */
export function attachSocket(socket: WebSocket, engine: EngineService, limits: SocketLimits = defaultSocketLimits): () => void {
  const queue: Request[] = [];
  let inFlight = 0;

  const isOpen = () => socket.readyState === socket.OPEN;

  /** A tab that cannot keep up is closed rather than buffered for without bound; it reconnects and refetches. */
  const withinSendBound = () => {
    if (socket.bufferedAmount <= limits.maxBufferedBytes) return true;
    socket.close(closeCodes.tryAgainLater, 'too slow');
    return false;
  };

  const send = (message: unknown) => {
    if (!isOpen() || !withinSendBound()) return;
    socket.send(JSON.stringify(message));
  };

  // A value JSON cannot encode (a BigInt from SQLite, a cycle) still gets an answer, and never an exception out of here.
  const sendReply = (id: number, reply: Reply<unknown>) => {
    try {
      send({ type: 'reply', id, reply });
    } catch (cause) {
      send({ type: 'reply', id, reply: failed(toAppError(cause)) });
    }
  };

  // Nobody awaits this: what it throws would be an unhandled rejection, which ends the process.
  const run = async (request: Request) => {
    const reply = await dispatch(engine.handlers, request.channel, request.payload).catch((cause) => failed(toAppError(cause)));
    sendReply(request.id, reply);
  };

  const pump = () => {
    while (isOpen() && inFlight < limits.maxInFlight && queue.length > 0) {
      const request = queue.shift()!;
      inFlight += 1;
      void run(request).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
    if (!isOpen()) return;
    if (queue.length > 0) socket.pause();
    else socket.resume();
  };

  const receive = (data: RawData, isBinary: boolean) => {
    if (!isOpen()) return;
    if (isBinary) {
      socket.close(closeCodes.unsupportedData, 'text messages only');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    const envelope = message as { type?: unknown; id?: unknown; channel?: unknown; payload?: unknown } | null;
    const id = typeof envelope?.id === 'number' && Number.isSafeInteger(envelope.id) ? envelope.id : undefined;
    if (id === undefined) return;
    if (envelope?.type !== 'invoke') {
      sendReply(id, failed(appError('invalid_request', text('host.socket.unknownType'))));
      return;
    }
    // Reading pauses while anything waits, so only what `ws` had already read can land here: a bound, not a buffer.
    if (queue.length >= limits.maxQueued) {
      socket.close(closeCodes.policyViolation, 'too many requests at once');
      return;
    }
    queue.push({ id, channel: envelope.channel, payload: envelope.payload });
    pump();
  };

  const unsubscribe = engine.onEvents((events) => send({ type: 'event', event: 'run:events', payload: { events } }));
  const unsubscribePush = engine.onPush((event, payload) => send({ type: 'event', event, payload }));

  socket.on('message', receive);
  // Protocol errors (oversized, reserved bits, bad UTF-8, ...): `ws` has already sent the close code; without
  // this listener the 'error' event would end the whole host.
  socket.on('error', () => {});

  const detach = () => {
    queue.length = 0;
    unsubscribe();
    unsubscribePush();
  };
  socket.on('close', detach);
  return detach;
}
