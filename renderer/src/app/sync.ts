import { subscribe } from '../api/client';
import { useAppInfoStore } from '../features/appInfo/appInfoStore';
import { useHistoryStore } from '../features/history/historyStore';
import { announceFinishedRuns } from '../features/runs/runNotifier';
import { runSession } from '../features/runs/runSession';
import { useSettingsStore } from '../features/settings/settingsStore';
import { useWorkbookStore } from '../features/workbook/workbookStore';
import { useLanguageStore } from '../i18n';
import { useStartStore } from '../wizard/steps/01-start/startStore';
import { useConnectionStore } from './connectionStore';

/** Lists on screen are refreshed when a run changes state, at most this often. */
const listRefreshMs = 500;

/**
 * Routes the engine's push events to the stores and loads what every screen
 * needs (host facts, settings, the workbook the last window had open).
 * Started once by main.tsx; returns the function that stops it.
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
    if (events.some((event) => event.type === 'run.state')) {
      refreshListsSoon();
      announceFinishedRuns(events);
    }
  });

  const stopChanges = subscribe('plan:changed', ({ path }) => useWorkbookStore.getState().noteChanged(path));

  const stopConnection = subscribe('app:connection', ({ connected }) => {
    useConnectionStore.setState({ connected });
    if (!connected) return;
    // Events sent while we were away are lost: refetch everything on screen.
    void runSession.resync();
    refreshLoadedLists();
    // The host may have restarted and forgotten the watch.
    const { path, status } = useWorkbookStore.getState();
    if (path && status === 'imported') void useWorkbookStore.getState().reimport();
  });

  // Findings come back in the UI's language: read the workbook again when it changes.
  const stopLanguage = useLanguageStore.subscribe((state, previous) => {
    if (state.language !== previous.language) void useWorkbookStore.getState().relocalize();
  });

  void useAppInfoStore.getState().load();
  void useSettingsStore
    .getState()
    .load()
    .then(() => useWorkbookStore.getState().restore());

  return () => {
    stopEvents();
    stopChanges();
    stopConnection();
    stopLanguage();
    if (listTimer) clearTimeout(listTimer);
  };
}

function refreshLoadedLists(): void {
  if (useStartStore.getState().loaded) void useStartStore.getState().load();
  if (useHistoryStore.getState().loaded) void useHistoryStore.getState().load();
}
