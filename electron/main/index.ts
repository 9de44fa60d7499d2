import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import { createEngineService } from '../engine/service/engineService';
import { createLabController } from '../hostShared/lab/labController';
import type { ElectronDeps } from './deps';
import { startShell } from './shell';

/*
 * The Electron entry, bundled to dist-electron/main.cjs. Everything with a
 * decision in it lives in the modules it wires; this file only hands them
 * the real Electron objects (and the compiler checks those fit).
 */
const deps: ElectronDeps = {
  app,
  ipcMain,
  createWindow: (options) => new BrowserWindow(options),
  getSession: () => session.defaultSession,
  safeStorage,
  shell,
  dialog,
  process,
  log: {
    info: (message) => console.log(`[rackpilot] ${message}`),
    warn: (message) => console.warn(`[rackpilot] ${message}`),
    error: (message) => console.error(`[rackpilot] ${message}`),
  },
};

startShell(deps, { mainDir: __dirname, createEngine: createEngineService, createLab: () => createLabController({ vsphere: { resourcesPath: process.resourcesPath } }) });
