/*
 * Screens live in the URL hash so that reloading the page (or the window)
 * comes back to the same screen and run; the query string is left to the
 * host (it carries the web host's token). The wizard's steps that show a run
 * carry its id; the others work on the open workbook.
 */
export type Route =
  | { screen: 'start' }
  | { screen: 'validate' }
  | { screen: 'connect' }
  | { screen: 'review' }
  | { screen: 'deploy'; runId: string }
  | { screen: 'report'; runId: string }
  | { screen: 'history' }
  | { screen: 'settings' };

export type Screen = Route['screen'];

const plainScreens = new Set<Screen>(['validate', 'connect', 'review', 'history', 'settings']);

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [screen = '', ...rest] = path.split('/');
  if (plainScreens.has(screen as Screen) && rest.join('') === '') return { screen } as Route;
  // `run/<id>` is the address of the deploy step before the wizard existed.
  const runScreen = screen === 'run' ? 'deploy' : screen;
  if ((runScreen === 'deploy' || runScreen === 'report') && rest.join('/') !== '') {
    try {
      return { screen: runScreen, runId: decodeURIComponent(rest.join('/')) };
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
    case 'deploy':
    case 'report':
      return `#/${route.screen}/${encodeURIComponent(route.runId)}`;
    default:
      return `#/${route.screen}`;
  }
}
