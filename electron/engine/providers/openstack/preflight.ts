import type { Certificate } from '../../../../shared/contract/wizardChannels';
import { errorWords, toAppError, type AppError } from '../../../../shared/errors';
import { clauses, sentences, text, type TextParam, type TextRef } from '../../../../shared/i18n/engineText';
import type { Endpoint, Plan } from '../../../../shared/plan/model';
import type { TrustStore } from '../../net';
import { checkTls } from '../../preflight/tlsCheck';
import { check, type PreflightCheck } from '../../preflight/types';
import { chainLabel, type HostKeyStore } from '../../ssh';
import type { ProviderPreflight } from '../types';
import { resolveOpenStackEndpoint } from './endpoint';
import { findImages } from './glance';
import { listFlavors, listZones } from './nova';
import { endpointView } from './planView';
import { clientTarget, serviceAddress } from './routes';
import { OpenStackSession } from './session';
import { buildOpenStackSteps, osKinds, type OsFlavorInput, type OsImageInput } from './steps';
import { findFlavor } from './flavorStep';
import { checkServiceCertificates, type ServiceTrust } from './serviceCertificates';
import { readUsage } from './usage';

const later = ['version', 'capacity', 'templates', 'storages'] as const;
const notChecked = (reason: TextRef): TextRef => text('preflight.skipBecause', { reason });
const skipped = (reason: TextRef): PreflightCheck[] => later.map((id) => check(id, 'skipped', notChecked(reason)));
/** `jump1 → jump2`: the bastion chain the session's tunnels go through. */
const chainOf = (session: OpenStackSession): string => chainLabel(session.endpoint.jumpChain);
/** A failure's hint as a check's detail (its catalogue text when it has one); its detail stays in the error. */
const hintOf = (error: AppError): TextRef | string | null => error.hintText ?? error.hint ?? null;

/** Room left under a quota (-1 = unlimited). */
const headroom = (quota: number, used: number): number => (quota < 0 ? Infinity : quota - used);

