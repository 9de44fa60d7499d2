import { mkdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { toAppError } from '../../shared/errors';
import { engineText, sayOr } from '../../shared/i18n/engineText';
import { pickLanguage } from '../../shared/i18n/pickLanguage';
import type { EngineOptions, EngineService, LabController } from '../engine/service/types';
import { denyPermissions, installCsp } from './csp';
import type { ElectronDeps, WindowLike } from './deps';
import { createShellDialogs, createShellFiles } from './dialogs';
import { createSenderCheck, forwardEngineEvents, forwardPushEvents, registerContractHandlers } from './ipc';
import { installQuitHandling, type QuitHandle } from './lifecycle';
import { resolveShellPaths, type ShellPaths } from './paths';
import { createSafeSecretStorage } from './secretStorage';
import { focusWindow, openMainWindow } from './window';

export type EngineFactory = (options: EngineOptions) => Promise<EngineService>;

export interface ShellOptions {
  /** Directory of the running bundle (dist-electron/). */
  mainDir: string;
  createEngine: EngineFactory;
  /** The built-in lab for rehearsals; it lives as long as the engine. */
  createLab?: () => LabController;
  quitCapMs?: number;
}

export interface Shell {
  paths: ShellPaths;
  quit: QuitHandle;
  /** Settles once the engine is up and the window is open (or start-up failed and the app is exiting). */
  ready: Promise<void>;
  window(): WindowLike | null;
}

/**
 * Wires the desktop app: one instance, one hardened window, the engine behind
 * IPC, secrets in the OS keychain, and an orderly quit. Returns null when
 * another instance already runs (it is focused instead and this one quits).
 */
export function startShell(deps: ElectronDeps, options: ShellOptions): Shell | null {
  const { app, log } = deps;
  const paths = resolveShellPaths(options.mainDir, deps.process.env, () => app.getPath('userData'));
  // Before the lock: Chromium keeps the lock in the profile, so a separate home is a separate instance.
  if (paths.dataDirFromEnv) app.setPath('userData', paths.dataDir);
  if (!app.requestSingleInstanceLock()) {
    log.info('Rackpilot is already running; focusing its window.');
    app.quit();
    return null;
  }
  app.enableSandbox();

  let win: WindowLike | null = null;
  let engine: EngineService | null = null;
  let startup: Promise<void> = Promise.resolve();

  const quit = installQuitHandling({
    app,
    process: deps.process,
    closeEngine: async () => {
      await startup.catch(() => undefined);
      await engine?.close();
    },
    log,
    ...(options.quitCapMs === undefined ? {} : { capMs: options.quitCapMs }),
  });

  const showWindow = (): void => {
    if (win !== null && !win.isDestroyed()) {
      focusWindow(win);
      return;
    }
    if (engine === null) return;
    const opened = openMainWindow({
      createWindow: deps.createWindow,
      paths,
      isPackaged: app.isPackaged,
      openExternal: (url) => deps.shell.openExternal(url),
      log: (message) => log.warn(message),
      onLoadFailed: (message) => {
        log.error(message);
        const lang = pickLanguage([app.getLocale()]);
        deps.dialog.showErrorBox(engineText(lang, 'host.shell.windowFailed'), `${message}\n\n${engineText(lang, 'host.shell.windowFailedHint', { command: 'npm run build' })}`);
      },
      platform: deps.process.platform,
    });
    opened.on('closed', () => {
      if (win === opened) win = null;
    });
    win = opened;
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // macOS apps stay alive without windows; the engine keeps running and `activate` reopens one.
    if (deps.process.platform !== 'darwin') app.quit();
  });

  startup = (async () => {
    await app.whenReady();
    const session = deps.getSession();
    installCsp(session);
    denyPermissions(session, (message) => log.warn(message));
    await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
    const secretStorage = await createSafeSecretStorage({
      safeStorage: deps.safeStorage,
      filePath: paths.secretsFile,
      platform: deps.process.platform,
      log: (message) => log.warn(message),
    });
    const created = await options.createEngine({
      dataDir: paths.dataDir,
      host: 'electron',
      version: app.getVersion(),
      secretStorage,
      dialogs: createShellDialogs(deps.dialog),
      files: createShellFiles(deps.shell),
      // Unpacked from the asar (see build/electron-builder.json): the workbook reader's worker opens them with plain fs.
      samplePlanDir: join(options.mainDir, '..', 'assets', 'sample-plan').replace(`app.asar${sep}`, `app.asar.unpacked${sep}`),
      ...(options.createLab ? { lab: options.createLab() } : {}),
    });
    engine = created;
    // Quit while the engine was starting: closeEngine waits for this start-up and closes it; no window.
    if (quit.state() !== 'open') return;
    registerContractHandlers({
      ipcMain: deps.ipcMain,
      handlers: created.handlers,
      isTrustedSender: createSenderCheck(() => win, paths.rendererIndex, deps.process.platform),
      log: (message) => log.warn(message),
    });
    forwardEngineEvents((listener) => created.onEvents(listener), () => win?.webContents ?? null);
    forwardPushEvents((listener) => created.onPush(listener), () => win?.webContents ?? null);
    showWindow();
  })();

  const ready = startup.catch((cause: unknown) => {
    const error = toAppError(cause);
    const message = [error.title, error.hint, error.detail].filter((part) => part !== undefined).join('\n');
    log.error(`Start-up failed: ${message}`);
    // No window and no settings yet: the box speaks the system's language.
    const lang = pickLanguage([app.getLocale()]);
    const said = [sayOr(lang, error.text, error.title), error.hint === undefined ? undefined : sayOr(lang, error.hintText, error.hint), error.detail];
    deps.dialog.showErrorBox(engineText(lang, 'host.shell.startFailed'), said.filter((part) => part !== undefined).join('\n'));
    app.exit(1);
  });

  return { paths, quit, ready, window: () => win };
}
