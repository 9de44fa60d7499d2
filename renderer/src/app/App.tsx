import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react';
import { hasBridge } from '../api/client';
import { useT, type MessageKey } from '../i18n';
import { formatRoute, type Route, type Screen as ScreenName } from '../lib/route';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Toasts } from '../ui/Toasts';
import { useToastStore } from '../ui/toastStore';
import { StepGate } from '../wizard/StepGate';
import { stepOfRoute } from '../wizard/stepRoutes';
import { StartStep } from '../wizard/steps/01-start/StartStep';
import { WizardNav } from '../wizard/WizardNav';
import { Header } from './Header';
import { useNavigationStore } from './navigationStore';
import './app.css';

/** A screen's code (its own chunk) loads when it is first opened; only Start, the usual landing screen, comes with the shell. */
function screenChunk<Name extends string, Screen extends ComponentType<{ runId: string }> | ComponentType>(load: () => Promise<{ [key in Name]: Screen }>, name: Name) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const ValidateStep = screenChunk(() => import('../wizard/steps/02-validate/ValidateStep'), 'ValidateStep');
const ConnectStep = screenChunk(() => import('../wizard/steps/03-connect/ConnectStep'), 'ConnectStep');
const ReviewStep = screenChunk(() => import('../wizard/steps/04-review/ReviewStep'), 'ReviewStep');
const DeployStep = screenChunk(() => import('../wizard/steps/05-deploy/DeployStep'), 'DeployStep');
const ReportStep = screenChunk(() => import('../wizard/steps/06-report/ReportStep'), 'ReportStep');
const HistoryScreen = screenChunk(() => import('../features/history/HistoryScreen'), 'HistoryScreen');
const SettingsScreen = screenChunk(() => import('../features/settings/SettingsScreen'), 'SettingsScreen');

/** Shown while a screen's chunk loads (a few milliseconds from loopback); announced politely, not focused. */
function ScreenLoading() {
  const t = useT();
  return (
    <p role="status" className="muted" data-testid="screen-loading">
      {t('common.loading')}
    </p>
  );
}

const screenTitles: Record<ScreenName, MessageKey> = {
  start: 'wizard.step.start',
  validate: 'wizard.step.validate',
  connect: 'wizard.step.connect',
  review: 'wizard.step.review',
  deploy: 'wizard.step.deploy',
  report: 'wizard.step.report',
  history: 'nav.history',
  settings: 'nav.settings',
};

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'start':
      return <StartStep />;
    case 'validate':
      return (
        <StepGate step="validate">
          <ValidateStep />
        </StepGate>
      );
    case 'connect':
      return (
        <StepGate step="connect">
          <ConnectStep />
        </StepGate>
      );
    case 'review':
      return (
        <StepGate step="review">
          <ReviewStep />
        </StepGate>
      );
    case 'deploy':
      return <DeployStep runId={route.runId} />;
    case 'report':
      return <ReportStep runId={route.runId} />;
    case 'history':
      return <HistoryScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

export function App() {
  const t = useT();
  const route = useNavigationStore((state) => state.route);
  const main = useRef<HTMLElement>(null);
  const step = stepOfRoute(route);
  const hasToasts = useToastStore((state) => state.toasts.length > 0);

  useEffect(() => {
    document.title = `${t(screenTitles[route.screen])} – ${t('app.name')}`;
  }, [route.screen, t]);

  // A message pointing at this screen has done its job.
  useEffect(() => {
    const here = formatRoute(route);
    const { toasts, dismiss } = useToastStore.getState();
    for (const toast of toasts) if (toast.action?.href === here) dismiss(toast.id);
  }, [route]);

  // A new screen starts at its top; keyboard users land on its content, not back in the header.
  useEffect(() => {
    window.scrollTo?.(0, 0);
  }, [route.screen]);

  return (
    <div className="shell" data-toasts={hasToasts}>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        {t('app.skipToContent')}
      </button>
      <Header />
      <main ref={main} id="main" className="shell__main" tabIndex={-1} data-screen={route.screen}>
        {!hasBridge() && <ErrorNotice error={{ code: 'unsupported', title: t('app.noBridge'), hint: t('app.noBridgeHint'), retryable: false }} />}
        {step && <WizardNav current={step} />}
        <Suspense fallback={<ScreenLoading />}>
          <Screen route={route} />
        </Suspense>
      </main>
      <Toasts />
    </div>
  );
}
