import { useId, useState } from 'react';
import { fingerprintTail, replaceConfirmationMatches } from '../../../../../shared/trustConfirmation';
import { useT } from '../../../i18n';
import { usePreflightStore } from './preflightStore';

/**
 * The deliberate way past a changed certificate or SSH host key: opened on purpose, and the
 * Replace button stays disabled until the user typed the host name or the
 * last four hex digits of the new fingerprint (the engine checks the same).
 *
 *   closed ──"Replace the pin…"──> typing ──matches──> ready ──Replace──> pinned, endpoint checked again
 *                                    └──Cancel──> closed
 */
export function ReplacePinForm({
  name,
  pinned,
  openLabel,
  replace,
}: {
  /** The endpoint's or jump host's name (busy state). */
  name: string;
  pinned: { host: string; fingerprint: string };
  /** The accessible name of the button that opens the form. */
  openLabel: string;
  replace: (confirmation: string) => Promise<boolean>;
}) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const busy = usePreflightStore((state) => state.busy.includes(name));
  const matches = replaceConfirmationMatches(typed, pinned.host, pinned.fingerprint);

  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="button button--danger" onClick={() => setOpen(true)} aria-label={openLabel} data-testid="cert-replace-open">
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
        if (matches) void replace(typed).then((done) => done && setOpen(false));
      }}
    >
      <p id={`${id}-warning`}>{t('cert.replaceWarning')}</p>
      <label htmlFor={`${id}-confirm`}>{t('cert.replaceConfirmLabel', { host: pinned.host, tail: fingerprintTail(pinned.fingerprint) })}</label>
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
