import { useNavigationStore } from '../../../app/navigationStore';
import { useSettingsStore } from '../../../features/settings/settingsStore';
import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useT } from '../../../i18n';
import { baseName } from '../../../lib/paths';

export function RecentFiles() {
  const t = useT();
  const recent = useSettingsStore((state) => state.settings.recentFiles);
  const forget = useSettingsStore((state) => state.forgetFile);
  const open = useWorkbookStore((state) => state.open);
  const busy = useWorkbookStore((state) => state.status === 'importing');
  const navigate = useNavigationStore((state) => state.navigate);

  async function handleOpen(path: string) {
    if (await open(path)) navigate({ screen: 'validate' });
  }

  return (
    <section className="panel" aria-labelledby="recent-title" data-testid="recent-files">
      <h2 id="recent-title">{t('start.recentTitle')}</h2>
      {recent.length === 0 ? (
        <p className="muted">{t('start.recentEmpty')}</p>
      ) : (
        <ul className="recent-list">
          {recent.map((path) => (
            <li key={path} data-testid="recent-file" data-path={path}>
              <button type="button" className="button" disabled={busy} onClick={() => void handleOpen(path)} aria-label={t('start.openNamed', { name: path })}>
                <span>{baseName(path)}</span>
                <small>{path}</small>
              </button>
              <button type="button" className="button button--quiet button--small" onClick={() => void forget(path)} aria-label={t('start.forgetNamed', { name: path })}>
                {t('start.forget')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
