/** Bytes in binary units with one decimal, as the preflight messages show them (`12.5 GiB`). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `a, b, c and 4 more`: lists in messages stay one line. */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

const rank = { ok: 0, skipped: 0, warning: 1, blocker: 2 } as const;

/** The most severe of several statuses (ok when none). */
export function worst<S extends keyof typeof rank>(statuses: readonly S[]): S | 'ok' {
  return statuses.reduce<S | 'ok'>((current, status) => (rank[status] > rank[current] ? status : current), 'ok');
}
