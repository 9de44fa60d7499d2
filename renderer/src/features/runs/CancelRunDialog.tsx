import type { CreatedResource } from '../../../../shared/runModel';
import { useT } from '../../i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { resourceText } from './resourceText';

/*
 * Cancelling a run asks first, showing what stays behind (the Start screen
 * for interrupted runs, the Deploy screen for the open one):
 *
 *   closed ──ask──> loading ──(run:createdResources)──> asking ──confirm──> closed
 *     ^                │ fails: actionError                 │ dismiss
 *     └────────────────┴────────────────────────────────────┘
 */
export type CancelPrompt =
  | { phase: 'closed' }
  | { phase: 'loading'; runId: string }
  | { phase: 'asking'; runId: string; resources: CreatedResource[] };

interface CancelRunDialogProps {
  prompt: CancelPrompt;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  testId: string;
}

/** The confirmation, listing what the run's steps created: cancelling removes none of it. */
export function CancelRunDialog({ prompt, title, body, confirmLabel, onConfirm, onCancel, testId }: CancelRunDialogProps) {
  const t = useT();
  const asking = prompt.phase === 'asking' ? prompt : null;
  return (
    <ConfirmDialog open={asking !== null} title={title} body={body} confirmLabel={confirmLabel} onCancel={onCancel} onConfirm={onConfirm} testId={testId}>
      {asking && asking.resources.length === 0 && <p data-testid="left-behind-none">{t('start.cancelNothingLeft')}</p>}
      {asking && asking.resources.length > 0 && (
        <>
          <p>{t('start.cancelLeftBehind')}</p>
          <ul data-testid="left-behind">
            {asking.resources.map((resource) => (
              <li key={`${resource.stepId}/${resource.kind}/${resource.id}`}>{resourceText(resource, t)}</li>
            ))}
          </ul>
        </>
      )}
    </ConfirmDialog>
  );
}
