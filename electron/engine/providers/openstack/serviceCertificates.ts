import type { Certificate } from '../../../../shared/contract/wizardChannels';
import { sentences, text, type TextParam } from '../../../../shared/i18n/engineText';
import type { Endpoint } from '../../../../shared/plan/model';
import type { TrustStore } from '../../net';
import { checkTls } from '../../preflight/tlsCheck';
import { check, type PreflightCheck } from '../../preflight/types';
import { hostPort } from '../../preflight/tcpProbe';
import { clientTarget, serviceAddress } from './routes';
import type { OpenStackSession } from './session';
import type { ServiceType } from './types';

/*
 * Keystone's certificate is trusted before the password goes out, but the
 * catalog sends the run on to Nova, Neutron and Glance, often on ports of
 * their own (a head node or VIP with one port per API). A run would meet
 * each of those certificates for the first time mid-deployment and stop on
 * it, with nothing on the Connect screen to trust. So preflight reads them
 * all after the login, through the bastion's tunnels when there is one, and
 * judges each by the run's own rule. Services presenting the same
 * certificate are asked about once: trusting it pins each of their host:ports.
 */

const used: readonly ServiceType[] = ['compute', 'network', 'image'];

interface ServiceOrigin {
  service: ServiceType;
  url: string;
  host: string;
  port: number;
}

export interface ServiceTrust {
  /** A `tls` blocker naming the services whose certificate a run would refuse, or null when every one is trusted. */
  problem: PreflightCheck | null;
  /** The first untrusted certificate, with every service that presented it, for the Connect screen to ask about. */
  certificate: Certificate | null;
}

/** The HTTPS services of the catalog whose host:port is not Keystone's, one per host:port. */
function otherOrigins(session: OpenStackSession, services: Partial<Record<ServiceType, string>>): ServiceOrigin[] {
  const keyOf = ({ host, port }: { host: string; port: number }) => `${host.toLowerCase()}:${port}`;
  const seen = new Set([keyOf(serviceAddress(new URL(session.endpoint.authUrl)))]);
  const origins: ServiceOrigin[] = [];
  for (const service of used) {
    const url = services[service];
    const parsed = url ? new URL(url) : null;
    if (!url || parsed?.protocol !== 'https:') continue;
    const address = serviceAddress(parsed);
    if (seen.has(keyOf(address))) continue;
    seen.add(keyOf(address));
    origins.push({ service, url, ...address });
  }
  return origins;
}

export async function checkServiceCertificates(session: OpenStackSession, endpoint: Endpoint, trust: TrustStore, signal: AbortSignal): Promise<ServiceTrust> {
  const token = await session.token(signal);
  const judged = await Promise.all(
    otherOrigins(session, token.services).map(async (origin) => {
      const sentTo = await session.routes.resolve(origin.url, signal);
      const { dialTo } = clientTarget(origin.url, sentTo);
      return { origin, ...(await checkTls(endpoint, { host: origin.host, port: origin.port }, trust, 15_000, signal, dialTo)) };
    }),
  );
  const refused = judged.filter((entry) => !entry.certificate?.trusted);
  if (refused.length === 0) return { problem: null, certificate: null };
  const named = (entries: typeof judged): TextParam =>
    text('text.commas', { items: entries.map((entry) => text('openstack.check.serviceAt', { service: entry.origin.service, where: hostPort(entry.origin.host, entry.origin.port) })) });
  // One sentence per certificate (or failed handshake), each naming the services behind it.
  const groups = new Map<string, typeof judged>();
  for (const entry of refused) {
    const key = entry.certificate ? `${entry.certificate.fingerprint} ${entry.certificate.trust.status}` : `none ${entry.origin.host}:${entry.origin.port}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const verdicts = [...groups.values()].map((entries) => text('openstack.check.serviceTls', { services: named(entries), judged: entries[0]!.check.text ?? entries[0]!.check.message }));
  const problem = check('tls', 'blocker', verdicts.length === 1 ? verdicts[0]! : sentences(...verdicts));
  const asked = [...groups.values()].find((entries) => entries[0]!.certificate !== null);
  const certificate = asked
    ? { ...asked[0]!.certificate!, services: asked.map((entry) => ({ service: entry.origin.service, host: entry.origin.host, port: entry.origin.port })) }
    : null;
  return { problem, certificate };
}
