/*
 * Screens live in the URL hash so that reloading the page (or the window)
 * comes back to the same screen and run; the query string is left to the
 * host (it carries the web host's token).
 *
 * Later issues add wizard steps as `{ screen: 'wizard', step }`.
 */
export type Route = { screen: 'start' } | { screen: 'history' } | { screen: 'run'; runId: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [screen, ...rest] = path.split('/');
  if (screen === 'history') return { screen: 'history' };
  if (screen === 'run' && rest.length > 0 && rest.join('/') !== '') {
    try {
      return { screen: 'run', runId: decodeURIComponent(rest.join('/')) };
    } catch {
      return { screen: 'start' };
    }
  }
  return { screen: 'start' };
}

export function formatRoute(route: Route): string {
  switch (route.screen) {
    case 'start':
      return '#/';
    case 'history':
      return '#/history';
    case 'run':
      return `#/run/${encodeURIComponent(route.runId)}`;
  }
}
