import { useStepTitle, useT } from '../../i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { cancelSkip, confirmSkip } from './runActions';
import { useRunStore } from './runStore';

export function SkipStepDialog() {
  const t = useT();
  const titleOf = useStepTitle();
  const candidate = useRunStore((state) => state.skipCandidate);
  return (
    <ConfirmDialog
      open={candidate !== null}
      title={t('step.skipTitle', { step: candidate ? titleOf(candidate) : '' })}
      body={t('step.skipBody')}
      confirmLabel={t('step.skipConfirm')}
      onCancel={cancelSkip}
      onConfirm={() => void confirmSkip()}
      testId="confirm-skip"
    />
  );
}
