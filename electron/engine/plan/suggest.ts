/** Levenshtein distance, two rows at a time; inputs are names and headers, so short. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `input` for a "did you mean", or null when none is
 * close enough to be a plausible typo (a third of the length, at least 1, at most 3),
 * or when two candidates are equally close.
 */
export function suggest(input: string, candidates: Iterable<string>, fold: (text: string) => string = (text) => text.toLowerCase()): string | null {
  const target = fold(input);
  const limit = Math.min(3, Math.max(1, Math.floor(target.length / 3)));
  let best: string | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of candidates) {
    const folded = fold(candidate);
    if (folded === target) return candidate;
    const distance = editDistance(target, folded);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && folded !== fold(best ?? '')) {
      tie = true;
    }
  }
  return best !== null && bestDistance <= limit && !tie ? best : null;
}
