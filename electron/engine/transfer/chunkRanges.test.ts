import { describe, expect, it } from 'vitest';
import { addToRanges, complementRanges, countRanges, normalizeWanted, type Ranges } from './chunkRanges';

describe('chunk ranges', () => {
  it('complements a wanted list into done ranges', () => {
    expect(complementRanges([], 4)).toEqual([[0, 3]]);
    expect(complementRanges([0, 1, 2, 3], 4)).toEqual([]);
    expect(complementRanges([1, 2, 5], 8)).toEqual([[0, 0], [3, 4], [6, 7]]);
  });

  it('adds indexes in any order, merging neighbours', () => {
    const ranges: Ranges = [];
    for (const index of [0, 1, 2, 7, 5, 6, 3, 3, 4]) addToRanges(ranges, index);
    expect(ranges).toEqual([[0, 7]]);
    expect(countRanges(ranges)).toBe(8);
    const gaps: Ranges = [];
    for (const index of [9, 1, 5]) addToRanges(gaps, index);
    expect(gaps).toEqual([[1, 1], [5, 5], [9, 9]]);
  });

  it('sorts and de-duplicates the server list, and refuses what does not fit', () => {
    expect(normalizeWanted([3, 1, 3, 0], 4, 'S')).toEqual([0, 1, 3]);
    expect(() => normalizeWanted([4], 4, 'S')).toThrow('S asked for chunk 4 of an upload of 4 chunks.');
    expect(() => normalizeWanted([1.5], 4, 'S')).toThrow('S asked for chunk 1.5 of an upload of 4 chunks.');
    expect(() => normalizeWanted('all', 4, 'S')).toThrow('S did not say which chunks it still wants.');
  });
});
