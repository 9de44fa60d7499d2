/** The rows a scrolled viewport shows, plus `overscan` on each side so fast scrolling does not flash blank. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): { start: number; end: number } {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count, first) - overscan);
  const end = Math.min(count, first + shown + overscan);
  return { start, end };
}

/** Within one row of the end counts as the end: the reader wants to follow new lines. */
export function isAtBottom(scrollTop: number, viewportHeight: number, scrollHeight: number, tolerance: number): boolean {
  return scrollHeight - (scrollTop + viewportHeight) <= tolerance;
}
