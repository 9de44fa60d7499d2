import { formatDateTime } from '../../../../shared/format';
import type { TrustEvent } from '../../../../shared/contract/wizardChannels';
import { useLocale, useT } from '../../i18n';
import { useTrustStore } from './trustStore';

/** The start and the end of a fingerprint (for SHA-256 hex, the last four digits "Replace the pin" asks for): enough to tell two apart at a glance. */
export function abbreviateFingerprint(print: string): string {
  return print.length <= 17 ? print : `${print.slice(0, 8)}…${print.slice(-5)}`;
}

/** Shown short; the full fingerprint is the hover title and what a screen reader reads. */
function Fingerprint({ print }: { print: string }) {
  return (
    <span className="mono" title={print} data-testid="trust-event-fingerprint">
      <span aria-hidden="true">{abbreviateFingerprint(print)}</span>
      <span className="visually-hidden">{print}</span>
    </span>
  );
}

function Change({ event }: { event: TrustEvent }) {
  const t = useT();
  return (
    <>
      {event.removed.map((print, index) => (
        <span key={print}>
          {index > 0 && ', '}
          <Fingerprint print={print} />
        </span>
      ))}
      {event.removed.length > 0 && event.added && (
        <>
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden"> {t('trustHistory.replacedBy')} </span>
        </>
      )}
      {event.added && <Fingerprint print={event.added} />}
    </>
  );
}

/** The store's trail of pins added, revoked and replaced (migration 004), newest first. */
export function TrustHistory() {
  const t = useT();
  const locale = useLocale();
  const { events, loaded } = useTrustStore();

  return (
    <section className="panel" aria-labelledby="trust-history-title" data-testid="trust-history">
      <h2 id="trust-history-title">{t('trustHistory.title')}</h2>
      {loaded && events.length === 0 && <p className="muted">{t('trustHistory.empty')}</p>}
      {events.length > 0 && (
        <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="trust-history-title">
          <table className="table trust-history">
            <thead>
              <tr>
                <th scope="col">{t('trustHistory.when')}</th>
                <th scope="col">{t('trust.host')}</th>
                <th scope="col">{t('trust.kind')}</th>
                <th scope="col">{t('trustHistory.what')}</th>
                <th scope="col">{t('trust.fingerprint')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} data-testid="trust-event" data-action={event.action} data-host={event.host} data-port={event.port}>
                  <td className="nowrap">{formatDateTime(event.at, locale)}</td>
                  <td>
                    {event.host}:{event.port}
                  </td>
                  <td>{event.kind === 'tls' ? t('trust.tls') : t('trust.ssh')}</td>
                  <td>{t(`trustHistory.${event.action}`)}</td>
                  <td>
                    <Change event={event} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
