import { useId } from 'react';
import type { HostKey } from '../../../../../shared/contract/wizardChannels';
import { useT } from '../../../i18n';
import { Fingerprints } from './CertificatePanel';
import { usePreflightStore } from './preflightStore';
import { ReplacePinForm } from './ReplacePinForm';

/**
 * A jump host's SSH host key that blocks it, by the same trust states as a
 * certificate: unknown (Trust / Reject; nothing was logged into yet), changed
 * (old and new, no Trust button, only the typed replace), unexpected (the
 * workbook names another key; only a corrected workbook helps).
 */
export function HostKeyPanel({ jumpHostName, hostKey }: { jumpHostName: string; hostKey: HostKey }) {
  const t = useT();
  const id = useId();
  const rejected = usePreflightStore((state) => state.rejected.includes(hostKey.fingerprint));
  const busy = usePreflightStore((state) => state.busy.includes(jumpHostName));
  const { trustHostKey, rejectHostKey, replaceHostKey } = usePreflightStore();
  const host = `${hostKey.host}:${hostKey.port}`;
  const { trust } = hostKey;
  const title = trust.status === 'changed' ? t('hostKey.changedTitle', { host }) : trust.status === 'unexpected' ? t('hostKey.unexpectedTitle', { host }) : t('hostKey.title', { host });
  const explain =
    trust.status === 'changed' ? t('hostKey.changedExplain') : trust.status === 'unexpected' ? t('hostKey.unexpectedExplain') : rejected ? t('hostKey.rejected') : t('hostKey.explain');

  return (
    <div
      className={`certificate certificate--${trust.status}`}
      role="group"
      aria-labelledby={`${id}-title`}
      data-testid="host-key"
      data-trust={trust.status}
      data-fingerprint={hostKey.fingerprint}
      data-rejected={rejected}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <p>{explain}</p>
      <dl className="certificate__facts">
        <dt>{t('hostKey.keyType')}</dt>
        <dd className="mono">{hostKey.keyType}</dd>
        {trust.status === 'changed' && <Fingerprints label={t('hostKey.pinned')} prints={trust.pinned} testId="pinned-fingerprint" />}
        {trust.status === 'unexpected' && <Fingerprints label={t('hostKey.expected')} prints={trust.expected} testId="expected-fingerprint" />}
        <Fingerprints label={trust.status === 'unknown' ? t('hostKey.fingerprint') : t('hostKey.presented')} prints={[hostKey.fingerprint]} testId="fingerprint" />
      </dl>
      {trust.status === 'unknown' && !rejected && (
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void trustHostKey(jumpHostName)}
            aria-label={t('hostKey.trustNamed', { name: jumpHostName })}
            data-testid="host-key-trust"
          >
            {t('hostKey.trust')}
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => rejectHostKey(jumpHostName)}
            aria-label={t('hostKey.rejectNamed', { name: jumpHostName })}
            data-testid="host-key-reject"
          >
            {t('cert.reject')}
          </button>
        </div>
      )}
      {trust.status === 'changed' && (
        <ReplacePinForm
          name={jumpHostName}
          pinned={hostKey}
          openLabel={t('hostKey.replaceOpenNamed', { name: jumpHostName })}
          replace={(confirmation) => replaceHostKey(jumpHostName, confirmation)}
        />
      )}
    </div>
  );
}
