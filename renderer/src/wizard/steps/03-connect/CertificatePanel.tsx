import { useId, type ReactNode } from 'react';
import type { Certificate } from '../../../../../shared/contract/wizardChannels';
import { useT } from '../../../i18n';
import { fingerprintLines } from '../../../lib/preflight';
import { usePreflightStore } from './preflightStore';
import { ReplacePinForm } from './ReplacePinForm';

/**
 * A certificate the endpoint is blocked on, by its trust state:
 * - unknown: shown so the user can compare its fingerprint with the endpoint's
 *   console; trusting pins it (and checks the endpoint again).
 * - changed: another fingerprint is pinned for host:port. Old and new are shown
 *   and there is no Trust button: only the deliberate replace, confirmed by typing.
 * - unexpected: not the fingerprint the workbook names; only a corrected workbook helps.
 */
export function CertificatePanel({ endpointName, certificate }: { endpointName: string; certificate: Certificate }) {
  const t = useT();
  const id = useId();
  const rejected = usePreflightStore((state) => state.rejected.includes(certificate.fingerprint));
  const replacePin = usePreflightStore((state) => state.replacePin);
  const host = `${certificate.host}:${certificate.port}`;
  const { trust } = certificate;
  const title =
    trust.status === 'changed' ? t('cert.changedTitle', { host }) : trust.status === 'unexpected' ? t('cert.unexpectedTitle', { host }) : t('cert.title', { host });
  const explain = explanationOf(t, certificate, rejected);

  return (
    <div
      className={`certificate certificate--${trust.status}`}
      role="group"
      aria-labelledby={`${id}-title`}
      data-testid="certificate"
      data-trust={trust.status}
      data-fingerprint={certificate.fingerprint}
      data-rejected={rejected}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <p>{explain}</p>
      <dl className="certificate__facts">
        <dt>{t('cert.subject')}</dt>
        <dd className="mono">{certificate.subject}</dd>
        <dt>{t('cert.issuer')}</dt>
        <dd className="mono">
          {certificate.issuer}
          {certificate.caValid && <small className="hint-text">{t('cert.caValid')}</small>}
        </dd>
        <dt>{t('cert.valid')}</dt>
        <dd>{t('cert.validRange', { from: certificate.validFrom, to: certificate.validTo })}</dd>
        {trust.status === 'changed' && <Fingerprints label={t('cert.pinnedFingerprint')} prints={trust.pinned} testId="pinned-fingerprint" />}
        {trust.status === 'unexpected' && <Fingerprints label={t('cert.expectedFingerprint')} prints={trust.expected} testId="expected-fingerprint" />}
        <Fingerprints label={trust.status === 'unknown' ? t('cert.fingerprint') : t('cert.presentedFingerprint')} prints={[certificate.fingerprint]} testId="fingerprint" />
        {certificate.services && (
          <>
            <dt>{t('cert.presentedBy')}</dt>
            <dd data-testid="cert-services">
              <ul className="certificate__services">
                {certificate.services.map((service) => (
                  <li key={`${service.host}:${service.port}`}>{t('cert.presentedByService', { service: service.service, host: `${service.host}:${service.port}` })}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {certificate.sha1Fingerprint && <Fingerprints label={t('cert.sha1Fingerprint')} prints={[certificate.sha1Fingerprint]} testId="sha1-fingerprint" />}
      </dl>
      {trust.status === 'unknown' && !rejected && <TrustActions endpointName={endpointName} />}
      {trust.status === 'changed' && (
        <ReplacePinForm
          name={endpointName}
          pinned={certificate}
          openLabel={t('cert.replaceOpenNamed', { name: endpointName })}
          replace={(confirmation) => replacePin(endpointName, confirmation)}
        />
      )}
    </div>
  );
}

/** What the panel says under its title: why it is shown and what trusting would do. */
function explanationOf(t: ReturnType<typeof useT>, certificate: Certificate, rejected: boolean): string {
  if (certificate.trust.status === 'changed') return t('cert.changedExplain');
  if (certificate.trust.status === 'unexpected') return t('cert.unexpectedExplain');
  if (rejected) return t('cert.rejected');
  // Several services presented it (OpenStack's catalog): the login already worked, and one Trust covers them all.
  return certificate.services ? t('cert.servicesExplain') : t('cert.explain');
}

export function Fingerprints({ label, prints, testId }: { label: string; prints: string[]; testId: string }): ReactNode {
  return (
    <>
      <dt>{label}</dt>
      {prints.map((print) => (
        <dd key={print} className="mono certificate__fingerprint" data-testid={testId}>
          {fingerprintLines(print).map((line) => (
            <span key={line}>{line}</span>
          ))}
        </dd>
      ))}
    </>
  );
}

function TrustActions({ endpointName }: { endpointName: string }) {
  const t = useT();
  const busy = usePreflightStore((state) => state.busy.includes(endpointName));
  const trust = usePreflightStore((state) => state.trust);
  const reject = usePreflightStore((state) => state.reject);
  return (
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
  );
}
