import { listSomeText, text } from '../../../shared/i18n/engineText';
import { isAnswering } from './tcpProbe';
import { check, type PreflightCheck, type TcpProbe } from './types';

export interface IpCheckOptions {
  lab: boolean;
  probe: TcpProbe;
  ports: number[];
  timeoutMs: number;
  /** Probes in flight at once. */
  parallel: number;
  signal?: AbortSignal;
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/**
 * The plan's static addresses must be free: a short connect to SSH and RDP
 * on each. A host that accepts or refuses the connection is there; silence
 * (timeout, no route) counts as free. Taken addresses are a warning, not a
 * blocker: VMs left by an earlier run of the same plan answer too, and the
 * run recognises those.
 */
/** Taken addresses said as a comma list (each item has its own words). */
const clausesOf = (items: ReturnType<typeof text>[]) => text('text.commas', { items });

export async function checkIps(ips: Array<{ ip: string; vm: string }>, options: IpCheckOptions): Promise<PreflightCheck> {
  if (options.lab) return check('ips', 'skipped', text('preflight.ips.lab'));
  if (ips.length === 0) return check('ips', 'skipped', text('preflight.ips.none'));
  const vmsByIp = new Map<string, string[]>();
  for (const { ip, vm } of ips) vmsByIp.set(ip, [...(vmsByIp.get(ip) ?? []), vm]);
  const probes = [...vmsByIp.keys()].flatMap((ip) => options.ports.map((port) => ({ ip, port })));
  const outcomes = await mapLimited(probes, options.parallel, async ({ ip, port }) => {
    const outcome = await options.probe(ip, port, options.timeoutMs, options.signal);
    return { ip, port, blocked: outcome.state === 'closed' && outcome.code === 'BLOCKED', answers: isAnswering(outcome) };
  });
  if (outcomes.length > 0 && outcomes.every((outcome) => outcome.blocked)) {
    return check('ips', 'skipped', text('preflight.ips.loopback'));
  }
  const taken = new Map<string, number[]>();
  for (const outcome of outcomes) if (outcome.answers) taken.set(outcome.ip, [...(taken.get(outcome.ip) ?? []), outcome.port]);
  if (taken.size === 0) {
    const ports = options.ports.length > 1 ? text('preflight.ips.or', { ports: options.ports.slice(0, -1).join(', '), last: options.ports.at(-1)! }) : options.ports.join('');
    return check('ips', 'ok', text('preflight.ips.free', { count: vmsByIp.size, ports }));
  }
  const described = [...taken].map(([ip, ports]) => text('preflight.ips.takenItem', { ip, vms: listSomeText(vmsByIp.get(ip) ?? [], 2), ports: ports.join(', ') }));
  return check(
    'ips',
    'warning',
    text('preflight.ips.taken', { count: taken.size, list: described.length > 4 ? text('list.more', { items: clausesOf(described.slice(0, 4)), more: described.length - 4 }) : clausesOf(described) }),
  );
}
