import type { Certificate } from '../../../../shared/contract/wizardChannels';
import { toAppError } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { Endpoint, Plan } from '../../../../shared/plan/model';
import type { TrustStore } from '../../net';
import { checkTls } from '../../preflight/tlsCheck';
import { check, type PreflightCheck } from '../../preflight/types';
import type { HostKeyStore } from '../../ssh';
import type { ProviderPreflight } from '../types';
import { resolveOpenStackEndpoint } from './endpoint';
import { findImages } from './glance';
import { listFlavors, listZones } from './nova';
import { endpointView } from './planView';
import { clientTarget } from './routes';
import { OpenStackSession } from './session';
import { buildOpenStackSteps, osKinds, type OsFlavorInput, type OsImageInput } from './steps';
import { findFlavor } from './flavorStep';
import { readUsage } from './usage';

const later = ['version', 'capacity', 'templates', 'storages'] as const;
const skipped = (reason: string): PreflightCheck[] => later.map((id) => check(id, 'skipped', `Not checked: ${reason}.`));

/** Room left under a quota (-1 = unlimited). */
const headroom = (quota: number, used: number): number => (quota < 0 ? Infinity : quota - used);

/**
 * Login (through the bastion's tunnels when the endpoint has a jump host),
 * Nova's microversion, quota headroom for the planned servers, then
 * flavors and images, and the zones. Problems are checks, never throws.
 */
export async function openstackChecks(endpoint: Endpoint, plan: Plan, trust: TrustStore, workbookDir: string, signal: AbortSignal): Promise<ProviderPreflight> {
  const checks: PreflightCheck[] = [];
  let session: OpenStackSession | null = null;
  // Read through the tunnel when only the jump host reaches Keystone, for the Connect screen to trust.
  let certificate: Certificate | null = null;
  try {
    session = new OpenStackSession({ endpoint: resolveOpenStackEndpoint(endpoint, plan, workbookDir), trust, hostKeys: readOnlyPins(trust), timeoutMs: 15_000 });
    if (session.routes.viaBastion) {
      const reached = await reachThroughBastion(session, endpoint, trust, signal);
      checks.push(...reached.checks);
      certificate = reached.certificate;
      if (reached.checks[0]!.status !== 'ok') {
        session.close();
        return { checks: [...checks, check('login', 'skipped', 'Not checked: Keystone is not reachable through the jump host.'), ...skipped('Keystone is not reachable')], version: null, nodes: [], certificate };
      }
      if (certificate && !certificate.trusted) {
        // As on a direct connection: the password waits until the engineer trusts the certificate.
        session.close();
        const untrusted = text('preflight.skipBecause', { reason: text('preflight.reason.untrusted') });
        return { checks: [...checks, check('login', 'skipped', untrusted), ...later.map((id) => check(id, 'skipped', untrusted))], version: null, nodes: [], certificate };
      }
    }
    const token = await session.token(signal);
    checks.push(check('login', 'ok', `Logged in to project ${session.endpoint.project} as ${session.endpoint.username}${session.routes.via}; services: ${Object.keys(token.services).sort().join(', ')}.`));
  } catch (cause) {
    session?.close();
    const error = toAppError(cause);
    return { checks: [...checks, check('login', 'blocker', error.title, error.hint ?? null), ...skipped('the login failed')], version: null, nodes: [], certificate };
  }
  try {
    const version = await session.microversion(signal).catch((cause) => {
      checks.push(check('version', 'blocker', toAppError(cause).title));
      return null;
    });
    if (version) checks.push(check('version', 'ok', `Nova compute API microversion ${version}.`));
    const view = endpointView(plan, endpoint.name);
    const steps = buildOpenStackSteps(plan).filter((step) => (step.input as { endpoint?: string }).endpoint === endpoint.name);
    checks.push(await capacityCheck(session, view, steps, signal));
    checks.push(await flavorsAndImages(session, steps, signal));
    checks.push(await zonesCheck(session, signal));
    return { checks, version: version ? `compute ${version}` : null, nodes: [], certificate };
  } finally {
    session.close();
  }
}

