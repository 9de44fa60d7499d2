import { rollbackFromStates, type RunState } from '../../../../shared/runModel';
import { useT } from '../../i18n';
import { useRollbackStore } from './rollbackStore';

/** "Roll back" for a run a rollback can start on (failed, cancelled, interrupted, or an incomplete rollback); nothing otherwise. */
export function RollbackButton({ runId, state, disabled = false, small = false }: { runId: string; state: RunState; disabled?: boolean; small?: boolean }) {
  const t = useT();
  const phase = useRollbackStore((store) => store.prompt.phase);
  const ask = useRollbackStore((store) => store.ask);
  if (!rollbackFromStates.has(state)) return null;
  const again = state === 'rollback_failed';
  return (
    <button
      type="button"
      className={`button button--danger${small ? ' button--small' : ''}`}
      disabled={disabled || phase === 'loading' || phase === 'rolling'}
      aria-label={t(again ? 'rollback.againLabel' : 'rollback.actionLabel', { id: runId })}
      onClick={() => void ask(runId)}
      data-testid="run-rollback"
    >
      {t(again ? 'rollback.again' : 'rollback.action')}
    </button>
  );
}
