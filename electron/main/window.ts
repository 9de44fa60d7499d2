import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowFactory, WindowLike } from './deps';
import { hardenWebContents } from './navigation';
import type { ShellPaths } from './paths';

/** Every security-relevant preference spelled out, so a change of Electron's defaults cannot loosen them. */
export function mainWindowOptions(paths: Pick<ShellPaths, 'preload' | 'icon'>, isPackaged: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 960,
    minHeight: 600,
    title: 'Rackpilot',
    icon: paths.icon,
    backgroundColor: '#10151c',
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !isPackaged,
    },
  };
}

export interface MainWindowOptions {
  createWindow: WindowFactory;
  paths: Pick<ShellPaths, 'preload' | 'icon' | 'rendererIndex'>;
  isPackaged: boolean;
  openExternal(url: string): Promise<void>;
  log(message: string): void;
  /** The renderer could not be loaded (not built, or the file is unreadable). */
  onLoadFailed(message: string): void;
  platform?: string;
}

export function openMainWindow(options: MainWindowOptions): WindowLike {
  const win = options.createWindow(mainWindowOptions(options.paths, options.isPackaged));
  hardenWebContents(win.webContents, {
    indexPath: options.paths.rendererIndex,
    openExternal: options.openExternal,
    log: options.log,
    ...(options.platform === undefined ? {} : { platform: options.platform }),
  });
  win.once('ready-to-show', () => win.show());
  win.loadFile(options.paths.rendererIndex).catch((cause: unknown) => {
    options.onLoadFailed(`Could not load ${options.paths.rendererIndex}: ${cause instanceof Error ? cause.message : String(cause)}`);
  });
  return win;
}

/** A second launch brings the existing window forward instead of opening another. */
export function focusWindow(win: WindowLike): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
