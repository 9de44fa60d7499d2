import { describe, expect, it } from 'vitest';
import { negotiateMicroversion, parseMicroversion } from './microversion';

describe('Nova microversion negotiation', () => {
  it('takes the highest version both sides speak', () => {
    expect(negotiateMicroversion({ min_version: '2.1', version: '2.93' })).toBe('2.87');
    expect(negotiateMicroversion({ min_version: '2.1', version: '2.60' })).toBe('2.60');
  });
  it('reads a server without microversions as 2.1', () => {
    expect(negotiateMicroversion({ min_version: '', version: '' })).toBe('2.1');
  });
  it('refuses ranges that do not meet, naming both', () => {
    expect(() => negotiateMicroversion({ min_version: '2.90', version: '2.95' })).toThrow(/2\.90 to 2\.95.*2\.1 to 2\.87/);
  });
  it('parses only major.minor', () => {
    expect(parseMicroversion('v2.37')).toEqual([2, 37]);
    expect(parseMicroversion('latest')).toBeNull();
  });
});
