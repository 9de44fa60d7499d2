import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preloadApi';

// Sandboxed preload, bundled to dist-electron/preload.cjs: it may require 'electron' and nothing else.
contextBridge.exposeInMainWorld('rackpilot', createPreloadApi(ipcRenderer));
