import { useId } from 'react';
import type { JumpHostPreflight } from '../../../../../shared/contract/wizardChannels';
import { useT, type MessageKey } from '../../../i18n';
import { endpointStatus } from '../../../lib/preflight';
import { CheckAgainActions } from './CheckAgainActions';
import { ChecksTable } from './ChecksTable';
import { HostKeyPanel } from './HostKeyPanel';
import { usePreflightStore } from './preflightStore';

const checkLabels: Record<JumpHostPreflight['checks'][number]['id'], MessageKey> = {
  reachable: 'check.reachable',
  hostKey: 'check.hostKey',
  login: 'check.login',
};

/** A jump host the plan's SSH goes through: reachable (through its Via), host key, one login. */
export function JumpHostCard({ jumpHost }: { jumpHost: JumpHostPreflight }) {
  const t = useT();
  const id = useId();
  const busy = usePreflightStore((state) => state.busy.includes(jumpHost.name) || state.status === 'checking');
  const checkJumpHost = usePreflightStore((state) => state.checkJumpHost);
  const status = endpointStatus(jumpHost);
  const hostKey = jumpHost.hostKey && !jumpHost.hostKey.trusted ? jumpHost.hostKey : null;

  return (
    <section className="panel endpoint" aria-labelledby={`${id}-title`} aria-busy={busy} data-testid="jump-host" data-jump-host={jumpHost.name} data-status={status}>
      <div className="step-heading">
        <h2 id={`${id}-title`}>
          {t('jumpHost.title', { name: jumpHost.name })}{' '}
          <small className="muted mono">
            {jumpHost.user}@{jumpHost.address}:{jumpHost.port}
            {jumpHost.via && ` · ${t('jumpHost.via', { via: jumpHost.via })}`}
          </small>
        </h2>
        <CheckAgainActions name={jumpHost.name} status={status} busy={busy} onCheck={() => void checkJumpHost(jumpHost.name)} testId="check-jump-host" />
      </div>
      {hostKey && <HostKeyPanel jumpHostName={jumpHost.name} hostKey={hostKey} />}
      <ChecksTable checks={jumpHost.checks} labels={checkLabels} />
    </section>
  );
}
