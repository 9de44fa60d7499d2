import { useEffect } from 'react';
import type { RollbackPreview } from '../../../../shared/contract/rollbackChannels';
import { sayOr } from '../../../../shared/i18n/engineText';
import { useLocale, useT } from '../../i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { PasswordPrompt } from '../passwords/PasswordPrompt';
import { usePasswordStore } from '../passwords/passwordStore';
import { itemLines } from './rollbackText';
import { useRollbackStore } from './rollbackStore';
import './rollback.css';

/**
 * The confirmation listing what a rollback removes and what stays, and, once
 * it has ended, what was removed and what could not be. `onConfirmed` lets the
 * Start screen open the run, where the undos show as they happen.
 */
export function RollbackDialog({ onConfirmed }: { onConfirmed?: (runId: string) => void }) {
  const t = useT();
  const { prompt, error, needsPasswordsFor, ask, confirm, dismiss, dismissError } = useRollbackStore();
  const asking = prompt.phase === 'asking' ? prompt : null;
  useEffect(() => {
    if (needsPasswordsFor) void usePasswordStore.getState().load({ runId: needsPasswordsFor });
  }, [needsPasswordsFor]);
  return (
    <>
      {error && <ErrorNotice error={error} onDismiss={dismissError} testId="rollback-error" />}
      {needsPasswordsFor && <PasswordPrompt onDone={() => void ask(needsPasswordsFor)} />}
      <ConfirmDialog
        open={asking !== null}
        title={t('rollback.title', { id: asking?.runId ?? '' })}
        body={t('rollback.body')}
        confirmLabel={t('rollback.confirm')}
        onCancel={dismiss}
        onConfirm={() => {
          if (!asking) return;
          onConfirmed?.(asking.runId);
          void confirm();
        }}
        testId="confirm-rollback"
      >
        {asking && <PreviewLists preview={asking.preview} />}
      </ConfirmDialog>
      <RollbackOutcomeNotice />
    </>
  );
}

function PreviewLists({ preview }: { preview: RollbackPreview }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {preview.undo.length === 0 ? (
        <p data-testid="rollback-nothing">{t('rollback.nothingToRemove')}</p>
      ) : (
        <>
          <p>{t('rollback.removes')}</p>
          <ul data-testid="rollback-removes">
            {preview.undo.flatMap((item) => itemLines(item, t, locale).map((line) => <li key={`${item.stepId}/${line}`}>{line}</li>))}
          </ul>
        </>
      )}
      {preview.kept.length > 0 && (
        <>
          <p>{t('rollback.keeps')}</p>
          <ul data-testid="rollback-keeps">
            {preview.kept.flatMap((item) =>
              itemLines(item, t, locale).map((line) => (
                <li key={`${item.stepId}/${line}`}>{t(item.reason === 'adopted' ? 'rollback.keptAdopted' : 'rollback.keptNoUndo', { what: line })}</li>
              )),
            )}
          </ul>
        </>
      )}
    </>
  );
}

/** What the rollback did, until dismissed; announced politely, as it arrives after the work. */
function RollbackOutcomeNotice() {
  const t = useT();
  const locale = useLocale();
  const { prompt, dismiss } = useRollbackStore();
  if (prompt.phase === 'rolling') {
    return (
      <p role="status" className="muted" data-testid="rollback-rolling">
        {t('rollback.rolling')}
      </p>
    );
  }
  if (prompt.phase !== 'done') return null;
  const { outcome } = prompt;
  const complete = outcome.state === 'rolled_back';
  return (
    <section role="status" className={complete ? 'rollback-outcome' : 'rollback-outcome rollback-outcome--incomplete'} data-testid="rollback-outcome" data-state={outcome.state}>
      <h2>{t(complete ? 'rollback.doneTitle' : 'rollback.doneIncompleteTitle')}</h2>
      {outcome.removed.length > 0 && (
        <>
          <p>{t('rollback.removed')}</p>
          <ul data-testid="rollback-removed">
            {outcome.removed.flatMap((item) => itemLines(item, t, locale).map((line) => <li key={`${item.stepId}/${line}`}>{line}</li>))}
          </ul>
        </>
      )}
      {outcome.notRemoved.length > 0 && (
        <>
          <p>{t('rollback.notRemoved')}</p>
          <ul data-testid="rollback-not-removed">
            {outcome.notRemoved.flatMap((item) =>
              itemLines(item, t, locale).map((line) => <li key={`${item.stepId}/${line}`}>{t('rollback.notRemovedItem', { what: line, error: sayOr(locale, item.error.text, item.error.title) })}</li>),
            )}
          </ul>
        </>
      )}
      <button type="button" className="button button--small" onClick={dismiss}>
        {t('common.dismiss')}
      </button>
    </section>
  );
}
