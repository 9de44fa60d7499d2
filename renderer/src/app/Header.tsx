import { useRunStore } from '../features/runs/runStore';
import { useT } from '../i18n';
import { formatRoute, type Route } from '../lib/route';
import { useConnectionStore } from './connectionStore';
import { SettingsMenu } from './SettingsMenu';

export function Header({ route }: { route: Route }) {
  const t = useT();
  const openRunId = useRunStore((state) => state.runId);
  const connected = useConnectionStore((state) => state.connected);
  const runId = route.screen === 'run' ? route.runId : openRunId;

  return (
    <header className="header">
      <span className="header__name">{t('app.name')}</span>
      <nav className="header__nav" aria-label={t('nav.label')}>
        <ul>
          <li>
            <a href={formatRoute({ screen: 'start' })} aria-current={route.screen === 'start' ? 'page' : undefined} data-testid="nav-start">
              {t('nav.start')}
            </a>
          </li>
          <li>
            {runId ? (
              <a href={formatRoute({ screen: 'run', runId })} aria-current={route.screen === 'run' ? 'page' : undefined} data-testid="nav-run">
                {t('nav.run')}
              </a>
            ) : (
              <span aria-disabled="true">{t('nav.run')}</span>
            )}
          </li>
          <li>
            <a href={formatRoute({ screen: 'history' })} aria-current={route.screen === 'history' ? 'page' : undefined} data-testid="nav-history">
              {t('nav.history')}
            </a>
          </li>
        </ul>
      </nav>
      <span className="header__spacer" />
      <span role="status" data-testid="connection" data-connected={connected === null ? 'unknown' : String(connected)}>
        {connected === false && <span className="header__offline">{t('connection.offline')}</span>}
      </span>
      <SettingsMenu />
    </header>
  );
}
