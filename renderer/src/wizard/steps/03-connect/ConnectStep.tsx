import { useEffect } from 'react';
import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useT } from '../../../i18n';
import { preflightCounts } from '../../../lib/preflight';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { StepFooter } from '../../StepFooter';
import { EndpointCard } from './EndpointCard';
import { JumpHostCard } from './JumpHostCard';
import { ConnectPasswords } from './ConnectPasswords';
import { preflightKeyOf, usePreflightStore } from './preflightStore';
import { TargetChoice } from './TargetChoice';
import './connect.css';

/** Step 3: every endpoint checked before anything is created; blockers stop a real deployment, warnings do not. */
export function ConnectStep() {
  const t = useT();
  const importId = useWorkbookStore((state) => state.importId);
  const lab = useWorkbookStore((state) => state.lab);
  const { key, status, endpoints, jumpHosts, error, checkAll, dismissError } = usePreflightStore();
  const current = key === preflightKeyOf({ importId, lab });
  // A jump host's blocker stops a real deployment like an endpoint's; a rehearsal's jump hosts are the lab's (all skipped).
  const counts = preflightCounts(current ? [...endpoints, ...jumpHosts] : []);

  // Checked once per import and target; afterwards only when asked (checks touch real endpoints).
  useEffect(() => {
    if (!current) void usePreflightStore.getState().checkAll();
  }, [current]);

  const checking = status === 'checking';
  return (
    <>
      <section className="panel" aria-labelledby="connect-title" data-testid="connect-screen" data-status={current ? status : 'stale'}>
        <div className="step-heading">
          <h1 id="connect-title">{t('connect.title')}</h1>
          <button type="button" className="button" disabled={checking} onClick={() => void checkAll()} data-testid="check-all">
            {checking ? t('connect.checking') : t('connect.checkAll')}
          </button>
        </div>
        <p className="muted">{lab ? t('connect.introLab') : t('connect.intro')}</p>
        <TargetChoice />
        {error && <ErrorNotice error={error} onDismiss={dismissError} testId="preflight-error" />}
        {current && status === 'done' && (
          <p role="status" className={counts.blockers > 0 ? 'field__error' : 'ok-text'} data-testid="preflight-summary" data-blockers={counts.blockers} data-warnings={counts.warnings}>
            {counts.blockers > 0
              ? t('connect.blocked', { blockers: counts.blockers, warnings: counts.warnings })
              : counts.warnings > 0
                ? t('connect.passedWithWarnings', { warnings: counts.warnings })
                : t('connect.passed')}
          </p>
        )}
        {checking && (
          <p role="status" className="muted" data-testid="preflight-checking">
            {t('connect.checkingLong')}
          </p>
        )}
      </section>
      <ConnectPasswords />
      {current && endpoints.map((endpoint) => <EndpointCard key={endpoint.name} endpoint={endpoint} />)}
      {current && jumpHosts.map((jumpHost) => <JumpHostCard key={jumpHost.name} jumpHost={jumpHost} />)}
      <StepFooter step="connect" />
    </>
  );
}
