import { subscribe } from '../api/client';
import { useHistoryStore } from '../features/history/historyStore';
import { runSession } from '../features/runs/runSession';
import { useStartStore } from '../features/start/startStore';
import { useConnectionStore } from './connectionStore';

/** Lists on screen are refreshed when a run changes state, at most this often. */
const listRefreshMs = 500;

/**
 * Routes the engine's push events to the stores. Started once by main.tsx;
 * returns the function that stops it.
 */
export function startSync(): () => void {
  let listTimer: ReturnType<typeof setTimeout> | null = null;
  const refreshListsSoon = () => {
    listTimer ??= setTimeout(() => {
      listTimer = null;
      refreshLoadedLists();
    }, listRefreshMs);
  };

  const stopEvents = subscribe('run:events', ({ events }) => {
    runSession.receive(events);
    if (events.some((event) => event.type === 'run.state')) refreshListsSoon();
  });

  const stopConnection = subscribe('app:connection', ({ connected }) => {
    useConnectionStore.setState({ connected });
    if (!connected) return;
    // Events sent while we were away are lost: refetch everything on screen.
    void runSession.resync();
    refreshLoadedLists();
  });

  return () => {
    stopEvents();
    stopConnection();
    if (listTimer) clearTimeout(listTimer);
  };
}

function refreshLoadedLists(): void {
  if (useStartStore.getState().loaded) void useStartStore.getState().load();
  if (useHistoryStore.getState().loaded) void useHistoryStore.getState().load();
}
