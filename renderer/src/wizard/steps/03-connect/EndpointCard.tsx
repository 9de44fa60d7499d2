import { useId } from 'react';
import type { EndpointPreflight } from '../../../../../shared/contract/wizardChannels';
import { useT, type MessageKey } from '../../../i18n';
import { certificateToTrust, endpointStatus } from '../../../lib/preflight';
import { CertificatePanel } from './CertificatePanel';
import { CheckAgainActions } from './CheckAgainActions';
import { ChecksTable } from './ChecksTable';
import { NodeCapacity } from './NodeCapacity';
import { usePreflightStore } from './preflightStore';

const checkLabels: Record<EndpointPreflight['checks'][number]['id'], MessageKey> = {
  reachable: 'check.reachable',
  tls: 'check.tls',
  login: 'check.login',
  version: 'check.version',
  capacity: 'check.capacity',
  templates: 'check.templates',
  storages: 'check.storages',
  placement: 'check.placement',
  ips: 'check.ips',
};

export function EndpointCard({ endpoint }: { endpoint: EndpointPreflight }) {
  const t = useT();
  const id = useId();
  const busy = usePreflightStore((state) => state.busy.includes(endpoint.name) || state.status === 'checking');
  const checkEndpoint = usePreflightStore((state) => state.checkEndpoint);
  const status = endpointStatus(endpoint);
  const certificate = certificateToTrust(endpoint);

  return (
    <section className="panel endpoint" aria-labelledby={`${id}-title`} aria-busy={busy} data-testid="endpoint" data-endpoint={endpoint.name} data-status={status}>
      <div className="step-heading">
        <h2 id={`${id}-title`}>
          {endpoint.name} <small className="muted mono">{endpoint.kind} · {endpoint.url}</small>
        </h2>
        <CheckAgainActions name={endpoint.name} status={status} busy={busy} onCheck={() => void checkEndpoint(endpoint.name)} testId="check-endpoint" />
      </div>
      {endpoint.version && <p className="muted">{t('connect.version', { version: endpoint.version })}</p>}
      {certificate && <CertificatePanel endpointName={endpoint.name} certificate={certificate} />}
      <ChecksTable checks={endpoint.checks} labels={checkLabels} />
      {endpoint.nodes.length > 0 && <NodeCapacity nodes={endpoint.nodes} />}
    </section>
  );
}
