import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { HostKey, JumpHostPreflight, TrustState } from '../../../shared/contract/wizardChannels';
import { AppFailure, appError, errorWords, fail, toAppError, type ErrorWords } from '../../../shared/errors';
import { text, type TextParam } from '../../../shared/i18n/engineText';
import { whereOf, type JumpHost, type Plan } from '../../../shared/plan/model';
import { decideTrust } from '../net/trustDecision';
import { isTargetAllowed } from '../net/networkScope';
import { jumpChainOf, jumpHostOf } from '../scripts/sshTargets';
import { connectHop, normalizeHostKeyFingerprint, type PresentedHostKey, type SshHop } from '../ssh';
import { hostPort, probeTcp } from './tcpProbe';
import { defaultTimeouts, withWords, type PreflightTimeouts, type TcpProbe } from './types';

type JumpCheck = JumpHostPreflight['checks'][number];
type JumpCheckId = JumpCheck['id'];

/** Pins of SSH host keys, read only: trusting is the user's answer (`trust:accept`), never the preflight's. */
export interface HostKeyPins {
  findPins(kind: 'ssh', host: string, port: number): { fingerprint: string }[];
}

export interface JumpHostCheckOptions {
  pins: HostKeyPins;
  lab: boolean;
  workbookDir: string;
  /** Only this jump host (its Via chain is still walked to reach it, without reporting the hosts before it). */
  jumpHost?: string | undefined;
  signal?: AbortSignal;
  probe?: TcpProbe;
  timeouts?: Partial<PreflightTimeouts>;
}

const order: JumpCheckId[] = ['reachable', 'hostKey', 'login'];
const jumpCheck = (id: JumpCheckId, status: JumpCheck['status'], message: ErrorWords, detail: ErrorWords | null = null): JumpCheck => withWords({ id, status }, message, detail);
const skipFrom = (first: JumpCheckId, message: ErrorWords): JumpCheck[] => order.slice(order.indexOf(first)).map((id) => jumpCheck(id, 'skipped', message));

/** Every jump host a VM or an endpoint goes through, with the ones before it in its Via chain, outermost first. */
export function usedJumpHosts(plan: Plan): JumpHost[] {
  const used = new Set<string>();
  const add = (name: string | null): void => {
    const jump = name ? plan.jumpHosts.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase()) : undefined;
    if (!jump || used.has(jump.name)) return;
    used.add(jump.name);
    add(jump.via);
  };
  for (const vm of plan.vms) add(jumpHostOf(plan, vm));
  for (const endpoint of plan.endpoints) add(endpoint.jumpHost);
  return plan.jumpHosts.filter((jump) => used.has(jump.name));
}

function cellText(jump: JumpHost, field: 'user' | 'password'): TextParam {
  const cell = whereOf(jump, field);
  return cell ? `${cell.sheet}!${cell.cell}` : text('jump.theSheet');
}

function hostKeyVerdict(key: PresentedHostKey, hop: SshHop, pins: HostKeyPins): HostKey {
  const normal = (text: string): string => normalizeHostKeyFingerprint(text) ?? text.trim();
  const expected = (hop.expectedHostKeys ?? []).map(normal);
  const pinned = pins.findPins('ssh', hop.host, hop.port).map((pin) => normal(pin.fingerprint));
  const trust = decideTrust({ presented: key.fingerprint, expected, pinned });
  return { host: hop.host, port: hop.port, keyType: key.keyType, fingerprint: key.fingerprint, trusted: trust.status === 'trusted', trust };
}

function hostKeyCheck(key: HostKey): JumpCheck {
  const trust: TrustState = key.trust;
  const presented = `${key.keyType} ${key.fingerprint}`;
  switch (trust.status) {
    case 'trusted':
      return jumpCheck('hostKey', 'ok', text(trust.by === 'pinned' ? 'jump.keyPinned' : 'jump.keyExpected', { key: presented }));
    case 'unknown':
      return jumpCheck('hostKey', 'blocker', text('jump.keyUnknown', { key: presented }));
    case 'changed':
      return jumpCheck('hostKey', 'blocker', text('jump.keyChanged', { key: presented, pinned: trust.pinned.join(', ') }));
    case 'unexpected':
      return jumpCheck('hostKey', 'blocker', text('jump.keyUnexpected', { key: presented, expected: trust.expected.join(', ') }));
  }
}

