import { create } from 'zustand';
import { formatRoute, parseRoute, type Route } from '../lib/route';
import { stepOfRoute } from '../wizard/stepRoutes';

interface NavigationState {
  route: Route;
  /** The wizard screen last shown, so the header's "Deploy" returns to it from History or Settings. */
  lastWizardRoute: Route;
  navigate(route: Route): void;
}

const currentRoute = (): Route => parseRoute(typeof location === 'undefined' ? '' : location.hash);

function withRoute(route: Route): Pick<NavigationState, 'route'> & Partial<NavigationState> {
  return stepOfRoute(route) ? { route, lastWizardRoute: route } : { route };
}

export const useNavigationStore = create<NavigationState>()((set) => {
  const route = currentRoute();
  return {
    route,
    lastWizardRoute: stepOfRoute(route) ? route : { screen: 'start' },
    navigate(next) {
      const hash = formatRoute(next);
      if (location.hash !== hash) location.hash = hash;
      set(withRoute(next));
    },
  };
});

/** Back/forward buttons and edited addresses change the hash without us. */
export function followHashChanges(): () => void {
  const handleHashChange = () => useNavigationStore.setState(withRoute(currentRoute()));
  window.addEventListener('hashchange', handleHashChange);
  return () => window.removeEventListener('hashchange', handleHashChange);
}
