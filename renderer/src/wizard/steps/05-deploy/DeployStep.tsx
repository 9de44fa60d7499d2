import { RunScreen } from '../../../features/runs/RunScreen';
import { StepFooter } from '../../StepFooter';

/**
 * Step 5: the run as it happens (progress, targets, steps, the live log,
 * and the commands). Everything comes from the engine, so closing the
 * window and coming back shows the same; the end is announced (runNotifier).
 */
export function DeployStep({ runId }: { runId: string }) {
  return (
    <>
      <RunScreen runId={runId} />
      <StepFooter step="deploy" />
    </>
  );
}
