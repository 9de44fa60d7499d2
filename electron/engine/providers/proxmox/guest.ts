import { AppFailure, errorWords } from '../../../../shared/errors';
import { text, type TextParam } from '../../../../shared/i18n/engineText';
import { sleep } from '../../net';
import { api } from './apiPath';
import type { ControlContext } from './control';
import { pollPauses } from '../../util/pollPauses';

interface AgentInterface {
  name?: string;
  'ip-addresses'?: { 'ip-address'?: string; 'ip-address-type'?: string }[];
}

export interface GuestWait {
  /** The planned address; null = any address other than loopback / link-local (DHCP). */
  expectIp: string | null;
  timeoutMs: number;
  /** First pause between polls, growing to `maxPollMs`; defaults 250 ms and 3 s. */
  firstPollMs?: number;
  maxPollMs?: number;
}

export type GuestOutcome = { ok: true; addresses: string[] } | { ok: false; reason: TextParam };

/** Addresses the guest reports, loopback and link-local left out. */
export function guestAddresses(result: unknown): string[] {
  const list = (result as { result?: AgentInterface[] } | null)?.result;
  if (!Array.isArray(list)) return [];
  return list
    .flatMap((iface) => iface['ip-addresses'] ?? [])
    .map((entry) => entry['ip-address'] ?? '')
    .filter((address) => address && !/^127\.|^::1$|^fe80:/i.test(address));
}

/**
 * Waits until the QEMU guest agent answers with the planned address (or any
 * address for DHCP). The agent takes a while to come up after boot, so its
 * errors (`QEMU guest agent is not running`) only mean "not yet"; a refused
 * login does not. Polls soon, then less often: most guests answer within
 * seconds, a Windows first boot takes minutes. Holds no slot while it waits.
 */
export async function waitForGuest(ctx: ControlContext, node: string, vmid: number, wait: GuestWait): Promise<GuestOutcome> {
  const started = Date.now();
  const pauses = pollPauses(wait.firstPollMs ?? 250, wait.maxPollMs ?? 3000);
  let lastReason: TextParam = text('pve.guest.notYet');
  for (;;) {
    try {
      const answer = await ctx.client.get<unknown>(api`/nodes/${node}/qemu/${vmid}/agent/network-get-interfaces`, ctx.signal);
      const addresses = guestAddresses(answer);
      if (wait.expectIp ? addresses.includes(wait.expectIp) : addresses.length > 0) return { ok: true, addresses };
      lastReason = addresses.length > 0 ? text('pve.guest.reportsOther', { addresses: addresses.join(', '), expected: wait.expectIp ?? '' }) : text('pve.guest.noAddress');
    } catch (error) {
      if (ctx.signal.aborted || !(error instanceof AppFailure) || error.appError.code === 'auth') throw error;
      lastReason = errorWords(error.appError);
    }
    if (Date.now() - started >= wait.timeoutMs) return { ok: false, reason: lastReason };
    await sleep(pauses.next().value, ctx.signal, text('wait.pveGuest', { vmid }));
  }
}
