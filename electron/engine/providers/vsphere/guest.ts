import { AppFailure, errorWords } from '../../../../shared/errors';
import { clauses, text as catalogueText, type TextParam } from '../../../../shared/i18n/engineText';
import { sleep } from '../../net';
import { probeTcp } from '../../preflight/tcpProbe';
import { pollPauses } from '../../util/pollPauses';
import type { ControlContext } from './control';
import { retrieveObject } from './properties';
import { child, list, text, type MoRef } from './xml';

export type GuestOutcome = { ok: true; addresses: string[]; tools: string } | { ok: false; reason: TextParam };

/** Every address the guest reports (`guest.ipAddress` and each NIC's), loopback and link-local left out. */
export function guestAddresses(props: Map<string, unknown> | null): string[] {
  if (!props) return [];
  const nics = list(child(props.get('guest.net'), 'GuestNicInfo'));
  const all = [text(props.get('guest.ipAddress')), ...nics.flatMap((nic) => list(child(nic, 'ipAddress')).map(text))];
  return [...new Set(all.filter((address): address is string => !!address && !/^127\.|^::1$|^fe80:/i.test(address)))];
}

/**
 * Waits until VMware Tools run and the guest reports the planned address
 * (any address for DHCP). Customization applies at the first boot, so the
 * template's address may show first: only the planned one ends the wait.
 */
export async function waitForGuestIp(ctx: ControlContext, vm: MoRef, expectIp: string | null, timeoutMs: number): Promise<GuestOutcome> {
  const started = Date.now();
  const pauses = pollPauses(300, 5000);
  let reason: TextParam = catalogueText('vsphere.guest.toolsNotStarted');
  for (;;) {
    try {
      const props = await retrieveObject(ctx.client, vm, ['guest.toolsRunningStatus', 'guest.ipAddress', 'guest.net'], ctx.signal);
      const tools = text(props?.get('guest.toolsRunningStatus')) ?? 'unknown';
      const addresses = guestAddresses(props);
      // Only VMware Tools report guest addresses, so the planned one is proof enough; the status string lags behind on some hosts.
      if (expectIp ? addresses.includes(expectIp) : addresses.length > 0) return { ok: true, addresses, tools };
      reason =
        addresses.length > 0
          ? catalogueText('vsphere.guest.reportsOther', { addresses: addresses.join(', '), expected: expectIp ?? '' })
          : tools === 'guestToolsRunning'
            ? catalogueText('vsphere.guest.noAddressYet')
            : catalogueText('vsphere.guest.toolsNotRunning', { status: tools });
    } catch (error) {
      if (ctx.signal.aborted || !(error instanceof AppFailure) || error.appError.code === 'auth') throw error;
      reason = errorWords(error.appError);
    }
    if (Date.now() - started >= timeoutMs) return { ok: false, reason };
    await sleep(pauses.next().value, ctx.signal, catalogueText('wait.vsphereGuest'));
  }
}

/** The first port that accepts a connection on the guest's address, or why none did (or why none was tried). */
export async function guestAnswers(ip: string, ports: number[], timeoutMs: number, signal: AbortSignal): Promise<{ ok: true; port: number } | { ok: false; reason: TextParam }> {
  const reasons: TextParam[] = [];
  for (const port of ports) {
    const outcome = await probeTcp(ip, port, timeoutMs, signal);
    if (outcome.state === 'open') return { ok: true, port };
    // The probe's words are catalogue text where it has some (refused, timed out), else the system's own message.
    reasons.push(catalogueText('vsphere.guest.portClosed', { port, reason: outcome.text ?? outcome.message }));
  }
  return { ok: false, reason: clauses(reasons) };
}
