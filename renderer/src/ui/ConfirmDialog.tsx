import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';
import './confirmDialog.css';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  testId?: string;
  /** Details after the body (a list of what the action leaves behind). */
  children?: ReactNode;
}

/**
 * A modal question on the native <dialog>: it traps focus, closes on Escape
 * and returns focus to where it was. Focus starts on "Go back" so that a
 * stray Enter does not confirm something destructive.
 */
export function ConfirmDialog({ open, title, body, confirmLabel, onConfirm, onCancel, testId, children }: ConfirmDialogProps) {
  const t = useT();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const back = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal?.();
      back.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <p>{body}</p>
      {children}
      <div className="confirm__buttons">
        <button ref={back} type="button" className="button" onClick={onCancel}>
          {t('common.goBack')}
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
