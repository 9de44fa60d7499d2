// Loaded with `node -r` before dist-electron/main.cjs: answers require('electron')
// with stand-ins and drives the bundled shell through start, IPC and quit,
// printing what happened as `SMOKE {json}` lines for bundle.test.ts.
'use strict';
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const { pathToFileURL } = require('node:url');

const report = (kind, value) => process.stdout.write(`SMOKE ${JSON.stringify({ kind, value })}\n`);
const handlers = new Map();

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  enableSandbox: () => undefined,
  whenReady: () => Promise.resolve(),
  getPath: () => '/nonexistent/userData',
  setPath: (name, value) => report('setPath', { name, value }),
  getVersion: () => '0.0.0-smoke',
  exit: (code) => {
    report('exit', code);
    process.exit(code);
  },
  // Like Electron: before-quit first; quitting happens only if nobody prevented it.
  quit: () => {
    let prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    report('quit', { prevented });
    if (!prevented) process.exit(0);
  },
});

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    report('window', options.webPreferences);
    this.webContents = Object.assign(new EventEmitter(), {
      id: 7,
      mainFrame: { url: 'about:blank', parent: null },
      send: (channel) => report('send', channel),
      isDestroyed: () => false,
      setWindowOpenHandler: () => undefined,
    });
  }
  loadFile(file) {
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    report('loadFile', file);
    setImmediate(() => drive(this).catch((error) => report('error', String(error))));
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() { return false; }
  isDestroyed() { return false; }
}

async function drive(win) {
  const fromWindow = { sender: { id: win.webContents.id }, senderFrame: win.webContents.mainFrame };
  const call = (channel, payload, event = fromWindow) => handlers.get(channel)(event, payload);
  report('channels', [...handlers.keys()]);
  report('app:info', await call('app:info', {}));
  report('malformed', await call('run:get', { runId: 5 }));
  report('foreign', await call('app:info', {}, { sender: { id: 8 }, senderFrame: { url: 'https://evil.example/', parent: null } }));
  app.quit();
}

const electron = {
  app,
  BrowserWindow,
  ipcMain: { handle: (channel, fn) => handlers.set(channel, fn), removeHandler: (channel) => handlers.delete(channel) },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: () => report('csp', true) },
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
    },
  },
  safeStorage: {
    isAsyncEncryptionAvailable: async () => false,
    encryptStringAsync: async () => Buffer.alloc(0),
    decryptStringAsync: async () => ({ result: '', shouldReEncrypt: false }),
    getSelectedStorageBackend: () => 'basic_text',
  },
  shell: { openExternal: async () => undefined },
  dialog: { showErrorBox: (title, content) => report('errorBox', { title, content }) },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
