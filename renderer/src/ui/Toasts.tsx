import { useT } from '../i18n';
import { useToastStore } from './toastStore';
import './toasts.css';

/** Page messages, announced politely; each stays until dismissed. */
export function Toasts() {
  const t = useT();
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.tone}`} data-testid="toast" data-tone={toast.tone}>
          <div>
            <strong>{toast.title}</strong>
            {toast.body && <p>{toast.body}</p>}
            {toast.action && (
              <a href={toast.action.href} onClick={() => dismiss(toast.id)}>
                {toast.action.label}
              </a>
            )}
          </div>
          <button type="button" className="button button--quiet button--small" onClick={() => dismiss(toast.id)} aria-label={t('common.dismissNamed', { name: toast.title })}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
