import type { RackpilotApi } from '../../shared/contract/api';

declare global {
  interface Window {
    /**
     * Built by the host before the page runs: the Electron preload (IPC) or
     * the web host's bridge script (WebSocket). Missing when the page was
     * opened some other way; `api/client` turns that into a clear error.
     */
    readonly rackpilot?: RackpilotApi;
  }
}

export {};
