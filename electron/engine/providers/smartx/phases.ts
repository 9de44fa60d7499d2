import type { Progress } from '../../../../shared/runModel';

/** Reports which of a step's phases runs now (`progress.phase`, raw ids the renderer names) and the step's fraction across them. */
export function phaseReporter(progress: (progress: Progress) => void, phases: readonly string[]) {
  const share = 1 / phases.length;
  return (phase: string, fraction = 0, extra: Omit<Progress, 'phase' | 'phaseIndex' | 'phaseCount' | 'fraction'> = {}): void => {
    const phaseIndex = Math.max(0, phases.indexOf(phase));
    progress({ ...extra, phase, phaseIndex, phaseCount: phases.length, fraction: Math.min(1, phaseIndex * share + Math.max(0, Math.min(1, fraction)) * share) });
  };
}
