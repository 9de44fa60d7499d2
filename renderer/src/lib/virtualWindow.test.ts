import { describe, expect, it } from 'vitest';
import { isAtBottom, visibleRange } from './virtualWindow';

describe('visibleRange', () => {
  it('covers the viewport plus overscan, clamped to the rows that exist', () => {
    expect(visibleRange(0, 200, 20, 100_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(20_000, 200, 20, 100_000, 5)).toEqual({ start: 995, end: 1016 });
    expect(visibleRange(1_999_800, 200, 20, 100_000, 5)).toEqual({ start: 99_985, end: 100_000 });
  });

  it('renders nothing for an empty list and survives a stale scroll position past the end', () => {
    expect(visibleRange(500, 200, 20, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(10_000, 200, 20, 10, 2)).toEqual({ start: 8, end: 10 });
  });
});

describe('isAtBottom', () => {
  it('allows a tolerance of about one row', () => {
    expect(isAtBottom(780, 200, 1000, 20)).toBe(true);
    expect(isAtBottom(779, 200, 1000, 20)).toBe(false);
  });
});
