import { create } from 'zustand';

/** null until the transport says anything: the Electron IPC never disconnects and never reports. */
export const useConnectionStore = create<{ connected: boolean | null }>()(() => ({ connected: null }));
