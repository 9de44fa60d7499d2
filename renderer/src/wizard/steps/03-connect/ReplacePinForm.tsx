import { useId, useState } from 'react';
import type { Certificate } from '../../../../../shared/contract/wizardChannels';
import { fingerprintTail, replaceConfirmationMatches } from '../../../../../shared/trustConfirmation';
import { useT } from '../../../i18n';
import { usePreflightStore } from './preflightStore';

/**
 * The deliberate way past a changed certificate: opened on purpose, and the
 * Replace button stays disabled until the user typed the host name or the
 * last four hex digits of the new fingerprint (the engine checks the same).
 *
 *   closed ──"Replace the pin…"──> typing ──matches──> ready ──Replace──> pinned, endpoint checked again
 *                                    └──Cancel──> closed
 */
export function ReplacePinForm({ endpointName, certificate }: { endpointName: string; certificate: Certificate }) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const busy = usePreflightStore((state) => state.busy.includes(endpointName));
  const replacePin = usePreflightStore((state) => state.replacePin);
  const matches = replaceConfirmationMatches(typed, certificate.host, certificate.fingerprint);

  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="button button--danger" onClick={() => setOpen(true)} aria-label={t('cert.replaceOpenNamed', { name: endpointName })} data-testid="cert-replace-open">
          {t('cert.replaceOpen')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="certificate__replace"
      data-testid="cert-replace"
      onSubmit={(event) => {
        event.preventDefault();
        if (matches) void replacePin(endpointName, typed).then((done) => done && setOpen(false));
      }}
    >
      <p id={`${id}-warning`}>{t('cert.replaceWarning')}</p>
      <label htmlFor={`${id}-confirm`}>{t('cert.replaceConfirmLabel', { host: certificate.host, tail: fingerprintTail(certificate.fingerprint) })}</label>
      <input
        id={`${id}-confirm`}
        className="mono"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${id}-warning`}
        data-testid="cert-replace-confirm"
      />
      <div className="actions">
        <button type="submit" className="button button--danger" disabled={!matches || busy} data-testid="cert-replace-submit">
          {t('cert.replaceSubmit')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setOpen(false);
            setTyped('');
          }}
        >
          {t('cert.replaceCancel')}
        </button>
      </div>
    </form>
  );
}
