import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route';

describe('routes', () => {
  it('round-trip through the hash, including run ids that need escaping', () => {
    const routes: Route[] = [
      { screen: 'start' },
      { screen: 'validate' },
      { screen: 'connect' },
      { screen: 'review' },
      { screen: 'deploy', runId: 'r-1/ä b' },
      { screen: 'report', runId: 'r-2' },
      { screen: 'history' },
      { screen: 'settings' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('reads the run address of earlier versions as the deploy step', () => {
    expect(parseRoute('#/run/abc')).toEqual({ screen: 'deploy', runId: 'abc' });
  });

  it('falls back to the start screen for anything unknown or malformed', () => {
    expect(parseRoute('')).toEqual({ screen: 'start' });
    expect(parseRoute('#/nope')).toEqual({ screen: 'start' });
    expect(parseRoute('#/deploy/')).toEqual({ screen: 'start' });
    expect(parseRoute('#/report')).toEqual({ screen: 'start' });
    expect(parseRoute('#/history/extra')).toEqual({ screen: 'start' });
    expect(parseRoute('#/deploy/%E0%A4%A')).toEqual({ screen: 'start' });
  });
});
