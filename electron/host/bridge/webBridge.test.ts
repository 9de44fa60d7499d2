import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { say } from '../../../shared/i18n/engineText';
import { createWebBridge, type SocketLike, type WebBridge } from './webBridge';

class FakeSocket implements SocketLike {
  sent: unknown[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.closed = true;
  }
  // What the server does:
  open(): void {
    this.onopen?.({});
  }
  drop(): void {
    this.onerror?.({});
    this.onclose?.({});
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
}

const runEvent = { type: 'run.state', runId: 'r1', seq: 4, at: 1, state: 'running', error: null };

describe('createWebBridge', () => {
  let sockets: FakeSocket[];
  let warnings: string[];
  let bridge: WebBridge;

  const latest = (): FakeSocket => sockets[sockets.length - 1]!;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    warnings = [];
    bridge = createWebBridge({
      url: 'ws://127.0.0.1:1/ws?token=t',
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      warn: (message) => warnings.push(message),
    });
  });

  afterEach(() => {
    bridge.close();
    vi.useRealTimers();
  });

  it('queues invokes until the socket opens, then sends them in order', async () => {
    const first = bridge.invoke('run:get', { runId: 'a' });
    const second = bridge.invoke('app:info', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([
      { type: 'invoke', id: 1, channel: 'run:get', payload: { runId: 'a' } },
      { type: 'invoke', id: 2, channel: 'app:info', payload: {} },
    ]);
    latest().receive({ type: 'reply', id: 2, reply: { ok: true, value: { version: '1' } } });
    latest().receive({ type: 'reply', id: 1, reply: { ok: false, error: { code: 'not_found', title: 'No run a', retryable: false } } });
    await expect(second).resolves.toEqual({ ok: true, value: { version: '1' } });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'not_found', title: 'No run a', retryable: false } });
  });

  it('fails pending invokes with a network error when the socket closes, without throwing', async () => {
    latest().open();
    const reply = bridge.invoke('run:cancel', { runId: 'a' });
    latest().drop();
    const result = await reply;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('network');
    if (result.ok) return;
    // The bridge imports only shared/, so the Chinese is said here with shared's own say().
    expect(result.error.text && say('zh', result.error.text)).toBe('与 Rackpilot 的连接已断开。');
    expect(result.error.hintText && say('zh', result.error.hintText)).toBe('连接会自动恢复；重复请求前，请先检查它是否已生效。');
  });

  it('turns a malformed reply envelope into an internal error', async () => {
    latest().open();
    const reply = bridge.invoke('app:info', {});
    latest().receive({ type: 'reply', id: 1, reply: { ok: false, error: { nope: true } } });
    const result = await reply;
    expect(!result.ok && result.error.code).toBe('internal');
  });

  it('reconnects with a doubling backoff capped at the maximum, and resets it after a successful open', () => {
    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const before = sockets.length;
      latest().drop();
      let waited = 0;
      while (sockets.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    latest().open();
    const before = sockets.length;
    latest().drop();
    vi.advanceTimersByTime(249);
    expect(sockets.length).toBe(before);
    vi.advanceTimersByTime(1);
    expect(sockets.length).toBe(before + 1);
  });

  it('emits app:connection when the connection opens or is lost, once per change', () => {
    const seen: boolean[] = [];
    bridge.on('app:connection', ({ connected }) => seen.push(connected));
    latest().drop();
    vi.advanceTimersByTime(250);
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(250);
    latest().drop(); // still down: nothing new to say
    vi.advanceTimersByTime(500);
    latest().open();
    expect(seen).toEqual([false, true, false, true]);
  });

  it('tells a late subscriber the current connection state, and a subscriber before any attempt ended nothing', async () => {
    const early: boolean[] = [];
    bridge.on('app:connection', ({ connected }) => early.push(connected));
    await Promise.resolve();
    expect(early).toEqual([]);
    latest().open();
    const late: boolean[] = [];
    bridge.on('app:connection', ({ connected }) => late.push(connected));
    await Promise.resolve();
    expect(late).toEqual([true]);
    expect(early).toEqual([true]);
  });

  it('delivers valid push events and drops invalid ones with a warning', () => {
    const payloads: unknown[] = [];
    bridge.on('run:events', (payload) => payloads.push(payload));
    latest().open();
    latest().receive({ type: 'event', event: 'run:events', payload: { events: [runEvent] } });
    latest().receive({ type: 'event', event: 'run:events', payload: { events: [{ ...runEvent, state: 'exploded' }] } });
    latest().receive({ type: 'event', event: 'nope', payload: {} });
    latest().receive('not json');
    expect(payloads).toEqual([{ events: [runEvent] }]);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('run:events');
  });

  it('stops delivering to a listener once it unsubscribes, and survives a throwing listener', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const received: number[] = [];
    bridge.on('run:events', () => {
      throw new Error('broken listener');
    });
    const unsubscribe = bridge.on('run:events', () => received.push(1));
    latest().open();
    latest().receive({ type: 'event', event: 'run:events', payload: { events: [] } });
    unsubscribe();
    latest().receive({ type: 'event', event: 'run:events', payload: { events: [] } });
    expect(received).toEqual([1]);
    errors.mockRestore();
  });

  it('after close() answers invokes with a network error and stops reconnecting', async () => {
    latest().open();
    const count = sockets.length;
    bridge.close();
    expect(latest().closed).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(sockets.length).toBe(count);
    const result = await bridge.invoke('app:info', {});
    expect(!result.ok && result.error.code).toBe('network');
  });
});
