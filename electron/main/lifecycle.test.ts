import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeApp, FakePreventable, FakeProcess, fakeEngine } from './fakeElectron';
import { installQuitHandling } from './lifecycle';

const flush = () => new Promise((resolve) => setImmediate(resolve));
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function setup(capMs?: number) {
  const app = new FakeApp();
  const proc = new FakeProcess();
  const engine = fakeEngine();
  engine.holdClose = true;
  const clock = { now: 0 };
  const handle = installQuitHandling({
    app,
    process: proc,
    closeEngine: () => engine.close(),
    log: silent,
    now: () => clock.now,
    ...(capMs ? { capMs } : {}),
  });
  return { app, proc, engine, handle, clock };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('quit handling', () => {
  it('holds the quit until the engine has closed, then quits once', async () => {
    const { app, engine, handle } = setup();
    const first = new FakePreventable();
    app.emit('before-quit', first);
    expect(first.prevented).toBe(true);
    expect(engine.closeCalls).toBe(1);

    // Asking again while closing neither quits nor closes twice.
    const again = new FakePreventable();
    app.emit('before-quit', again);
    await flush();
    expect(again.prevented).toBe(true);
    expect(app.quitCalls).toBe(0);
    expect(handle.state()).toBe('closing');

    engine.finishClose();
    await flush();
    expect(app.quitCalls).toBe(1);
    expect(handle.state()).toBe('closed');
    expect(engine.closeCalls).toBe(1);

    // The app.quit() we issued comes back as before-quit: it must pass.
    const final = new FakePreventable();
    app.emit('before-quit', final);
    expect(final.prevented).toBe(false);
  });

  it('quits anyway when the engine does not close within the cap', async () => {
    vi.useFakeTimers();
    const { app, handle } = setup(10_000);
    app.emit('before-quit', new FakePreventable());
    await vi.advanceTimersByTimeAsync(9_999);
    expect(app.quitCalls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quitCalls).toBe(1);
    expect(handle.state()).toBe('closed');
  });

  it('quits when closing the engine fails', async () => {
    const app = new FakeApp();
    const errors: string[] = [];
    installQuitHandling({
      app,
      process: new FakeProcess(),
      closeEngine: () => Promise.reject(new Error('database is locked')),
      log: { ...silent, error: (message) => errors.push(message) },
    });
    app.emit('before-quit', new FakePreventable());
    await flush();
    expect(app.quitCalls).toBe(1);
    expect(errors).toEqual([expect.stringContaining('database is locked')]);
  });

  it('closes in order on SIGTERM, counts echoes of one Ctrl-C as one, and exits at once when the user insists', async () => {
    const { app, proc, engine, clock } = setup();
    proc.emit('SIGTERM');
    expect(engine.closeCalls).toBe(1);
    clock.now = 200;
    proc.emit('SIGINT');
    expect(app.exitCodes).toEqual([]);
    clock.now = 1500;
    proc.emit('SIGINT');
    expect(app.exitCodes).toEqual([130]);
    expect(engine.closeCalls).toBe(1);
    engine.finishClose();
    await flush();
    expect(app.quitCalls).toBe(1);
  });
});
