import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route';

describe('routes', () => {
  it('round-trip through the hash, including run ids that need escaping', () => {
    const routes: Route[] = [{ screen: 'start' }, { screen: 'history' }, { screen: 'run', runId: 'r-1/ä b' }];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('falls back to the start screen for anything unknown or malformed', () => {
    expect(parseRoute('')).toEqual({ screen: 'start' });
    expect(parseRoute('#/nope')).toEqual({ screen: 'start' });
    expect(parseRoute('#/run/')).toEqual({ screen: 'start' });
    expect(parseRoute('#/run/%E0%A4%A')).toEqual({ screen: 'start' });
  });
});
