import { create } from 'zustand';
import type { LogLine } from '../../../../shared/runModel';
import { LogBuffer } from '../../lib/logBuffer';
import { emptyLogFilter, type LogFilter } from '../../lib/logView';

/** Lines held in memory per run; older ones stay in the engine's store. */
export const logCap = 200_000;

interface LogState {
  runId: string | null;
  /** Mutable; `version` changes whenever its content does. */
  buffer: LogBuffer;
  version: number;
  filter: LogFilter;
  /** Keep the newest line in view; off while the user reads further up. */
  follow: boolean;
  /** Lines older than the buffer's were not fetched (the run has more than fit). */
  olderOmitted: boolean;
  reset(runId: string | null): void;
  setOlderOmitted(omitted: boolean): void;
  append(lines: readonly LogLine[]): void;
  setFilter(change: Partial<LogFilter>): void;
  setFollow(follow: boolean): void;
}

export const useLogStore = create<LogState>()((set, get) => ({
  runId: null,
  buffer: new LogBuffer(logCap),
  version: 0,
  filter: emptyLogFilter,
  follow: true,
  olderOmitted: false,
  reset(runId) {
    set({ runId, buffer: new LogBuffer(logCap), version: get().version + 1, filter: emptyLogFilter, follow: true, olderOmitted: false });
  },
  setOlderOmitted(olderOmitted) {
    set({ olderOmitted });
  },
  append(lines) {
    if (lines.length === 0) return;
    if (get().buffer.append(lines) > 0) set({ version: get().version + 1 });
  },
  setFilter(change) {
    set({ filter: { ...get().filter, ...change } });
  },
  setFollow(follow) {
    if (get().follow !== follow) set({ follow });
  },
}));
