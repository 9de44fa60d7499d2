import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import type { RackpilotApi } from '../shared/contract/api';

/*
 * The desktop app itself: the real main process, preload and renderer in a
 * real Electron. Skipped where no Electron binary is installed (as on the
 * offline build machines); the web-host specs cover the UI there.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// The lookup of scripts/start.mjs: `require('electron')` would try to download a missing binary.
function findElectron(): string | null {
  const fromEnv = process.env.ELECTRON_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(root, 'node_modules/electron/dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const electronPath = findElectron();
const hasElectron = electronPath !== null;

// What the page's global looks like from this (DOM-less) tsconfig.
type PageWindow = {
  rackpilot?: RackpilotApi;
  require?: unknown;
  process?: unknown;
  module?: unknown;
  open(url: string, target: string): unknown;
  location: { href: string };
};

test.describe.configure({ mode: 'serial' });
test.skip(!hasElectron, 'Electron binary not installed here; the web-host specs cover the UI');

let app: ElectronApplication;
let page: Page;
let home: string;

test.beforeAll(async () => {
  if (!existsSync(join(root, 'dist-renderer/index.html'))) throw new Error('dist-renderer/ is missing: run `npm run build:renderer` first.');
  // @ts-expect-error: a plain .mjs script without type declarations
  const { buildElectron } = (await import('../scripts/buildElectron.mjs')) as { buildElectron(): Promise<unknown> };
  await buildElectron();
  home = mkdtempSync(join(tmpdir(), 'rackpilot-electron-e2e-'));
  app = await _electron.launch({
    executablePath: electronPath ?? undefined,
    // The project dir, so Electron reads package.json (name, version, main) as in `npm start`.
    args: [root],
    env: { ...(process.env as Record<string, string>), RACKPILOT_HOME: home },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  // Goes through the app's own quit: the engine closes before the process exits.
  await app?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

test('opens one window on the bundled renderer', async () => {
  expect(app.windows()).toHaveLength(1);
  expect(page.url()).toMatch(/^file:\/\/.*\/dist-renderer\/index\.html/);
});

test('exposes window.rackpilot with invoke and on, and no Node to the page', async () => {
  const shape = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return {
      keys: Object.keys(w.rackpilot ?? {}).sort(),
      invoke: typeof w.rackpilot?.invoke,
      on: typeof w.rackpilot?.on,
      require: typeof w.require,
      process: typeof w.process,
      module: typeof w.module,
    };
  });
  expect(shape).toEqual({ keys: ['invoke', 'on'], invoke: 'function', on: 'function', require: 'undefined', process: 'undefined', module: 'undefined' });
});

test('answers app:info from the engine as the electron host', async () => {
  const reply = await page.evaluate(() => (globalThis as unknown as Required<PageWindow>).rackpilot.invoke('app:info', {}));
  expect(reply).toEqual({ ok: true, value: expect.objectContaining({ host: 'electron', dataDir: home }) });
});

test('refuses channels outside the contract and malformed requests', async () => {
  const replies = await page.evaluate(async () => {
    const api = (globalThis as unknown as { rackpilot: { invoke(channel: string, request: unknown): Promise<unknown> } }).rackpilot;
    return [await api.invoke('fs:read', { path: '/etc/passwd' }), await api.invoke('run:get', { runId: 42 })];
  });
  expect(replies).toMatchObject([
    { ok: false, error: { code: 'unknown_channel' } },
    { ok: false, error: { code: 'invalid_request' } },
  ]);
});

test('stays on its page: no navigation away and no new windows', async () => {
  const before = page.url();
  const opened = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow & { marker?: string };
    w.marker = 'same document';
    // Not an http(s) link: those would be handed to the system browser.
    const child = w.open('file:///etc/hostname', '_blank');
    w.location.href = 'file:///etc/hostname';
    return child === null;
  });
  // Give a navigation that slipped through the time to commit; the marker proves the document survived.
  await page.waitForTimeout(500);
  expect(opened).toBe(true);
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => (globalThis as unknown as { marker?: string }).marker)).toBe('same document');
  expect(app.windows()).toHaveLength(1);
});
