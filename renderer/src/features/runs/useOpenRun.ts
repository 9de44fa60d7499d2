import { useEffect } from 'react';
import { runSession } from './runSession';
import { useRunStore, type RunStatus } from './runStore';

/** Loads `runId` into the run store unless it is already there and live; the deploy and report steps share it. */
export function useOpenRun(runId: string): RunStatus {
  useEffect(() => {
    // Coming back to the run already open keeps it (and its log) as it is: events kept it current.
    const current = useRunStore.getState();
    if (current.runId !== runId || current.status === 'error' || current.status === 'idle') void runSession.open(runId);
  }, [runId]);
  return useRunStore((state) => (state.runId === runId ? state.status : 'idle'));
}
