import { useEffect, useRef } from 'react';
import { hasBridge } from '../api/client';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { RunScreen } from '../features/runs/RunScreen';
import { StartScreen } from '../features/start/StartScreen';
import { useT, type MessageKey } from '../i18n';
import type { Route } from '../lib/route';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Header } from './Header';
import { useNavigationStore } from './navigationStore';
import './app.css';

const screenTitles: Record<Route['screen'], MessageKey> = { start: 'nav.start', run: 'nav.run', history: 'nav.history' };

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'start':
      return <StartScreen />;
    case 'history':
      return <HistoryScreen />;
    case 'run':
      return <RunScreen runId={route.runId} />;
  }
}

export function App() {
  const t = useT();
  const route = useNavigationStore((state) => state.route);
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    document.title = `${t(screenTitles[route.screen])} – ${t('app.name')}`;
  }, [route.screen, t]);

  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        {t('app.skipToContent')}
      </button>
      <Header route={route} />
      <main ref={main} id="main" className="shell__main" tabIndex={-1} data-screen={route.screen}>
        {!hasBridge() && (
          <ErrorNotice error={{ code: 'unsupported', title: t('app.noBridge'), hint: t('app.noBridgeHint'), retryable: false }} />
        )}
        <Screen route={route} />
      </main>
    </div>
  );
}
