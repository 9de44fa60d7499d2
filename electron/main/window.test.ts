import { describe, expect, it } from 'vitest';
import { FakePreventable, FakeWindow } from './fakeElectron';
import { externalLink, isAppPage } from './navigation';
import { focusWindow, mainWindowOptions, openMainWindow } from './window';

const paths = {
  preload: '/app/dist-electron/preload.cjs',
  icon: '/app/assets/icon.png',
  rendererIndex: '/app/dist renderer/index.html',
};

function open(loadResult: Promise<void> = Promise.resolve()) {
  const opened: string[] = [];
  const failures: string[] = [];
  let win: FakeWindow | undefined;
  openMainWindow({
    createWindow: (options) => {
      win = new FakeWindow(options);
      win.loadResult = loadResult;
      return win;
    },
    paths,
    isPackaged: true,
    openExternal: async (url) => {
      opened.push(url);
    },
    log: () => undefined,
    onLoadFailed: (message) => failures.push(message),
    platform: 'linux',
  });
  if (!win) throw new Error('no window created');
  return { win, opened, failures };
}

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer with our preload', () => {
    const prefs = mainWindowOptions(paths, true).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('offers dev tools only outside a packaged build', () => {
    expect(mainWindowOptions(paths, true).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions(paths, false).webPreferences?.devTools).toBe(true);
  });
});

describe('openMainWindow', () => {
  it('loads the renderer from disk and shows the window once it is ready', () => {
    const { win } = open();
    expect(win.loaded).toEqual(['/app/dist renderer/index.html']);
    expect(win.shown).toBe(0);
    win.emit('ready-to-show');
    expect(win.shown).toBe(1);
  });

  it('reports a renderer that cannot be loaded', async () => {
    const { failures } = open(Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6)')));
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toEqual([expect.stringContaining('ERR_FILE_NOT_FOUND')]);
  });

  it('lets the page navigate to itself only', () => {
    const { win, opened } = open();
    const self = new FakePreventable();
    win.webContents.emit('will-navigate', self, 'file:///app/dist%20renderer/index.html#/runs');
    expect(self.prevented).toBe(false);
    for (const url of ['file:///etc/passwd', 'https://example.com/', 'javascript:alert(1)', 'not a url']) {
      const event = new FakePreventable();
      win.webContents.emit('will-navigate', event, url);
      expect(event.prevented, url).toBe(true);
    }
    // The web link goes to the system browser; the rest nowhere.
    expect(opened).toEqual(['https://example.com/']);
  });

  it('blocks redirects away from the page and <webview> tags', () => {
    const { win } = open();
    const redirect = new FakePreventable();
    win.webContents.emit('will-redirect', redirect, 'https://example.com/');
    const webview = new FakePreventable();
    win.webContents.emit('will-attach-webview', webview);
    expect(redirect.prevented).toBe(true);
    expect(webview.prevented).toBe(true);
  });

  it('denies every new window, handing only http(s) links to the system browser', () => {
    const { win, opened } = open();
    const handler = win.webContents.openHandler;
    if (!handler) throw new Error('no window-open handler');
    for (const url of ['https://docs.example/guide', 'http://10.0.0.1:8006/', 'file:///etc/passwd', 'smb://share/x', 'javascript:1']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://docs.example/guide', 'http://10.0.0.1:8006/']);
  });
});

describe('focusWindow', () => {
  it('restores a minimised window and brings it forward', () => {
    const win = new FakeWindow({});
    win.minimized = true;
    focusWindow(win);
    expect([win.restored, win.shown, win.focused]).toEqual([1, 1, 1]);
  });
});

describe('isAppPage / externalLink', () => {
  it('matches the index file only, on its platform rules', () => {
    expect(isAppPage('file:///app/index.html?a=1#x', '/app/index.html', 'linux')).toBe(true);
    expect(isAppPage('file:///APP/index.html', '/app/index.html', 'linux')).toBe(false);
    expect(isAppPage('file://remote-host/app/index.html', '/app/index.html', 'linux')).toBe(false);
    expect(isAppPage('file:///app/other.html', '/app/index.html', 'linux')).toBe(false);
    expect(isAppPage('file:///app/%E0%A4%A.html', '/app/index.html', 'linux')).toBe(false);
  });

  it('passes only http and https', () => {
    expect(externalLink('HTTPS://Example.com/a b')).toBe('https://example.com/a%20b');
    expect(externalLink('mailto:x@example.com')).toBeNull();
    expect(externalLink('file:///etc/passwd')).toBeNull();
  });
});
