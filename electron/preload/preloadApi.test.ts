import { describe, expect, it, vi } from 'vitest';
import type { ChannelName, PushEventName } from '../../shared/contract/channels';
import { createPreloadApi, type IpcRendererLike } from './preloadApi';
import { chineseOf, englishLeft } from '../integration/englishLeft';

type Relay = (event: unknown, ...args: unknown[]) => void;

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly listeners = new Map<string, Relay[]>();
  answer: (channel: string) => Promise<unknown> = async () => ({ ok: true, value: 'answer' });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel);
  }
  on(channel: string, listener: Relay): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeListener(channel: string, listener: Relay): this {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((entry) => entry !== listener));
    return this;
  }
  emit(channel: string, payload: unknown): void {
    const event = { sender: 'the ipcRenderer itself', ports: [] };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, payload);
  }
}

describe('createPreloadApi', () => {
  it('exposes exactly invoke and on', () => {
    expect(Object.keys(createPreloadApi(new FakeIpcRenderer())).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels with their request and returns the reply', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    await expect(api.invoke('run:get', { runId: 'r-1' })).resolves.toEqual({ ok: true, value: 'answer' });
    expect(ipc.invoked).toEqual([{ channel: 'run:get', args: [{ runId: 'r-1' }] }]);
  });

  it('answers an unknown channel itself, without touching IPC', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    for (const name of ['fs:read', '__proto__', 'toString', 'run:get ']) {
      const reply = await api.invoke(name as ChannelName, {} as never);
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('says the unknown channel in the reader language, the channel as it was asked for', async () => {
    const reply = await createPreloadApi(new FakeIpcRenderer()).invoke('fs:read' as ChannelName, {} as never);
    if (reply.ok) throw new Error('an unknown channel was answered');
    expect(reply.error.title).toBe('There is no channel named "fs:read".');
    const { title } = chineseOf(reply.error);
    expect(title).toBe('没有名为“fs:read”的通道。');
    expect(englishLeft(title, ['fs:read'])).toEqual([]);
  });

  it('resolves a failed transport to an AppError reply instead of throwing', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = () => Promise.reject(new Error("No handler registered for 'run:get'"));
    const api = createPreloadApi(ipc);
    await expect(api.invoke('run:get', { runId: 'r' })).resolves.toMatchObject({ ok: false, error: { code: 'internal', detail: expect.stringContaining('No handler') } });
    ipc.invoke = () => {
      throw new Error('An object could not be cloned.');
    };
    await expect(api.invoke('run:get', { runId: 'r' })).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers push events without the IPC event object, and unsubscribes exactly that listener', () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    const first: unknown[][] = [];
    const second: unknown[][] = [];
    const stopFirst = api.on('run:events', (...args) => first.push(args));
    api.on('run:events', (...args) => second.push(args));
    ipc.emit('run:events', { events: [] });
    expect(first).toEqual([[{ events: [] }]]);

    stopFirst();
    stopFirst();
    ipc.emit('run:events', { events: [] });
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(2);
    expect(ipc.listeners.get('run:events')).toHaveLength(1);
  });

  it('ignores subscriptions to events outside the contract', () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    const stop = api.on('ELECTRON_BROWSER_WINDOW_ALERT' as PushEventName, () => undefined);
    expect(ipc.listeners.size).toBe(0);
    expect(() => stop()).not.toThrow();
  });
});

describe('preload entry', () => {
  it('exposes the bridge as window.rackpilot through contextBridge', async () => {
    const exposed: Array<{ key: string; api: unknown }> = [];
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
      ipcRenderer: new FakeIpcRenderer(),
    }));
    await import('./index');
    expect(exposed.map((entry) => entry.key)).toEqual(['rackpilot']);
    expect(Object.keys(exposed[0]?.api as object).sort()).toEqual(['invoke', 'on']);
    vi.doUnmock('electron');
  });
});
