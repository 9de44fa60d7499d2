import type { BrowserWindowConstructorOptions } from 'electron';

/*
 * The slices of Electron the shell uses, as narrow structural types. The
 * entry (index.ts) passes the real `electron` objects, and the compiler
 * checks they fit; tests pass small stand-ins, since no Electron binary is
 * needed to exercise the shell's decisions.
 */

export interface PreventableEvent {
  preventDefault(): void;
}

/** A frame as Electron's WebFrameMain shows it. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
  loadFile(filePath: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

export type WindowFactory = (options: BrowserWindowConstructorOptions) => WindowLike;

export interface HeadersDetails {
  responseHeaders?: Record<string, string[]>;
}
export interface HeadersResponse {
  responseHeaders?: Record<string, string | string[]>;
}

export interface SessionLike {
  readonly webRequest: {
    onHeadersReceived(listener: (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void): void;
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: which keyring backs the key; `basic_text` means a hard-coded key. */
  getSelectedStorageBackend(): string;
}

export interface AppLike {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  enableSandbox(): void;
  whenReady(): Promise<void>;
  quit(): void;
  exit(code?: number): void;
  getPath(name: 'userData'): string;
  setPath(name: 'userData', value: string): void;
  getVersion(): string;
  /** The system's language (`zh-CN`, `es-ES`): what a box shown before the window has no other way to know. */
  getLocale(): string;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): unknown;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
  /** Resolves to an error message, empty on success (Electron's contract). */
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
}

export interface DialogLike {
  showErrorBox(title: string, content: string): void;
  showOpenDialog(options: { title?: string; properties?: Array<'openFile'>; filters?: Array<{ name: string; extensions: string[] }> }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: { title?: string; defaultPath?: string; filters?: Array<{ name: string; extensions: string[] }> }): Promise<{ canceled: boolean; filePath?: string }>;
}

/** What the process offers the shell: environment, platform and the signals it should quit on. */
export interface ProcessLike {
  readonly env: Record<string, string | undefined>;
  readonly platform: string;
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ElectronDeps {
  app: AppLike;
  ipcMain: IpcMainLike;
  createWindow: WindowFactory;
  /** The default session, available once the app is ready. */
  getSession(): SessionLike;
  safeStorage: SafeStorageLike;
  shell: ShellLike;
  dialog: DialogLike;
  process: ProcessLike;
  log: Logger;
}