function loginRefusedCheck(jump: JumpHost, error: ReturnType<typeof toAppError>): JumpCheck {
  return jumpCheck(
    'login',
    'blocker',
    text('jump.loginRefused', { name: jump.name, user: jump.user, userCell: cellText(jump, 'user'), error: errorWords(error), passwordCell: cellText(jump, 'password') }),
    error.hintText ?? error.hint ?? null,
  );
}

function forwardThrough(client: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

interface Checked {
  result: JumpHostPreflight;
  /** Logged in: the jump hosts behind it are reached through it. */
  client: Client | null;
}

/**
 * One jump host: reachable (directly, or as a channel from the one before),
 * then one SSH connection whose host key is judged during the handshake. An
 * untrusted key aborts the handshake there, so no credential is ever sent to
 * it; a trusted one goes on to log in, once.
 */
async function checkOne(plan: Plan, jump: JumpHost, before: Client | null, options: JumpHostCheckOptions): Promise<Checked> {
  const timeouts = { ...defaultTimeouts, ...options.timeouts };
  const signal = options.signal ?? new AbortController().signal;
  const result: JumpHostPreflight = { name: jump.name, address: jump.address, port: jump.port, user: jump.user, via: jump.via, checks: [], hostKey: null };
  const where = hostPort(jump.address, jump.port);
  let hop: SshHop;
  try {
    hop = jumpChainOf(plan, jump.name, options.workbookDir).at(-1)!;
  } catch (cause) {
    result.checks.push(jumpCheck('reachable', 'blocker', errorWords(toAppError(cause))), ...skipFrom('hostKey', text('jump.rowUnusable')));
    return { result, client: null };
  }
  let sock: Duplex | null = null;
  if (!isTargetAllowed(hop.host)) {
    result.checks.push(jumpCheck('reachable', 'blocker', text('jump.loopbackOnly', { where })));
  } else if (before) {
    sock = await forwardThrough(before, hop.host, hop.port).catch((error: Error) => {
      result.checks.push(jumpCheck('reachable', 'blocker', text('jump.notReachableVia', { where, via: jump.via ?? '', reason: error.message.replace(/^\(SSH\) /, '') })));
      return null;
    });
    if (sock) result.checks.push(jumpCheck('reachable', 'ok', text('jump.reachableVia', { where, via: jump.via ?? '' })));
  } else {
    const probe = await (options.probe ?? probeTcp)(hop.host, hop.port, timeouts.connectMs, signal);
    result.checks.push(
      probe.state === 'open'
        ? jumpCheck('reachable', 'ok', text('preflight.reachable.ok', { where }))
        : jumpCheck('reachable', 'blocker', text('preflight.reachable.closed', { where, reason: probe.text ?? probe.message }), probe.code),
    );
  }
  if (result.checks[0]!.status !== 'ok') {
    result.checks.push(...skipFrom('hostKey', text('preflight.skipBecause', { reason: text('preflight.reason.unreachable', { where }) })));
    return { result, client: null };
  }
  const judge = {
    verify: async (key: PresentedHostKey): Promise<void> => {
      result.hostKey = hostKeyVerdict(key, hop, options.pins);
      if (!result.hostKey.trusted) throw new AppFailure(appError('tls_untrusted', text('jump.hostKeyUntrusted', { where }), { retryable: false }));
    },
  };
  const settings = { trust: judge, connectTimeoutMs: timeouts.connectMs, handshakeTimeoutMs: timeouts.apiMs, keepaliveIntervalMs: 15_000 };
  try {
    const client = await connectHop(hop, sock, settings, signal);
    result.checks.push(hostKeyCheck(result.hostKey!), jumpCheck('login', 'ok', text('preflight.login.ok', { user: jump.user })));
    return { result, client };
  } catch (cause) {
    const error = toAppError(cause);
    if (!result.hostKey) {
      result.checks.push(jumpCheck('hostKey', 'blocker', text('jump.noHandshake', { where, error: errorWords(error) }), error.hintText ?? error.hint ?? null), ...skipFrom('login', text('jump.noKey')));
    } else if (!result.hostKey.trusted) {
      result.checks.push(hostKeyCheck(result.hostKey), ...skipFrom('login', text('jump.keyFirst')));
    } else {
      result.checks.push(hostKeyCheck(result.hostKey), error.code === 'auth' ? loginRefusedCheck(jump, error) : jumpCheck('login', 'blocker', text('jump.loginIncomplete', { where, error: errorWords(error) }), error.hintText ?? error.hint ?? null));
    }
    return { result, client: null };
  }
}

/**
 * Checks the jump hosts the plan uses, outermost first: each is reached
 * through the one before it, which stays logged in for it, so every jump host
 * is logged into at most once per check (customers' realms lock accounts
 * after a few failures). Problems are reported, never thrown. A rehearsal
 * points jump hosts at the lab's SSH simulator, so it contacts none.
 */
export async function checkJumpHosts(plan: Plan, options: JumpHostCheckOptions): Promise<JumpHostPreflight[]> {
  let wanted = usedJumpHosts(plan);
  if (options.jumpHost !== undefined) {
    const name = options.jumpHost.toLowerCase();
    const target = wanted.find((jump) => jump.name.toLowerCase() === name);
    if (!target) {
      const names = wanted.map((jump) => jump.name).join(', ');
      fail('not_found', text('jump.unknown', { name: options.jumpHost }), { hint: text('jump.itsJumpHosts', { names: names || text('preflight.none') }) });
    }
    wanted = [target];
  }
  if (options.lab) {
    return wanted.map((jump) => ({
      name: jump.name,
      address: jump.address,
      port: jump.port,
      user: jump.user,
      via: jump.via,
      checks: skipFrom('reachable', text('jump.lab')),
      hostKey: null,
    }));
  }
  const reported = new Set(wanted.map((jump) => jump.name));
  const results = new Map<string, JumpHostPreflight>();
  const clients: Client[] = [];
  const all = usedJumpHosts(plan);
  const isNamed = (name: string | null, jump: JumpHost): boolean => name?.toLowerCase() === jump.name.toLowerCase();
  const childrenOf = (parent: JumpHost): JumpHost[] => all.filter((jump) => isNamed(jump.via, parent));
  // Outermost: no Via, or a Via the plan lacks (jumpChainOf reports that). Jump hosts in a Via loop are never reached.
  const roots = all.filter((jump) => !all.some((other) => isNamed(jump.via, other)));
  // Only what leads to a wanted jump host is walked.
  const leadsToWanted = (jump: JumpHost): boolean => reported.has(jump.name) || childrenOf(jump).some(leadsToWanted);
  const skipBehind = (jump: JumpHost, before: JumpHost): void => {
    results.set(jump.name, skippedBehind(jump, before));
    for (const child of childrenOf(jump)) skipBehind(child, before);
  };
  const visit = async (jump: JumpHost, before: Client | null): Promise<void> => {
    const checked = await checkOne(plan, jump, before, options);
    results.set(jump.name, checked.result);
    const next = childrenOf(jump).filter(leadsToWanted);
    if (!checked.client) return next.forEach((child) => skipBehind(child, jump));
    clients.push(checked.client);
    await Promise.all(next.map((child) => visit(child, checked.client)));
  };
  try {
    await Promise.all(roots.filter(leadsToWanted).map((root) => visit(root, null)));
  } finally {
    for (const client of clients.reverse()) client.end();
  }
  return wanted.map((jump) => results.get(jump.name) ?? unreachedLoop(jump));
}

function skippedBehind(jump: JumpHost, before: JumpHost): JumpHostPreflight {
  const message = text('jump.behind', { name: before.name });
  return { name: jump.name, address: jump.address, port: jump.port, user: jump.user, via: jump.via, checks: skipFrom('reachable', message), hostKey: null };
}

function unreachedLoop(jump: JumpHost): JumpHostPreflight {
  return {
    name: jump.name,
    address: jump.address,
    port: jump.port,
    user: jump.user,
    via: jump.via,
    checks: [jumpCheck('reachable', 'blocker', text('jump.loop', { name: jump.name })), ...skipFrom('hostKey', text('preflight.skip'))],
    hostKey: null,
  };
}
