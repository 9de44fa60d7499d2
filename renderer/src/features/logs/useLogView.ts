import { useDeferredValue, useMemo } from 'react';
import { LogView } from '../../lib/logView';
import { useRunStore } from '../runs/runStore';
import { useLogStore } from './logStore';
import { useEngineWords } from '../../i18n';

/**
 * The filtered log as a LogView plus a version that changes whenever what
 * it shows does. The filter is deferred: typing in the search box stays
 * responsive while a 200k-line rescan renders in the background.
 */
export function useLogView(): { view: LogView; version: number } {
  const buffer = useLogStore((state) => state.buffer);
  const version = useLogStore((state) => state.version);
  const filter = useDeferredValue(useLogStore((state) => state.filter));
  const stepTargets = useRunStore((state) => state.stepTargets);
  const words = useEngineWords();
  const view = useMemo(() => new LogView(buffer, filter, stepTargets, words.logText), [buffer, filter, stepTargets, words]);
  // Catching up is idempotent (it only scans lines it has not seen), so it may run during render.
  useMemo(() => view.refresh(), [view, version]);
  return { view, version };
}
