import { useEffect, useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../../../shared/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useTrustStore } from './trustStore';

export function TrustedFingerprints() {
  const t = useT();
  const locale = useLocale();
  const { pins, loaded, error, revoking, load, revoke } = useTrustStore();
  const [asking, setAsking] = useState<{ id: number; host: string } | null>(null);

  useEffect(() => {
    void useTrustStore.getState().load();
  }, []);

  return (
    <section className="panel" aria-labelledby="trust-title" data-testid="trusted-fingerprints">
      <div className="step-heading">
        <h2 id="trust-title">{t('trust.title')}</h2>
        <button type="button" className="button button--small" onClick={() => void load()}>
          {t('common.refresh')}
        </button>
      </div>
      <p className="muted">{t('trust.intro')}</p>
      {error && <ErrorNotice error={error} />}
      {loaded && pins.length === 0 && !error && <p className="muted">{t('trust.empty')}</p>}
      {pins.length > 0 && (
        <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="trust-title">
          <table className="table" data-testid="trust-table">
            <thead>
              <tr>
                <th scope="col">{t('trust.host')}</th>
                <th scope="col">{t('trust.kind')}</th>
                <th scope="col">{t('trust.fingerprint')}</th>
                <th scope="col">{t('trust.added')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pins.map((pin) => (
                <tr key={pin.id} data-testid="trust-pin" data-host={pin.host} data-port={pin.port} data-fingerprint={pin.fingerprint}>
                  <th scope="row">
                    {pin.host}:{pin.port}
                    {pin.subject && <small className="hint-text">{pin.subject}</small>}
                  </th>
                  <td>{pin.kind === 'tls' ? t('trust.tls') : t('trust.ssh')}</td>
                  <td className="mono trust__fingerprint">{pin.fingerprint}</td>
                  <td className="nowrap">{formatDateTime(pin.createdAt, locale)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small button--danger"
                      disabled={revoking !== null}
                      onClick={() => setAsking({ id: pin.id, host: `${pin.host}:${pin.port}` })}
                      aria-label={t('trust.revokeNamed', { host: `${pin.host}:${pin.port}` })}
                      data-testid="trust-revoke"
                    >
                      {t('trust.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={t('trust.revokeTitle', { host: asking?.host ?? '' })}
        body={t('trust.revokeBody')}
        confirmLabel={t('trust.revoke')}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          const id = asking?.id;
          setAsking(null);
          if (id !== undefined) void revoke(id);
        }}
        testId="confirm-revoke"
      />
    </section>
  );
}
