import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/contract/channels';
import { AppFailure, appError } from '../../shared/errors';
import { text } from '../../shared/i18n/engineText';
import { englishLeft } from '../integration/englishLeft';
import type { EngineOptions } from '../engine/service/types';
import { FakePreventable, fakeDeps, fakeEngine, invokeEvent, type FakeEngine } from './fakeElectron';
import { startShell, type EngineFactory } from './shell';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'rackpilot-shell-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function launch(options: { platform?: string; lock?: boolean; factory?: EngineFactory; locale?: string } = {}) {
  const deps = fakeDeps({ RACKPILOT_HOME: home }, options.platform ?? 'linux');
  if (options.locale) deps.app.locale = options.locale;
  deps.app.lockGranted = options.lock ?? true;
  const engine = fakeEngine();
  const created: EngineOptions[] = [];
  const factory: EngineFactory =
    options.factory ??
    (async (engineOptions) => {
      created.push(engineOptions);
      return engine;
    });
  const shell = startShell(deps, { mainDir: '/app/dist-electron', createEngine: factory });
  return { deps, engine, created, shell };
}

async function ready(shell: ReturnType<typeof startShell>, deps: ReturnType<typeof fakeDeps>) {
  deps.app.becomeReady();
  await shell?.ready;
}

describe('startShell', () => {
  it('quits at once when another instance holds the lock', () => {
    const { deps, shell, created } = launch({ lock: false });
    expect(shell).toBeNull();
    expect(deps.app.quitCalls).toBe(1);
    expect(created).toEqual([]);
    expect(deps.ipcMain.handlers.size).toBe(0);
  });

  it('starts the engine in RACKPILOT_HOME, wires IPC and opens one hardened window', async () => {
    const { deps, shell, created } = launch();
    expect(deps.app.getPath('userData')).toBe(home);
    expect(deps.app.sandboxEnabled).toBe(true);
    await ready(shell, deps);

    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ dataDir: home, host: 'electron', version: '9.8.7' });
    expect(created[0]?.secretStorage?.persistent).toBe(true);
    expect([...deps.ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
    expect(deps.session.headersListener).not.toBeNull();
    expect(deps.session.requestHandler).not.toBeNull();
    expect(deps.windows).toHaveLength(1);
    expect(deps.windows[0]?.options.webPreferences).toMatchObject({ preload: '/app/dist-electron/preload.cjs', sandbox: true });
    expect(deps.windows[0]?.loaded).toEqual(['/app/dist-renderer/index.html']);
  });

  it('answers IPC from its window and pushes engine events to it', async () => {
    const { deps, shell, engine } = launch();
    await ready(shell, deps);
    const win = deps.windows[0];
    if (!win) throw new Error('no window');
    win.webContents.mainFrame = { url: 'file:///app/dist-renderer/index.html', parent: null };
    const reply = await deps.ipcMain.handlers.get('app:info')?.(invokeEvent(win.webContents, win.webContents.mainFrame), {});
    expect(reply).toEqual({ ok: true, value: { echo: {} } });
    engine.emit([{ type: 'run.state', runId: 'r', seq: 1, at: 0, state: 'running', error: null }]);
    expect(win.webContents.sent.map((message) => message.channel)).toEqual(['run:events']);
  });

  it('focuses the existing window for a second instance instead of opening another', async () => {
    const { deps, shell } = launch();
    await ready(shell, deps);
    const win = deps.windows[0];
    if (!win) throw new Error('no window');
    win.minimized = true;
    deps.app.emit('second-instance');
    expect(deps.windows).toHaveLength(1);
    expect(win.restored).toBe(1);
    expect(win.focused).toBe(1);
  });

  it('quits when the last window closes, except on macOS where activate reopens one', async () => {
    const linux = launch();
    await ready(linux.shell, linux.deps);
    linux.deps.windows[0]?.emit('closed');
    linux.deps.app.emit('window-all-closed');
    expect(linux.deps.app.quitCalls).toBe(1);

    const mac = launch({ platform: 'darwin' });
    await ready(mac.shell, mac.deps);
    mac.deps.windows[0]?.emit('closed');
    mac.deps.app.emit('window-all-closed');
    expect(mac.deps.app.quitCalls).toBe(0);
    mac.deps.app.emit('activate');
    expect(mac.deps.windows).toHaveLength(2);
  });

  it('closes the engine before quitting', async () => {
    const { deps, shell, engine } = launch();
    await ready(shell, deps);
    engine.holdClose = true;
    deps.app.emit('before-quit', new FakePreventable());
    await new Promise((resolve) => setImmediate(resolve));
    expect(engine.closeCalls).toBe(1);
    expect(deps.app.quitCalls).toBe(0);
    engine.finishClose();
    await shell?.quit.quit();
    expect(deps.app.quitCalls).toBe(1);
  });

  it('closes an engine that finishes starting after the user quit, and opens no window', async () => {
    let finishStart: (engine: FakeEngine) => void = () => undefined;
    let factoryCalled: () => void = () => undefined;
    const starting = new Promise<void>((resolve) => (factoryCalled = resolve));
    const late = fakeEngine();
    const { deps, shell } = launch({
      factory: () =>
        new Promise((resolve) => {
          finishStart = resolve;
          factoryCalled();
        }),
    });
    deps.app.becomeReady();
    await starting;
    deps.app.emit('before-quit', new FakePreventable());
    finishStart(late);
    await shell?.quit.quit();
    expect(late.closeCalls).toBe(1);
    expect(deps.windows).toHaveLength(0);
    expect(deps.app.quitCalls).toBe(1);
  });

  it('tells the user and exits when the engine cannot start', async () => {
    const { deps, shell } = launch({
      factory: async () => {
        throw new Error('database disk image is malformed');
      },
    });
    await ready(shell, deps);
    expect(deps.errorBoxes).toEqual([{ title: 'Rackpilot could not start', content: expect.stringContaining('database disk image is malformed') }]);
    expect(deps.app.exitCodes).toEqual([1]);
    expect(deps.windows).toHaveLength(0);
  });

  it('says why it cannot start in the system language: no window and no settings exist yet', async () => {
    const { deps, shell } = launch({
      factory: async () => {
        throw new AppFailure(appError('io', text('store.notAStore', { file: '/data/rackpilot.db' }), { hint: text('store.notAStoreHint'), detail: 'database disk image is malformed' }));
      },
      locale: 'zh-CN',
    });
    await ready(shell, deps);
    const [box] = deps.errorBoxes;
    expect(box?.title).toBe('Rackpilot 无法启动');
    expect(box?.content).toContain('/data/rackpilot.db');
    expect(box?.content).toMatch(/\p{Script=Han}/u);
    expect(englishLeft(box?.content ?? '', ['database disk image is malformed'])).toEqual([]);
  });
});
