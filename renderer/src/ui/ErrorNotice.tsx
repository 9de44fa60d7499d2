import type { AppError } from '../../../shared/errors';
import { useEngineWords, useT } from '../i18n';
import './errorNotice.css';

/** An AppError as the user sees it: what happened, what to do, and the details folded away. */
export function ErrorNotice({ error, onDismiss, testId }: { error: AppError; onDismiss?: () => void; testId?: string }) {
  const t = useT();
  const words = useEngineWords();
  return (
    <div className="error-notice" role="alert" data-testid={testId ?? 'error-notice'} data-code={error.code}>
      <div className="error-notice__text">
        <strong>{words.errorTitle(error)}</strong>
        {error.cell && (
          <span className="error-notice__cell">
            {error.cell.sheet}!{error.cell.cell}
          </span>
        )}
        {error.hint && <p>{words.errorHint(error)}</p>}
        {error.detail && (
          <details>
            <summary>{error.code}</summary>
            <pre>{error.detail}</pre>
          </details>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="button button--quiet" onClick={onDismiss}>
          {t('common.dismiss')}
        </button>
      )}
    </div>
  );
}
