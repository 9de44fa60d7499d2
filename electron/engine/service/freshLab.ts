import type { LabMode, RunSource } from '../../../shared/contract/channels';
import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { isLabEnvironment, labEnvironmentPrefix } from '../../../shared/runModel';
import type { RunStore } from '../store';
import type { LabController } from './types';

/** Runs in these states still count on what the lab holds (an interrupted one resumes into it). */
const holdingStates = ['pending', 'running', 'paused', 'interrupted', 'rolling_back'] as const;

/** Whether this start resets the lab; a lab mode on anything but a rehearsal is a caller's mistake. */
export function startsFreshLab(source: RunSource, labMode: LabMode | undefined): boolean {
  const rehearsal = source.kind === 'workbook' && source.lab;
  if (!rehearsal && labMode !== undefined) {
    fail('invalid_request', text(source.kind === 'demo' ? 'service.lab.modeDemo' : 'service.lab.modeReal', { mode: labMode }), {
      hint: text('service.lab.modeHint'),
    });
  }
  return rehearsal && labMode !== 'continue';
}

/**
 * Gives a rehearsal a fresh lab: nothing an earlier rehearsal made is left
 * for its checks to find. The VMIDs reserved in lab environments name VMs
 * that are gone with it, so they go too. Refused while a lab run is active:
 * its VMs would vanish under it.
 */
export async function resetLabForRehearsal(store: RunStore, lab: LabController | undefined): Promise<void> {
  if (!lab) fail('unsupported', text('service.lab.noneToRehearse'));
  const busy = store.listRuns({ limit: 1000, states: [...holdingStates] }).find((run) => isLabEnvironment(run.environment));
  if (busy) {
    fail('run_active', text('service.lab.busy', { run: busy.id, state: text(`state.${busy.state}`) }), {
      hint: text(busy.state === 'interrupted' ? 'service.lab.busyInterruptedHint' : 'error.run.activeHint'),
    });
  }
  await lab.reset();
  store.releaseReservationsOfEnvironments(labEnvironmentPrefix);
}
