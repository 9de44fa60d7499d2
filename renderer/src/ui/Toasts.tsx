import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { useToastStore, type Toast } from './toastStore';
import './toasts.css';

/** Page messages, announced politely; a timed one waits while the pointer or focus is on it. */
export function Toasts() {
  const toasts = useToastStore((state) => state.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <ToastView key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastView({ toast }: { toast: Toast }) {
  const t = useT();
  const dismiss = useToastStore((state) => state.dismiss);
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (toast.timeoutMs === undefined || held) return;
    const timer = setTimeout(() => dismiss(toast.id), toast.timeoutMs);
    return () => clearTimeout(timer);
  }, [toast.id, toast.timeoutMs, held, dismiss]);
  return (
    <div
      className={`toast toast--${toast.tone}`}
      data-testid="toast"
      data-tone={toast.tone}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
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
  );
}
