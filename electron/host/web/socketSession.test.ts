import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import type { ContractHandlers } from '../../../shared/contract/api';
import type { EngineService } from '../../engine/service/types';
import { attachSocket, type SocketLimits } from './socketSession';

/** The part of a `ws` socket the session uses, with a send buffer the test sets. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  paused = false;
  readonly sent: any[] = [];
  closedWith: { code: number; reason: string } | null = null;
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close(code: number, reason: string) {
    this.readyState = 2;
    this.closedWith = { code, reason };
  }
  pause() {
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
  request(id: number) {
    this.emit('message', Buffer.from(JSON.stringify({ type: 'invoke', id, channel: 'app:info', payload: {} })), false);
  }
}

/** An engine whose app:info waits until the test lets it answer, counting how many run at once. */
function gatedEngine() {
  const gates: Array<() => void> = [];
  const state = { running: 0, mostAtOnce: 0, emit: (_events: unknown[]) => {} };
  const handlers = {
    'app:info': async () => {
      state.running += 1;
      state.mostAtOnce = Math.max(state.mostAtOnce, state.running);
      await new Promise<void>((resolve) => gates.push(resolve));
      state.running -= 1;
      return { host: 'web', version: 'gated', dataDir: '/tmp', samplePlans: null };
    },
  } as unknown as ContractHandlers;
  const engine: EngineService = {
    handlers,
    onEvents: (listener) => ((state.emit = listener as typeof state.emit), () => {}),
    onPush: () => () => {},
    hasActiveWork: () => false,
    close: async () => {},
  };
  const releaseAll = () => gates.splice(0).forEach((open) => open());
  return { engine, state, releaseAll };
}

function attach(limits: Partial<SocketLimits> = {}) {
  const socket = new FakeSocket();
  const gated = gatedEngine();
  attachSocket(socket as unknown as WebSocket, gated.engine, { maxInFlight: 2, maxQueued: 100, maxBufferedBytes: 1000, ...limits });
  return { socket, ...gated };
}

describe('socket session limits', () => {
  it('works on at most maxInFlight requests of one socket, pausing its reading while the rest wait, and answers all', async () => {
    const { socket, state, releaseAll } = attach();
    for (let id = 1; id <= 10; id++) socket.request(id);
    expect(state.running).toBe(2);
    expect(socket.paused).toBe(true);
    await vi.waitFor(() => {
      releaseAll();
      expect(socket.sent).toHaveLength(10);
    });
    expect(state.mostAtOnce).toBe(2);
    expect(socket.sent.map((message) => message.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(socket.paused).toBe(false);
    expect(socket.closedWith).toBeNull();
  });

  it('closes with 1008 a client that piles up requests past the queue bound', () => {
    const { socket } = attach({ maxInFlight: 1, maxQueued: 2 });
    for (let id = 1; id <= 4; id++) socket.request(id);
    expect(socket.closedWith).toEqual({ code: 1008, reason: 'too many requests at once' });
  });

  it('closes with 1013 instead of queueing a reply or an event behind a send buffer over the bound', async () => {
    const forReply = attach();
    forReply.socket.request(1);
    forReply.socket.bufferedAmount = 1001;
    forReply.releaseAll();
    await vi.waitFor(() => expect(forReply.socket.closedWith).toEqual({ code: 1013, reason: 'too slow' }));
    expect(forReply.socket.sent).toEqual([]);

    const forEvent = attach();
    forEvent.socket.bufferedAmount = 1001;
    forEvent.state.emit([]);
    expect(forEvent.socket.closedWith).toEqual({ code: 1013, reason: 'too slow' });
    expect(forEvent.socket.sent).toEqual([]);
  });
});
