import { useT, type MessageKey } from '../i18n';
import { formatRoute, type Screen } from '../lib/route';
import { stepOfRoute } from '../wizard/stepRoutes';
import { useConnectionStore } from './connectionStore';
import { useNavigationStore } from './navigationStore';

const sections: { id: 'wizard' | Screen; label: MessageKey; testId: string }[] = [
  { id: 'wizard', label: 'nav.deploy', testId: 'nav-wizard' },
  { id: 'history', label: 'nav.history', testId: 'nav-history' },
  { id: 'settings', label: 'nav.settings', testId: 'nav-settings' },
];

export function Header() {
  const t = useT();
  const route = useNavigationStore((state) => state.route);
  const lastWizardRoute = useNavigationStore((state) => state.lastWizardRoute);
  const connected = useConnectionStore((state) => state.connected);
  const inWizard = stepOfRoute(route) !== null;

  return (
    <header className="header">
      <span className="header__name">{t('app.name')}</span>
      <nav className="header__nav" aria-label={t('nav.label')}>
        <ul>
          {sections.map(({ id, label, testId }) => {
            const current = id === 'wizard' ? inWizard : route.screen === id;
            const href = formatRoute(id === 'wizard' ? lastWizardRoute : { screen: id as 'history' | 'settings' });
            return (
              <li key={id}>
                <a href={href} aria-current={current ? 'page' : undefined} data-testid={testId}>
                  {t(label)}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <span className="header__spacer" />
      <span role="status" data-testid="connection" data-connected={connected === null ? 'unknown' : String(connected)}>
        {connected === false && <span className="header__offline">{t('connection.offline')}</span>}
      </span>
    </header>
  );
}
