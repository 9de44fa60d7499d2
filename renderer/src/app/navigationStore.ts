import { create } from 'zustand';
import { formatRoute, parseRoute, type Route } from '../lib/route';

interface NavigationState {
  route: Route;
  navigate(route: Route): void;
}

const currentRoute = (): Route => parseRoute(typeof location === 'undefined' ? '' : location.hash);

export const useNavigationStore = create<NavigationState>()((set) => ({
  route: currentRoute(),
  navigate(route) {
    const hash = formatRoute(route);
    if (location.hash !== hash) location.hash = hash;
    set({ route });
  },
}));

/** Back/forward buttons and edited addresses change the hash without us. */
export function followHashChanges(): () => void {
  const handleHashChange = () => useNavigationStore.setState({ route: currentRoute() });
  window.addEventListener('hashchange', handleHashChange);
  return () => window.removeEventListener('hashchange', handleHashChange);
}
