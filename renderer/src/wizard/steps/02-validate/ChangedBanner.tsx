import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useT } from '../../../i18n';

/** The file was saved again (fixed in Excel, say): offer to read it again rather than doing it under the user's feet. */
export function ChangedBanner() {
  const t = useT();
  const changed = useWorkbookStore((state) => state.changed);
  const importing = useWorkbookStore((state) => state.status === 'importing');
  const reimport = useWorkbookStore((state) => state.reimport);
  if (!changed) return null;
  return (
    <div className="banner banner--warn" role="alert" data-testid="changed-banner">
      <span>{t('validate.changed')}</span>
      <button type="button" className="button button--primary button--small" disabled={importing} onClick={() => void reimport()} data-testid="changed-reload">
        {t('validate.reload')}
      </button>
    </div>
  );
}