/**
 * Login (through the bastion's tunnels when the endpoint has a jump host),
 * the certificates of the services the catalog names (serviceCertificates.ts), Nova's microversion, quota headroom for the planned servers, then
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
        return { checks: [...checks, check('login', 'skipped', notChecked(text('openstack.reason.keystoneNotThroughJump'))), ...skipped(text('openstack.reason.keystoneUnreachable'))], version: null, nodes: [], certificate };
      }
      if (certificate && !certificate.trusted) {
        // As on a direct connection: the password waits until the engineer trusts the certificate.
        session.close();
        const untrusted = text('preflight.skipBecause', { reason: text('preflight.reason.untrusted') });
        return { checks: [...checks, check('login', 'skipped', untrusted), ...later.map((id) => check(id, 'skipped', untrusted))], version: null, nodes: [], certificate };
      }
    }
    const token = await session.token(signal);
    const login = { project: session.endpoint.project, user: session.endpoint.username, services: text('text.commas', { items: Object.keys(token.services).sort() }) };
    checks.push(check('login', 'ok', session.routes.viaBastion ? text('openstack.check.loginVia', { ...login, chain: chainOf(session) }) : text('openstack.check.login', login)));
  } catch (cause) {
    session?.close();
    const error = toAppError(cause);
    return { checks: [...checks, check('login', 'blocker', errorWords(error), hintOf(error)), ...skipped(text('preflight.reason.loginFailed'))], version: null, nodes: [], certificate };
  }
  try {
    const services = await checkServiceCertificates(session, endpoint, trust, signal).catch((cause): ServiceTrust => ({ problem: check('tls', 'blocker', errorWords(toAppError(cause))), certificate: null }));
    if (services.problem) {
      // Keystone's own verdict gives way to the services' (runPreflight does the same for a direct endpoint's).
      const keystoneTls = checks.findIndex((entry) => entry.id === 'tls');
      if (keystoneTls >= 0) checks.splice(keystoneTls, 1, services.problem);
      else checks.push(services.problem);
      const untrusted = notChecked(text('openstack.reason.serviceUntrusted'));
      return { checks: [...checks, ...later.map((id) => check(id, 'skipped', untrusted))], version: null, nodes: [], certificate: services.certificate ?? certificate };
    }
    const version = await session.microversion(signal).catch((cause) => {
      checks.push(check('version', 'blocker', errorWords(toAppError(cause))));
      return null;
    });
    if (version) checks.push(check('version', 'ok', text('openstack.check.version', { version })));
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
    const short: TextRef[] = [];
    if (view.servers.length > headroom(usage.instances.quota, usage.instances.used)) short.push(text('openstack.check.shortInstances', { planned: view.servers.length, left: usage.instances.quota - usage.instances.used }));
    if (cores > headroom(usage.vcpus.quota, usage.vcpus.used)) short.push(text('openstack.check.shortVcpus', { planned: cores, left: usage.vcpus.quota - usage.vcpus.used }));
    if (ram > headroom(usage.ramMiB.quota, usage.ramMiB.used)) short.push(text('openstack.check.shortRam', { planned: ram, left: usage.ramMiB.quota - usage.ramMiB.used }));
    const summary = text('openstack.check.capacity', {
      servers: view.servers.length,
      cores,
      ram,
      instancesUsed: usage.instances.used,
      instancesQuota: usage.instances.quota,
      vcpusUsed: usage.vcpus.used,
      vcpusQuota: usage.vcpus.quota,
      ramUsed: usage.ramMiB.used,
      ramQuota: usage.ramMiB.quota,
    });
    if (short.length) return check('capacity', 'blocker', text('openstack.check.quotaShort', { short: clauses(short) }), summary);
    return check('capacity', 'ok', summary);
  } catch (cause) {
    return check('capacity', 'warning', text('openstack.check.quotaUnreadable', { error: errorWords(toAppError(cause)) }));
  }
}

async function flavorsAndImages(session: OpenStackSession, steps: ReturnType<typeof buildOpenStackSteps>, signal: AbortSignal): Promise<PreflightCheck> {
  const problems: TextParam[] = [];
  const notes: TextRef[] = [];
  for (const step of steps) {
    try {
      if (step.kind === osKinds.flavor) {
        const input = step.input as OsFlavorInput;
        const found = await findFlavor(session, input, signal);
        notes.push(found ? text('openstack.check.flavorIs', { name: input.name, found: found.name }) : text('openstack.check.flavorCreated', { name: input.name }));
      } else if (step.kind === osKinds.image) {
        const input = step.input as OsImageInput;
        const found = (await findImages(session, input.name, signal)).filter((image) => image.status === 'active');
        const there = found.some((image) => image.rackpilot_sha256 === input.sha256 && input.sha256);
        if (!input.file && found.length === 0) problems.push(text('openstack.check.imageMissing', { name: input.name }));
        else notes.push(text(input.file ? (there ? 'openstack.check.imageThere' : 'openstack.check.imageUploaded') : 'openstack.check.imageFound', { name: input.name }));
      }
    } catch (cause) {
      problems.push(errorWords(toAppError(cause)));
    }
  }
  if (problems.length) return check('templates', 'blocker', sentences(...problems), notes.length ? clauses(notes) : null);
  return check('templates', 'ok', notes.length ? text('openstack.check.templates', { notes: clauses(notes) }) : text('openstack.check.noTemplates'));
}

async function zonesCheck(session: OpenStackSession, signal: AbortSignal): Promise<PreflightCheck> {
  try {
    const zones = await listZones(session, signal);
    const available = zones.filter((zone) => zone.available);
    if (available.length === 0) return check('storages', 'warning', text('openstack.check.noZone'));
    const zoneWords = available.map((zone): TextParam => (zone.hosts.length ? text('openstack.check.zoneHosts', { zone: zone.name, hosts: zone.hosts.join(', ') }) : zone.name));
    return check('storages', 'ok', text('openstack.check.zones', { zones: text('text.commas', { items: zoneWords }) }));
  } catch (cause) {
    return check('storages', 'warning', text('openstack.check.zonesUnreadable', { error: errorWords(toAppError(cause)) }));
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
      ? { check: check('tls', 'skipped', text('preflight.tls.plainHttp', { where })), certificate: null }
      : await checkTls(endpoint, serviceAddress(auth), trust, 15_000, signal, clientTarget(session.endpoint.authUrl, local).dialTo);
    return { checks: [check('reachable', 'ok', text('openstack.check.reachedVia', { where, chain: chainOf(session), local: new URL(local).host })), tls.check], certificate: tls.certificate };
  } catch (cause) {
    const error = toAppError(cause);
    return { checks: [check('reachable', 'blocker', text('openstack.check.notReachedVia', { where, chain: chainOf(session), error: errorWords(error) }), hintOf(error)), check('tls', 'skipped', notChecked(text('openstack.reason.notReachable')))], certificate: null };
  }
}
