import { useMemo } from 'react';
import type { EndpointPreflight, JumpHostPreflight } from '../../../shared/contract/wizardChannels';
import type { RunState } from '../../../shared/runModel';
import { useRunStore } from '../features/runs/runStore';
import { useWorkbookStore, type WorkbookState } from '../features/workbook/workbookStore';
import { preflightCounts } from '../lib/preflight';
import type { WizardFacts } from './steps';
import { preflightKeyOf, usePreflightStore, type PreflightStatus } from './steps/03-connect/preflightStore';

export interface FactSources {
  workbook: Pick<WorkbookState, 'status' | 'result' | 'lab' | 'importId'>;
  preflight: { key: string | null; status: PreflightStatus; endpoints: readonly EndpointPreflight[]; jumpHosts?: readonly JumpHostPreflight[] };
  run: { runId: string | null; state: RunState | null };
}

/** The stores' state as the facts the step table decides on (pure: the rules are tested in steps.test.ts, this in its own). */
export function factsOf({ workbook, preflight, run }: FactSources): WizardFacts {
  const result = workbook.result;
  const errorCount = result ? result.summary.errors + (result.plan ? 0 : 1) : 0;
  const current = preflight.key === preflightKeyOf(workbook);
  const preflightState = !current || preflight.status === 'idle' ? 'none' : preflight.status;
  return {
    workbook: workbook.status === 'empty' ? 'none' : workbook.status,
    errorCount,
    hasPlan: result?.plan != null,
    lab: workbook.lab,
    preflight: { state: preflightState, blockers: current ? preflightCounts([...preflight.endpoints, ...(preflight.jumpHosts ?? [])]).blockers : 0 },
    run: run.runId ? { id: run.runId, state: run.state ?? 'pending' } : null,
  };
}

export function useWizardFacts(): WizardFacts {
  const status = useWorkbookStore((state) => state.status);
  const result = useWorkbookStore((state) => state.result);
  const lab = useWorkbookStore((state) => state.lab);
  const importId = useWorkbookStore((state) => state.importId);
  const preflightKey = usePreflightStore((state) => state.key);
  const preflightStatus = usePreflightStore((state) => state.status);
  const endpoints = usePreflightStore((state) => state.endpoints);
  const jumpHosts = usePreflightStore((state) => state.jumpHosts);
  const runId = useRunStore((state) => state.runId);
  const runState = useRunStore((state) => state.snapshot?.state ?? null);
  return useMemo(
    () =>
      factsOf({
        workbook: { status, result, lab, importId },
        preflight: { key: preflightKey, status: preflightStatus, endpoints, jumpHosts },
        run: { runId, state: runState },
      }),
    [status, result, lab, importId, preflightKey, preflightStatus, endpoints, jumpHosts, runId, runState],
  );
}
