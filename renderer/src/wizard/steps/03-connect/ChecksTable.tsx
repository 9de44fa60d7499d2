import type { preflightStatuses } from '../../../../../shared/contract/wizardChannels';
import { useEngineWords, useT, type MessageKey } from '../../../i18n';
import type { WordedCheck } from '../../../i18n/engineText';
import { SeverityBadge } from '../../../ui/SeverityBadge';

interface CheckRow<Id extends string> extends WordedCheck {
  id: Id;
  status: (typeof preflightStatuses)[number];
}

/** The checks of one endpoint or jump host, one row each, labelled from the caller's catalogue keys. */
export function ChecksTable<Id extends string>({ checks, labels }: { checks: ReadonlyArray<CheckRow<Id>>; labels: Record<Id, MessageKey> }) {
  const t = useT();
  const words = useEngineWords();
  return (
    <table className="table checks" data-testid="checks">
      <thead>
        <tr>
          <th scope="col">{t('connect.check')}</th>
          <th scope="col">{t('connect.result')}</th>
          <th scope="col">{t('connect.details')}</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((check) => (
          <tr key={check.id} data-testid="check" data-check={check.id} data-status={check.status}>
            <th scope="row">{t(labels[check.id])}</th>
            <td>
              <SeverityBadge severity={check.status} />
            </td>
            <td>
              {words.checkMessage(check)}
              {check.detail && <small className="hint-text">{words.checkDetail(check)}</small>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
