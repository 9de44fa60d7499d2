import type { AppLike, Logger, ProcessLike } from './deps';

/*
 * Quitting waits for the engine to interrupt its runs, flush its logs and
 * close the database, but never longer than the cap:
 *
 *   open ──before-quit / SIGINT / SIGTERM──> closing ──engine closed or cap reached──> closed ──app.quit()──> exit
 *                                              │
 *                                              └──another signal, a second or more later──> app.exit(130)  (the user insists)
 *
 * One Ctrl-C reaches Electron several times at once (from the terminal's
 * process group, from npm, from scripts/start.mjs), so signals arriving
 * within `insistAfterMs` of the first count as that same request.
 * In `closing` every further before-quit is held back; in `closed` it passes.
 */
export type QuitState = { kind: 'open' } | { kind: 'closing'; done: Promise<void> } | { kind: 'closed' };

export interface QuitHandlingOptions {
  app: Pick<AppLike, 'on' | 'quit' | 'exit'>;
  process: Pick<ProcessLike, 'on'>;
  /** Closes the engine (if it was ever created). */
  closeEngine(): Promise<void>;
  log: Logger;
  capMs?: number;
  insistAfterMs?: number;
  now?: () => number;
}

export interface QuitHandle {
  state(): QuitState['kind'];
  /** Starts the orderly close (as a signal does); resolves once the app has been told to quit. */
  quit(): Promise<void>;
}

export const defaultQuitCapMs = 10_000;
const defaultInsistAfterMs = 1_000;

export function installQuitHandling(options: QuitHandlingOptions): QuitHandle {
  const capMs = options.capMs ?? defaultQuitCapMs;
  const insistAfterMs = options.insistAfterMs ?? defaultInsistAfterMs;
  const now = options.now ?? Date.now;
  let state: QuitState = { kind: 'open' };
  let firstSignalAt: number | null = null;

  const closeWithCap = async (): Promise<void> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cap = new Promise<'cap'>((resolve) => {
      timer = setTimeout(() => resolve('cap'), capMs);
    });
    try {
      const outcome = await Promise.race([options.closeEngine().then(() => 'closed' as const), cap]);
      if (outcome === 'cap') options.log.warn(`The engine did not close within ${capMs} ms; quitting anyway.`);
    } catch (cause) {
      options.log.error(`The engine failed to close cleanly: ${cause instanceof Error ? cause.message : String(cause)}`);
    } finally {
      clearTimeout(timer);
    }
  };

  const beginClose = (): Promise<void> => {
    if (state.kind === 'closing') return state.done;
    if (state.kind === 'closed') return Promise.resolve();
    const done = closeWithCap().then(() => {
      state = { kind: 'closed' };
      options.app.quit();
    });
    state = { kind: 'closing', done };
    return done;
  };

  options.app.on('before-quit', (event) => {
    if (state.kind === 'closed') return;
    event.preventDefault();
    void beginClose();
  });

  const onSignal = (): void => {
    const at = now();
    firstSignalAt ??= at;
    if (state.kind === 'closing' && at - firstSignalAt >= insistAfterMs) {
      options.log.warn('Second interrupt: exiting without waiting for the engine.');
      options.app.exit(130);
      return;
    }
    if (state.kind === 'open') void beginClose();
  };
  options.process.on('SIGINT', onSignal);
  options.process.on('SIGTERM', onSignal);

  return { state: () => state.kind, quit: beginClose };
}