async function capacityCheck(session: OpenStackSession, view: ReturnType<typeof endpointView>, steps: ReturnType<typeof buildOpenStackSteps>, signal: AbortSignal): Promise<PreflightCheck> {
  try {
    const usage = await readUsage(session, signal);
    const flavors = await listFlavors(session, signal);
    let cores = 0;
    let ram = 0;
    for (const server of view.servers) {
      const step = steps.find((entry) => entry.kind === osKinds.flavor && (entry.input as OsFlavorInput).name === (server.flavor ?? ''));
      const named = flavors.find((flavor) => flavor.name === server.flavor);
      cores += named?.vcpus ?? (step ? ((step.input as OsFlavorInput).vcpu ?? server.vcpu) : server.vcpu);
      ram += named?.ram ?? (step ? ((step.input as OsFlavorInput).memoryMiB ?? server.memoryMiB) : server.memoryMiB);
    }
    const short: string[] = [];
    if (view.servers.length > headroom(usage.instances.quota, usage.instances.used)) short.push(`instances: ${view.servers.length} planned, ${usage.instances.quota - usage.instances.used} left`);
    if (cores > headroom(usage.vcpus.quota, usage.vcpus.used)) short.push(`vCPUs: ${cores} planned, ${usage.vcpus.quota - usage.vcpus.used} left`);
    if (ram > headroom(usage.ramMiB.quota, usage.ramMiB.used)) short.push(`RAM: ${ram} MiB planned, ${usage.ramMiB.quota - usage.ramMiB.used} MiB left`);
    const summary = `${view.servers.length} servers, ${cores} vCPUs, ${ram} MiB planned; project uses ${usage.instances.used}/${usage.instances.quota} instances, ${usage.vcpus.used}/${usage.vcpus.quota} vCPUs, ${usage.ramMiB.used}/${usage.ramMiB.quota} MiB (-1 = unlimited).`;
    if (short.length) return check('capacity', 'blocker', `The project's quota is too small: ${short.join('; ')}.`, summary);
    return check('capacity', 'ok', summary);
  } catch (cause) {
    return check('capacity', 'warning', `The quota could not be read: ${toAppError(cause).title}`);
  }
}

async function flavorsAndImages(session: OpenStackSession, steps: ReturnType<typeof buildOpenStackSteps>, signal: AbortSignal): Promise<PreflightCheck> {
  const problems: string[] = [];
  const notes: string[] = [];
  for (const step of steps) {
    try {
      if (step.kind === osKinds.flavor) {
        const input = step.input as OsFlavorInput;
        const found = await findFlavor(session, input, signal);
        notes.push(found ? `flavor ${input.name} → ${found.name}` : `flavor ${input.name} is created`);
      } else if (step.kind === osKinds.image) {
        const input = step.input as OsImageInput;
        const found = (await findImages(session, input.name, signal)).filter((image) => image.status === 'active');
        if (!input.file && found.length === 0) problems.push(`Glance has no active image ${input.name}`);
        else notes.push(input.file ? `image ${input.name} ${found.some((image) => image.rackpilot_sha256 === input.sha256 && input.sha256) ? 'is already there' : 'is uploaded'}` : `image ${input.name} found`);
      }
    } catch (cause) {
      problems.push(toAppError(cause).title);
    }
  }
  if (problems.length) return check('templates', 'blocker', problems.join(' '), notes.join('; ') || null);
  return check('templates', 'ok', notes.length ? `${notes.join('; ')}.` : 'No flavors or images to check.');
}

async function zonesCheck(session: OpenStackSession, signal: AbortSignal): Promise<PreflightCheck> {
  try {
    const zones = await listZones(session, signal);
    const available = zones.filter((zone) => zone.available);
    if (available.length === 0) return check('storages', 'warning', 'No availability zone is available: Nova places every server itself.');
    return check('storages', 'ok', `Availability zones: ${available.map((zone) => `${zone.name}${zone.hosts.length ? ` (${zone.hosts.join(', ')})` : ''}`).join(', ')}.`);
  } catch (cause) {
    return check('storages', 'warning', `The availability zones could not be read: ${toAppError(cause).title}`);
  }
}

/** The bastion's host key is judged against the pins (the run store keeps SSH pins next to TLS ones); a preflight never pins. */
function readOnlyPins(trust: TrustStore): HostKeyStore {
  const store = trust as unknown as Partial<HostKeyStore>;
  return { findPins: (kind, host, port) => store.findPins?.(kind, host, port) ?? [], addPin: () => undefined };
}

/**
 * Behind a bastion: Keystone's host:port through a tunnel (the network scope applies to every hop and
 * to that far end), and over HTTPS its certificate, read through the tunnel and judged for Keystone's own host:port.
 */
async function reachThroughBastion(session: OpenStackSession, endpoint: Endpoint, trust: TrustStore, signal: AbortSignal): Promise<{ checks: PreflightCheck[]; certificate: Certificate | null }> {
  const auth = new URL(session.endpoint.authUrl);
  const where = `${auth.hostname}:${auth.port || (auth.protocol === 'https:' ? 443 : 80)}`;
  try {
    const local = await session.routes.resolve(session.endpoint.authUrl, signal);
    const tls = auth.protocol === 'http:'
      ? { check: check('tls', 'skipped', `${where} is plain HTTP (the Address says http://): no certificate to check.`), certificate: null }
      : await checkTls(endpoint, { host: auth.hostname.replace(/^\[|\]$/g, ''), port: Number(auth.port) || 443 }, trust, 15_000, signal, clientTarget(session.endpoint.authUrl, local).dialTo);
    return { checks: [check('reachable', 'ok', `${where} answers${session.routes.via} (tunnel end ${new URL(local).host}).`), tls.check], certificate: tls.certificate };
  } catch (cause) {
    const error = toAppError(cause);
    return { checks: [check('reachable', 'blocker', `${where} is not reachable${session.routes.via}: ${error.title}`, error.hint ?? null), check('tls', 'skipped', 'Not checked: not reachable.')], certificate: null };
  }
}
