import type { CreatedResource } from '../../../../../shared/runModel';
import { useT } from '../../../i18n';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useStartStore } from './startStore';

/** Asks before cancelling an interrupted run, listing what its steps created: cancelling removes none of it. */
export function CancelRunDialog() {
  const t = useT();
  const prompt = useStartStore((state) => state.cancelPrompt);
  const confirmCancel = useStartStore((state) => state.confirmCancel);
  const dismissCancel = useStartStore((state) => state.dismissCancel);
  const asking = prompt.phase === 'asking' ? prompt : null;

  return (
    <ConfirmDialog
      open={asking !== null}
      title={t('start.cancelTitle', { id: asking?.runId ?? '' })}
      body={t('start.cancelBody')}
      confirmLabel={t('start.cancelConfirm')}
      onCancel={dismissCancel}
      onConfirm={() => void confirmCancel()}
      testId="confirm-cancel-interrupted"
    >
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

function resourceText(resource: CreatedResource, t: ReturnType<typeof useT>): string {
  const where = resource.node ? `${resource.endpoint}/${resource.node}` : resource.endpoint;
  return t(resource.kind === 'vm' ? 'start.leftBehindVm' : 'start.leftBehindImage', { id: resource.id, name: resource.name, where });
}
