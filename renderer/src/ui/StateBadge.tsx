import type { RunState, StepState } from '../../../shared/runModel';
import { useT } from '../i18n';
import './stateBadge.css';

/* A shape per state as well as a colour, so the state reads without colour vision. */
const symbols: Record<RunState | StepState, string> = {
  pending: '○',
  ready: '○',
  running: '▶',
  retrying: '↻',
  paused: '❚❚',
  succeeded: '✓',
  adopted: '●',
  skipped: '↷',
  failed: '✕',
  cancelled: '■',
  interrupted: '!',
  rolling_back: '↶',
  rolled_back: '⟲',
  rollback_failed: '⚠',
};

export function StateBadge({ state, kind }: { state: RunState | StepState; kind: 'run' | 'step' }) {
  const t = useT();
  const label = kind === 'run' ? t(`runState.${state as RunState}`) : t(`stepState.${state as StepState}`);
  return (
    <span className={`badge badge--${state}`} data-state={state}>
      <span className="badge__symbol" aria-hidden="true">
        {symbols[state]}
      </span>
      {label}
    </span>
  );
}
