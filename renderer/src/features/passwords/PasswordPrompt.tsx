import { useId, type FormEvent } from 'react';
import type { SecretNeed } from '../../../../shared/contract/secretChannels';
import { secretKeyOf, type SecretScope } from '../../../../shared/secrets';
import { useT, type MessageKey } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { usePasswordStore } from './passwordStore';

const promptLabels: Record<SecretScope, MessageKey> = { endpoint: 'passwords.endpointLabel', jumpHost: 'passwords.jumpHostLabel', vm: 'passwords.vmLabel' };

/**
 * One password field per endpoint, jump host or scripted VM whose cell the workbook
 * leaves empty. `onDone` runs once nothing is missing any more (Connect
 * checks again; a resumed run resumes).
 */
export function PasswordPrompt({ onDone }: { onDone: () => void }) {
  const t = useT();
  const id = useId();
  const { status, needs, persistent, typed, remember, error, type, setRemember, submit } = usePasswordStore();
  if (needs.length === 0) return null;
  const missing = needs.some((need) => need.state === 'missing');
  const sending = status === 'sending';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit()) onDone();
  };

  return (
    <form className="panel passwords" aria-labelledby={`${id}-title`} onSubmit={(event) => void onSubmit(event)} data-testid="password-prompt" data-missing={missing}>
      <h2 id={`${id}-title`}>{t('passwords.title')}</h2>
      <p className="muted">{t('passwords.intro')}</p>
      {needs.map((need) => {
        const key = secretKeyOf(need.target);
        const fieldId = `${id}-${key}`;
        const label = t(promptLabels[need.target.scope], { name: need.target.name, user: need.target.user, address: need.target.address });
        return (
          <div className="field" key={key} data-testid="password-need" data-state={need.state}>
            <label htmlFor={fieldId}>{label}</label>
            <input
              id={fieldId}
              type="password"
              autoComplete="off"
              className="input"
              value={typed[key] ?? ''}
              aria-describedby={`${fieldId}-hint`}
              onChange={(event) => type(need, event.target.value)}
            />
            <small id={`${fieldId}-hint`} className="hint-text">
              {need.state === 'missing' ? t('passwords.emptyCell', { cell: need.cell ?? '' }) : t(need.state === 'remembered' ? 'passwords.remembered' : 'passwords.entered')}
            </small>
            {persistent && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={remember[key] === true}
                  aria-label={`${t('passwords.remember')}: ${need.target.name}`}
                  onChange={(event) => setRemember(need, event.target.checked)}
                />
                {t('passwords.remember')}
              </label>
            )}
          </div>
        );
      })}
      {!persistent && <p className="muted" data-testid="passwords-memory-only">{t('passwords.memoryOnly')}</p>}
      {error && <ErrorNotice error={error} onDismiss={() => usePasswordStore.setState({ error: null })} testId="password-error" />}
      <button type="submit" className="button button--primary" disabled={sending || Object.values(typed).every((value) => !value)}>
        {sending ? t('passwords.sending') : t('passwords.use')}
      </button>
    </form>
  );
}
