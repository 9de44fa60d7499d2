import { describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/contract/channels';
import { AppFailure, appError, type AppError } from '../../shared/errors';
import type { EngineEvent } from '../../shared/runModel';
import { FakeIpcMain, FakeWindow, fakeEngine, invokeEvent } from './fakeElectron';
import { createSenderCheck, forwardEngineEvents, handleInvoke, registerContractHandlers, type IpcWiring } from './ipc';
import { chineseOf } from '../integration/englishLeft';

const indexPath = '/app/dist-renderer/index.html';
const indexUrl = 'file:///app/dist-renderer/index.html';

function setup() {
  const ipcMain = new FakeIpcMain();
  const engine = fakeEngine();
  const win = new FakeWindow({});
  win.webContents.mainFrame = { url: indexUrl, parent: null };
  const logged: string[] = [];
  const wiring: IpcWiring = {
    ipcMain,
    handlers: engine.handlers,
    isTrustedSender: createSenderCheck(() => win, indexPath, 'linux'),
    log: (message) => logged.push(message),
  };
  const dispose = registerContractHandlers(wiring);
  const fromWindow = invokeEvent(win.webContents, win.webContents.mainFrame);
  const call = (channel: string, payload: unknown, event = fromWindow) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, payload);
  };
  return { ipcMain, engine, win, wiring, dispose, call, fromWindow, logged };
}

describe('registerContractHandlers', () => {
  it('registers exactly one handler per contract channel and removes them all', () => {
    const { ipcMain, dispose } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes a valid payload to the engine, parsed (defaults applied)', async () => {
    const { engine, call } = setup();
    await expect(call('run:get', { runId: 'r-1' })).resolves.toEqual({ ok: true, value: { echo: { runId: 'r-1' } } });
    await call('run:list', {});
    expect(engine.calls).toEqual([
      { channel: 'run:get', request: { runId: 'r-1' } },
      { channel: 'run:list', request: { limit: 100 } },
    ]);
  });

  it.each([
    ['a wrong type', 'run:get', { runId: 42 }],
    ['an oversized string', 'run:get', { runId: 'x'.repeat(201) }],
    ['an unexpected key', 'run:cancel', { runId: 'r-1', force: true }],
    ['a missing field', 'run:retryStep', { runId: 'r-1' }],
    ['a number out of range', 'run:start', { source: { kind: 'demo' }, concurrency: 1000 }],
  ])('refuses %s with invalid_request and never calls the engine', async (_what, channel, payload) => {
    const { engine, call } = setup();
    const reply = await call(channel, payload);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(engine.calls).toEqual([]);
  });

  it('answers an unknown channel with unknown_channel', async () => {
    const { engine, wiring, fromWindow } = setup();
    const reply = await handleInvoke(wiring, fromWindow, 'fs:readFile', { path: '/etc/passwd' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(engine.calls).toEqual([]);
  });

  it('turns what the engine throws into an AppError reply', async () => {
    const { engine, call } = setup();
    engine.handlers['run:cancel'] = () => {
      throw new AppFailure(appError('not_found', 'There is no run r-9.'));
    };
    engine.handlers['run:pause'] = () => {
      throw new Error('disk on fire');
    };
    expect(await call('run:cancel', { runId: 'r-9' })).toMatchObject({ ok: false, error: { code: 'not_found', title: 'There is no run r-9.' } });
    expect(await call('run:pause', { runId: 'r-9' })).toMatchObject({ ok: false, error: { code: 'internal', detail: 'disk on fire' } });
  });
});

describe('sender check', () => {
  it('accepts the main frame of our window showing our page (hash and query ignored)', async () => {
    const { win, call } = setup();
    const frame = { url: `${indexUrl}?x=1#/runs`, parent: null };
    expect(await call('app:info', {}, invokeEvent(win.webContents, frame))).toMatchObject({ ok: true });
  });

  it.each([
    ['a subframe', () => ({ url: indexUrl, parent: { url: indexUrl, parent: null } })],
    ['a frame showing another page', () => ({ url: 'https://evil.example/', parent: null })],
    ['a frame showing another local file', () => ({ url: 'file:///tmp/evil.html', parent: null })],
    ['a missing frame', () => null],
  ])('refuses %s and never calls the engine', async (_what, frame) => {
    const { engine, win, call, logged } = setup();
    const reply = await call('app:info', {}, invokeEvent(win.webContents, frame()));
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(engine.calls).toEqual([]);
    expect(logged.join('\n')).toContain('app:info');
    expect(chineseOf((reply as { error: AppError }).error)).toEqual({ title: '该请求并非来自 Rackpilot 窗口。', hint: '只有应用窗口可以与引擎通信。' });
  });

  it('refuses another webContents, and everything once the window is gone', async () => {
    const { engine, win, call } = setup();
    const other = new FakeWindow({});
    expect(await call('app:info', {}, invokeEvent(other.webContents, { url: indexUrl, parent: null }))).toMatchObject({ ok: false });
    win.destroyed = true;
    expect(await call('app:info', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(engine.calls).toEqual([]);
  });
});

describe('forwardEngineEvents', () => {
  const events: EngineEvent[] = [{ type: 'run.state', runId: 'r-1', seq: 3, at: 1, state: 'running', error: null }];

  it('sends batches to the open window as run:events and stops when unsubscribed', () => {
    const engine = fakeEngine();
    const win = new FakeWindow({});
    const stop = forwardEngineEvents((listener) => engine.onEvents(listener), () => win.webContents);
    engine.emit(events);
    expect(win.webContents.sent).toEqual([{ channel: 'run:events', args: [{ events }] }]);
    stop();
    engine.emit(events);
    expect(win.webContents.sent).toHaveLength(1);
    expect(engine.listenerCount()).toBe(0);
  });

  it('drops batches while no window exists or it is being destroyed', () => {
    const engine = fakeEngine();
    const win = new FakeWindow({});
    let current: FakeWindow | null = null;
    forwardEngineEvents((listener) => engine.onEvents(listener), () => current?.webContents ?? null);
    engine.emit(events);
    current = win;
    win.webContents.destroyed = true;
    engine.emit(events);
    expect(win.webContents.sent).toEqual([]);
  });
});
