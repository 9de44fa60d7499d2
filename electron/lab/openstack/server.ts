import { randomBytes } from 'node:crypto';
import { adminPrefix, handleAdmin } from './admin';
import { Cloud, hexId } from './cloud';
import { TokenBook, type Identity, type OsContext } from './context';
import { OpenStackFaultBook, type OpenStackFaultEntry, type OpenStackFaultInput } from './faults';
import { glanceBadJson, glanceNotFound, glanceRoutes } from './glance';
import { startService, type ServiceServer } from './http';
import { keystoneBadJson, keystoneNotFound, keystoneRoutes } from './keystone';
import { newSecurityGroup, neutronBadJson, neutronNotFound, neutronRoutes } from './neutron';
import { novaRoutes } from './nova';
import { badRequest, notFound } from './microversion';
import { ServiceDoors } from './doors';
import { checkAdvertisedHost, checkHost, type OpenStackLabOptions } from './options';
import { applyPreparation, parseOpenStackPreparation } from './preparation';

export interface OpenStackLab {
  /** Keystone's v3 URL, `http://127.0.0.1:PORT/v3`: all a client needs (the catalog names the rest). */
  authUrl: string;
  /** Each service's root URL, as the catalog names them. */
  urls: { identity: string; compute: string; network: string; image: string };
  username: string;
  password: string;
  project: string;
  domain: string;
  region: string;
  admin: { url: string; token: string };
  faults: { add(faults: OpenStackFaultInput[]): OpenStackFaultEntry[]; list(): OpenStackFaultEntry[]; clear(): void };
  /** Every connection the four services accepted (who, SNI, bytes), and over HTTPS a certificate renewed in place. */
  doors: Pick<ServiceDoors, 'connections' | 'onConnection' | 'setCertificate'>;
  /** Every token issued so far stops working, as when they all expire at once. */
  expireTokens(): number;
  /** Adds the flavors, images, networks and quota a rehearsal's plan expects (preparation.ts). */
  prepare(preparation: unknown): number;
  /** Back to the state at start, on the same ports and credentials; tokens issued before stay valid. */
  reset(): void;
  close(): Promise<void>;
}

const defaultZones = [
  { zone: 'az-1', host: 'oslab-az1' },
  { zone: 'az-2', host: 'oslab-az2' },
];

/** Starts Keystone, Nova, Neutron and Glance simulators on four loopback ports, plain HTTP like the real lab (HTTPS with `tls`). */
export async function startOpenStackLab(options: OpenStackLabOptions = {}): Promise<OpenStackLab> {
  const host = checkHost(options.host ?? '127.0.0.1');
  const named = options.advertisedHost === undefined ? host : checkAdvertisedHost(options.advertisedHost);
  const tls = options.tls ? { tls: options.tls } : {};
  const identity: Identity = {
    userId: hexId(),
    username: options.username ?? 'admin',
    password: options.password ?? randomBytes(12).toString('base64url'),
    projectId: hexId(),
    project: options.project ?? 'admin',
    domain: 'Default',
    region: options.region ?? 'RegionOne',
  };
  const freshCloud = () => {
    const cloud = new Cloud(options.zones ?? defaultZones, { instances: 10, cores: 20, ram: 51200, ...options.quota });
    const group = newSecurityGroup('default', 'Default security group');
    cloud.securityGroups.set(group.id, group);
    return cloud;
  };
  const faults = new OpenStackFaultBook();
  faults.add(options.faults ?? []);
  const context: OsContext = {
    cloud: freshCloud(),
    tokens: new TokenBook(options.tokenLifetimeMs ?? 3600_000),
    faults,
    identity,
    buildMs: options.buildMs ?? 300,
    urls: { identity: '', compute: '', network: '', image: '' },
  };
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const started: ServiceServer[] = [];
  try {
    const keystone = keystoneRoutes(context);
    started.push(
      await startService(host, 0, {
        routes: keystone,
        before: async (request) => {
          if (request.path === adminPrefix || request.path.startsWith(`${adminPrefix}/`)) return handleAdmin(context, adminToken, request, () => undefined);
          const delay = faults.delayFor('identity');
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
          return null;
        },
        notFound: keystoneNotFound,
        badJson: keystoneBadJson,
        ...tls,
      }),
    );
    const nova = novaRoutes(context);
    started.push(await startService(host, 0, { routes: nova.routes, before: nova.before, loseAnswer: nova.loseAnswer, notFound: () => notFound('The resource could not be found.'), badJson: () => badRequest('Malformed request body'), ...tls }));
    const neutron = neutronRoutes(context);
    started.push(await startService(host, 0, { routes: neutron.routes, before: neutron.before, loseAnswer: neutron.loseAnswer, notFound: neutronNotFound, badJson: neutronBadJson, ...tls }));
    const glance = glanceRoutes(context);
    started.push(await startService(host, 0, { routes: glance.routes, before: glance.before, notFound: glanceNotFound, badJson: glanceBadJson, ...tls }));
  } catch (error) {
    await Promise.all(started.map((service) => service.close()));
    throw error;
  }
  const origin = (service: ServiceServer) => `${options.tls ? 'https' : 'http'}://${named.includes(':') ? `[${named}]` : named}:${service.port}`;
  const [identityServer, computeServer, networkServer, imageServer] = started as [ServiceServer, ServiceServer, ServiceServer, ServiceServer];
  const doors = new ServiceDoors([
    { service: 'identity', server: identityServer },
    { service: 'compute', server: computeServer },
    { service: 'network', server: networkServer },
    { service: 'image', server: imageServer },
  ]);
  context.urls = { identity: origin(identityServer), compute: origin(computeServer), network: origin(networkServer), image: origin(imageServer) };
  let closed: Promise<void> | null = null;
  return {
    authUrl: `${context.urls.identity}/v3`,
    urls: context.urls,
    username: identity.username,
    password: identity.password,
    project: identity.project,
    domain: identity.domain,
    region: identity.region,
    admin: { url: `${context.urls.identity}${adminPrefix}`, token: adminToken },
    faults: { add: (list) => faults.add(list), list: () => faults.list(), clear: () => faults.clear() },
    doors: { connections: () => doors.connections(), onConnection: (listener) => doors.onConnection(listener), setCertificate: (keys) => doors.setCertificate(keys) },
    expireTokens: () => context.tokens.expireAll(),
    prepare: (preparation) => applyPreparation(context.cloud, parseOpenStackPreparation(preparation)),
    reset() {
      context.cloud.clearTimers();
      context.cloud = freshCloud();
      faults.clear();
      faults.add(options.faults ?? []);
    },
    close() {
      closed ??= (async () => {
        context.cloud.clearTimers();
        await Promise.all(started.map((service) => service.close()));
      })();
      return closed;
    },
  };
}
