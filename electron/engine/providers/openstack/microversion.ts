import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';

/*
 * Nova's microversions: the versioned root (`GET /v2.1/`) advertises
 * `min_version`..`version`; a request names one in
 * `OpenStack-API-Version: compute 2.x`. Rackpilot speaks 2.1..2.87: above
 * 2.87 `os-hypervisors` no longer reports vCPU and RAM totals, which the
 * Deploy screen's usage bars need, and nothing it sends needs more.
 */
export const computeRange = { min: '2.1', max: '2.87' } as const;

/** `2.37` → [2, 37]; anything else is null. */
export function parseMicroversion(text: unknown): [number, number] | null {
  if (typeof text !== 'string') return null;
  const match = /^v?(\d+)\.(\d+)$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2])] : null;
}

const compare = (a: [number, number], b: [number, number]): number => a[0] - b[0] || a[1] - b[1];

/**
 * The highest microversion both sides speak. A server without microversions
 * (empty `version`, a plain v2.1) is 2.1; ranges that do not meet are a clear
 * `unsupported` naming both (and the endpoint, when given).
 */
export function negotiateMicroversion(advertised: { min_version?: unknown; version?: unknown } | undefined, ours: { min: string; max: string } = computeRange, endpoint?: string): string {
  const low = parseMicroversion(ours.min)!;
  const high = parseMicroversion(ours.max)!;
  const serverMax = parseMicroversion(advertised?.version) ?? [2, 1];
  const serverMin = parseMicroversion(advertised?.min_version) ?? [2, 1];
  const best = compare(serverMax, high) < 0 ? serverMax : high;
  if (compare(best, low) < 0 || compare(best, serverMin) < 0) {
    fail('unsupported', text('openstack.microversion.unsupported', { where: endpoint ? text('openstack.novaOf', { endpoint }) : 'Nova', serverMin: serverMin.join('.'), serverMax: serverMax.join('.'), min: ours.min, max: ours.max }), { retryable: false });
  }
  return best.join('.');
}
