import type { preflightStatuses } from '../../../../../shared/contract/wizardChannels';
import { useT } from '../../../i18n';
import { SeverityBadge } from '../../../ui/SeverityBadge';

/** A card's overall status and its "check again" button, named after what it checks. */
export function CheckAgainActions({ name, status, busy, onCheck, testId }: { name: string; status: (typeof preflightStatuses)[number]; busy: boolean; onCheck: () => void; testId: string }) {
  const t = useT();
  return (
    <span className="actions actions--tight">
      <SeverityBadge severity={status} />
      <button type="button" className="button button--small" disabled={busy} onClick={onCheck} aria-label={t('connect.checkAgainNamed', { name })} data-testid={testId}>
        {busy ? t('connect.checking') : t('connect.checkAgain')}
      </button>
    </span>
  );
}
