import { useEffect, useState } from 'react';
import { secretKeyOf, type SecretScope, type SecretTarget } from '../../../../shared/secrets';
import { useT, type MessageKey } from '../../i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useRememberedPasswordsStore } from './rememberedPasswordsStore';

/** `root@pam@10.0.0.1`, or the address alone when the workbook names no user. */
export const accountOf = (target: SecretTarget): string => (target.user ? `${target.user}@${target.address}` : target.address);

type Asking = { one: SecretTarget } | 'all' | null;

const scopeLabels: Record<SecretScope, MessageKey> = { endpoint: 'remembered.endpoint', jumpHost: 'remembered.jumpHost', vm: 'remembered.vm' };
const forgetLabels: Record<SecretScope, MessageKey> = { endpoint: 'remembered.forgetEndpoint', jumpHost: 'remembered.forgetJumpHost', vm: 'remembered.forgetVm' };

/** Remembered passwords by whose they are (never their values), each with Forget, and Forget all. */
export function RememberedPasswords() {
  const t = useT();
  const { targets, persistent, loaded, error, forgetting, forget, forgetAll } = useRememberedPasswordsStore();
  const [asking, setAsking] = useState<Asking>(null);

  useEffect(() => {
    void useRememberedPasswordsStore.getState().load();
  }, []);

  const named = (target: SecretTarget) => ({ name: target.name, account: accountOf(target) });
  const one = asking !== null && asking !== 'all' ? asking.one : null;

  return (
    <section className="panel" aria-labelledby="remembered-title" data-testid="remembered-passwords">
      <div className="step-heading">
        <h2 id="remembered-title">{t('remembered.title')}</h2>
        {targets.length > 0 && (
          <button type="button" className="button button--small button--danger" disabled={forgetting} onClick={() => setAsking('all')} data-testid="forget-all-passwords">
            {t('remembered.forgetAll')}
          </button>
        )}
      </div>
      {loaded && !persistent && !error && (
        <p className="muted" data-testid="passwords-memory-only">
          {t('remembered.memoryOnly')}
        </p>
      )}
      {persistent && <p className="muted">{t('remembered.intro')}</p>}
      {error && <ErrorNotice error={error} />}
      {loaded && persistent && targets.length === 0 && !error && <p className="muted">{t('remembered.empty')}</p>}
      {targets.length > 0 && (
        <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="remembered-title">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('remembered.scope')}</th>
                <th scope="col">{t('remembered.name')}</th>
                <th scope="col">{t('remembered.account')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.map((target) => (
                <tr key={secretKeyOf(target)} data-testid="remembered-password" data-scope={target.scope} data-name={target.name}>
                  <td>{t(scopeLabels[target.scope])}</td>
                  <th scope="row">{target.name}</th>
                  <td className="mono">{accountOf(target)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small button--danger"
                      disabled={forgetting}
                      onClick={() => setAsking({ one: target })}
                      aria-label={t(forgetLabels[target.scope], named(target))}
                      data-testid="forget-password"
                    >
                      {t('remembered.forget')}
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
        title={one ? t('remembered.forgetTitle', named(one)) : t('remembered.forgetAllTitle', { count: targets.length })}
        body={t('remembered.forgetBody')}
        confirmLabel={one ? t('remembered.forget') : t('remembered.forgetAll')}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          setAsking(null);
          void (one ? forget(one) : forgetAll());
        }}
        testId="confirm-forget-password"
      />
    </section>
  );
}
