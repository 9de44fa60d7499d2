import type { BrowserWindowConstructorOptions } from 'electron';
import type { ContractHandlers } from '../../shared/contract/api';
import { channelNames, type ChannelName } from '../../shared/contract/channels';
import type { EngineEvent } from '../../shared/runModel';
import type { EngineService } from '../engine/service/types';
import type {
  AppLike,
  ElectronDeps,
  FrameLike,
  HeadersDetails,
  HeadersResponse,
  IpcMainLike,
  InvokeEventLike,
  PreventableEvent,
  SafeStorageLike,
  SessionLike,
  WebContentsLike,
  WindowLike,
} from './deps';

/* Stand-ins for Electron's objects, for the shell's unit tests (no Electron binary needed). */

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  private readonly listeners = new Map<string, Array<{ fn: Listener; once: boolean }>>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }]);
    return this;
  }
  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    const entries = this.listeners.get(event) ?? [];
    this.listeners.set(event, entries.filter((entry) => !entry.once));
    for (const entry of entries) (entry.fn as (...rest: unknown[]) => unknown)(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export class FakePreventable implements PreventableEvent {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

let nextContentsId = 1;

export class FakeWebContents extends FakeEmitter implements WebContentsLike {
  readonly id = nextContentsId++;
  mainFrame: FrameLike;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  constructor(url = 'file:///app/dist-renderer/index.html') {
    super();
    this.mainFrame = { url, parent: null };
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
}

export class FakeWindow extends FakeEmitter implements WindowLike {
  readonly webContents = new FakeWebContents();
  loaded: string[] = [];
  loadResult: Promise<void> = Promise.resolve();
  shown = 0;
  focused = 0;
  restored = 0;
  minimized = false;
  destroyed = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }
  loadFile(filePath: string): Promise<void> {
    this.loaded.push(filePath);
    return this.loadResult;
  }
  show(): void {
    this.shown += 1;
  }
  focus(): void {
    this.focused += 1;
  }
  restore(): void {
    this.restored += 1;
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export function invokeEvent(contents: { id: number }, frame: FrameLike | null): InvokeEventLike {
  return { sender: { id: contents.id }, senderFrame: frame };
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, payload: unknown) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export class FakeSession implements SessionLike {
  headersListener: ((details: HeadersDetails, callback: (response: HeadersResponse) => void) => void) | null = null;
  requestHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  checkHandler: ((webContents: unknown, permission: string) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void): void => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void {
    this.checkHandler = handler;
  }
}

/** Encrypts by XOR with a key byte behind a marker: enough to prove clear text never reaches the file. */
export class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  reEncrypt = false;
  encryptCalls = 0;
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.encryptCalls += 1;
    const bytes = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a);
    return Buffer.concat([Buffer.from('v11'), bytes]);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const bytes = encrypted.subarray(3).map((byte) => byte ^ 0x5a);
    return { result: Buffer.from(bytes).toString('utf8'), shouldReEncrypt: this.reEncrypt };
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

export class FakeApp extends FakeEmitter implements AppLike {
  isPackaged = false;
  lockGranted = true;
  sandboxEnabled = false;
  readonly paths = new Map<string, string>([['userData', '/fake/userData']]);
  quitCalls = 0;
  exitCodes: Array<number | undefined> = [];
  private readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;
  constructor() {
    super();
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }
  becomeReady(): void {
    this.markReady();
  }
  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exit(code?: number): void {
    this.exitCodes.push(code);
  }
  getPath(name: 'userData'): string {
    return this.paths.get(name) ?? '';
  }
  setPath(name: 'userData', value: string): void {
    this.paths.set(name, value);
  }
  getVersion(): string {
    return '9.8.7';
  }
  locale = 'en-US';
  getLocale(): string {
    return this.locale;
  }
}

export class FakeProcess extends FakeEmitter {
  constructor(
    readonly env: Record<string, string | undefined> = {},
    readonly platform = 'linux',
  ) {
    super();
  }
}

export interface FakeDeps extends ElectronDeps {
  app: FakeApp;
  ipcMain: FakeIpcMain;
  safeStorage: FakeSafeStorage;
  process: FakeProcess;
  windows: FakeWindow[];
  session: FakeSession;
  opened: string[];
  /** Files handed to the system: `open:<path>` or `show:<path>`. */
  filesShown: string[];
  errorBoxes: Array<{ title: string; content: string }>;
  logged: string[];
}

export function fakeDeps(env: Record<string, string | undefined> = {}, platform = 'linux'): FakeDeps {
  const windows: FakeWindow[] = [];
  const session = new FakeSession();
  const opened: string[] = [];
  const filesShown: string[] = [];
  const errorBoxes: Array<{ title: string; content: string }> = [];
  const logged: string[] = [];
  const record = (message: string): void => {
    logged.push(message);
  };
  return {
    app: new FakeApp(),
    ipcMain: new FakeIpcMain(),
    createWindow: (options) => {
      const win = new FakeWindow(options);
      windows.push(win);
      return win;
    },
    getSession: () => session,
    safeStorage: new FakeSafeStorage(),
    shell: {
      openExternal: async (url) => {
        opened.push(url);
      },
      openPath: async (path) => {
        filesShown.push(`open:${path}`);
        return '';
      },
      showItemInFolder: (path) => {
        filesShown.push(`show:${path}`);
      },
    },
    dialog: {
      showErrorBox: (title, content) => errorBoxes.push({ title, content }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    process: new FakeProcess(env, platform),
    log: { info: record, warn: record, error: record },
    windows,
    session,
    opened,
    filesShown,
    errorBoxes,
    logged,
  };
}

export interface FakeEngine extends EngineService {
  readonly calls: Array<{ channel: ChannelName; request: unknown }>;
  closeCalls: number;
  /** Resolves the pending close(); until then close() stays pending when `holdClose` is set. */
  finishClose(): void;
  holdClose: boolean;
  emit(events: EngineEvent[]): void;
  listenerCount(): number;
}

/** An engine whose every handler records its request and answers `{ echo: request }`. */
export function fakeEngine(): FakeEngine {
  const calls: Array<{ channel: ChannelName; request: unknown }> = [];
  const listeners = new Set<(events: EngineEvent[]) => void>();
  let release: () => void = () => undefined;
  const handlers = Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      (request: unknown) => {
        calls.push({ channel, request });
        return { echo: request };
      },
    ]),
  ) as unknown as ContractHandlers;
  const engine: FakeEngine = {
    calls,
    closeCalls: 0,
    holdClose: false,
    handlers,
    onEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onPush: () => () => undefined,
    hasActiveWork: () => false,
    close() {
      engine.closeCalls += 1;
      if (!engine.holdClose) return Promise.resolve();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    finishClose: () => release(),
    emit(events) {
      for (const listener of listeners) listener(events);
    },
    listenerCount: () => listeners.size,
  };
  return engine;
}
