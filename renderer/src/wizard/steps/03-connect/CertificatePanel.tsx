import { useId } from 'react';
import type { Certificate } from '../../../../../shared/contract/wizardChannels';
import { useT } from '../../../i18n';
import { fingerprintLines } from '../../../lib/preflight';
import { usePreflightStore } from './preflightStore';

/**
 * An unknown certificate, shown so the user can compare its fingerprint with
 * the one the endpoint's console shows before trusting it. Trusting pins it
 * (and checks the endpoint again); rejecting leaves the endpoint blocked.
 */
export function CertificatePanel({ endpointName, certificate }: { endpointName: string; certificate: Certificate }) {
  const t = useT();
  const id = useId();
  const rejected = usePreflightStore((state) => state.rejected.includes(certificate.fingerprint));
  const busy = usePreflightStore((state) => state.busy.includes(endpointName));
  const trust = usePreflightStore((state) => state.trust);
  const reject = usePreflightStore((state) => state.reject);

  return (
    <div className="certificate" role="group" aria-labelledby={`${id}-title`} data-testid="certificate" data-fingerprint={certificate.fingerprint} data-rejected={rejected}>
      <h3 id={`${id}-title`}>{t('cert.title', { host: `${certificate.host}:${certificate.port}` })}</h3>
      <p>{rejected ? t('cert.rejected') : t('cert.explain')}</p>
      <dl className="certificate__facts">
        <dt>{t('cert.subject')}</dt>
        <dd className="mono">{certificate.subject}</dd>
        <dt>{t('cert.issuer')}</dt>
        <dd className="mono">{certificate.issuer}</dd>
        <dt>{t('cert.valid')}</dt>
        <dd>{t('cert.validRange', { from: certificate.validFrom, to: certificate.validTo })}</dd>
        <dt>{t('cert.fingerprint')}</dt>
        <dd className="mono certificate__fingerprint" data-testid="fingerprint">
          {fingerprintLines(certificate.fingerprint).map((line) => (
            <span key={line}>{line}</span>
          ))}
        </dd>
      </dl>
      {!rejected && (
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void trust(endpointName)}
            aria-label={t('cert.trustNamed', { name: endpointName })}
            data-testid="cert-trust"
          >
            {t('cert.trust')}
          </button>
          <button type="button" className="button button--danger" disabled={busy} onClick={() => reject(endpointName)} aria-label={t('cert.rejectNamed', { name: endpointName })} data-testid="cert-reject">
            {t('cert.reject')}
          </button>
        </div>
      )}
    </div>
  );
}
