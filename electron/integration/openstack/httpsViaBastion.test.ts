import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Plan } from '../../../shared/plan/model';
import { startOpenStackLab, type OpenStackLab } from '../../lab/openstack';
import type { LabConnection, LabService } from '../../lab/openstack/doors';
import { makeSelfSigned, memoryTrustStore, type KeyPair } from '../../engine/net/tlsTestKit';
import type { TrustPrompt } from '../../engine/net';
import { runPreflight } from '../../engine/preflight';
import { resolveOpenStackEndpoint } from '../../engine/providers/openstack/endpoint';
import { OpenStackSession } from '../../engine/providers/openstack/session';
import { openSshSkipReason, startOpenSsh, type OpenSshServer } from '../../engine/ssh/testing/openssh';
import { failureOf } from '../../engine/testing/failureOf';
import { simulatorPlan } from './simulatorPlan';
import { clientProcessOf } from './socketOwner';

/*
 * Issue 15: an OpenStack endpoint on HTTPS behind a jump host. The simulator
 * serves HTTPS with a self-signed certificate for `localhost`, and its
 * catalog names https://localhost:PORT; the plan reaches it only through
 * Debian's OpenSSH on loopback as the bastion (PermitOpen: exactly the four
 * service ports). Every connection a service accepts is traced to the
 * process holding its client end (/proc): it must be the bastion's sshd,
 * never this process. Trust, pins, prompts and errors must name the
 * catalog's localhost:PORT, never the tunnel's 127.0.0.1:<random>.
 */

const skip = openSshSkipReason();
if (skip) console.warn(`OpenStack over HTTPS through a bastion skipped: ${skip}`);

const signal = new AbortController().signal;
const portOf = (url: string): number => Number(new URL(url).port);

describe.skipIf(skip)('OpenStack on HTTPS through a jump host keeps its trust and its name', () => {
  let keys: KeyPair;
  let renewed: KeyPair;
  let lab: OpenStackLab;
  let bastion: OpenSshServer;
  let dir: string;
  let plan: Plan;
  /** The process behind each connection the services accepted, looked up as it was accepted. */
  const carriers: { service: LabService; process: string | null }[] = [];
  const sessions: OpenStackSession[] = [];

  beforeAll(async () => {
    keys = makeSelfSigned('os-head', 'DNS:localhost');
    renewed = makeSelfSigned('os-head', 'DNS:localhost');
    lab = await startOpenStackLab({ host: '127.0.0.1', advertisedHost: 'localhost', tls: keys, buildMs: 20 });
    const servicePorts = Object.values(lab.urls).map(portOf);
    bastion = await startOpenSsh({ permitOpen: servicePorts.map((port) => `localhost:${port}`) });
    lab.doors.onConnection((seen: Readonly<LabConnection>) => {
      carriers.push({ service: seen.service, process: clientProcessOf(seen.remotePort, portOf(lab.urls[seen.service])) });
    });
    dir = mkdtempSync(join(tmpdir(), 'rp-os-tls-'));
    plan = simulatorPlan(lab, dir, bastion);
  }, 60_000);

  afterEach(() => {
    for (const session of sessions.splice(0)) session.close();
  });

  afterAll(async () => {
    await Promise.all([lab?.close(), bastion?.stop()]);
  });

  function open(trust: ReturnType<typeof memoryTrustStore>, options: { prompt?: TrustPrompt; fingerprints?: string[] } = {}) {
    const requests: { url: string; sentTo: string }[] = [];
    const endpoint = { ...resolveOpenStackEndpoint(plan.endpoints[0]!, plan, dir), ...(options.fingerprints ? { fingerprints: options.fingerprints } : {}) };
    const session = new OpenStackSession({
      endpoint,
      trust,
      ...(options.prompt ? { prompt: options.prompt } : {}),
      timeoutMs: 15_000,
      onRequest: (request) => requests.push(request),
    });
    sessions.push(session);
    return { session, requests };
  }

  /** Connections accepted since `from`: each one carried by sshd, none opened by this process. */
  function expectAllTunnelled(from: number): void {
    const since = carriers.slice(from);
    expect(since.length).toBeGreaterThan(0);
    expect(since.filter((carrier) => !/^sshd/.test(carrier.process ?? ''))).toEqual([]);
  }

  it('an unknown certificate is refused naming the catalog host:port and its SHA-256; nothing is sent before trust', async () => {
    const before = lab.doors.connections().length;
    const carried = carriers.length;
    const { session, requests } = open(memoryTrustStore());
    const failure = await failureOf(session.call('compute', 'GET', '/flavors/detail', signal));
    const keystone = `localhost:${portOf(lab.urls.identity)}`;
    expect(failure.appError.code).toBe('tls_untrusted');
    expect(failure.appError.title).toContain(keystone);
    expect(failure.appError.title).toContain(keys.fingerprint);
    expect(failure.appError.title).not.toMatch(/127\.0\.0\.1/);
    // The password was never sent: the services received no application byte at all.
    const seen = lab.doors.connections().slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map((connection) => connection.bytes)).toEqual(seen.map(() => 0));
    expect(requests.map((request) => new URL(request.sentTo).hostname)).toEqual(['127.0.0.1']);
    expect(new URL(requests[0]!.sentTo).port).not.toBe(String(portOf(lab.urls.identity)));
    expectAllTunnelled(carried);
  });

  it('trusted (pinned for the catalog host:port), a login and calls go through the tunnel; a second run on new tunnel ports still trusts it; SNI is the catalog host', async () => {
    const trust = memoryTrustStore();
    const prompt = vi.fn<TrustPrompt>(async () => 'trust-always');
    const before = lab.doors.connections().length;
    const carried = carriers.length;
    const first = open(trust, { prompt });
    const flavors = await first.session.call<{ flavors: unknown[] }>('compute', 'GET', '/flavors/detail', signal);
    expect(Array.isArray(flavors.flavors)).toBe(true);
    await first.session.call('network', 'GET', '/v2.0/networks', signal);
    await first.session.call('image', 'GET', '/v2/images', signal);

    // Asked about and pinned for each service's own localhost:PORT, never a tunnel end.
    const asked = prompt.mock.calls.map(([request]) => `${request.host}:${request.port}`).sort();
    const services = ['identity', 'compute', 'network', 'image'] as const;
    expect(asked).toEqual(services.map((service) => `localhost:${portOf(lab.urls[service])}`).sort());
    expect(trust.pins.map((pin) => `${pin.host}:${pin.port}`).sort()).toEqual(asked);
    expect(new Set(trust.pins.map((pin) => pin.fingerprint))).toEqual(new Set([keys.fingerprint]));

    // Every request went to a tunnel's end, each for the catalog's localhost URL.
    expect(first.requests.length).toBeGreaterThanOrEqual(5);
    for (const request of first.requests) {
      expect(new URL(request.url).hostname).toBe('localhost');
      expect(new URL(request.sentTo).hostname).toBe('127.0.0.1');
    }
    const firstTunnels = await first.session.routes.tunnels();

    // The second run, while the first still holds its tunnels (so its ports are surely new): the pins hold, nobody is asked.
    prompt.mockClear();
    const second = open(trust, { prompt });
    await second.session.call('compute', 'GET', '/flavors/detail', signal);
    expect(prompt).not.toHaveBeenCalled();
    const secondTunnels = await second.session.routes.tunnels();
    const computeKey = `localhost:${portOf(lab.urls.compute)}`;
    expect(secondTunnels[computeKey]).toBeGreaterThan(0);
    expect(secondTunnels[computeKey]).not.toBe(firstTunnels[computeKey]);

    const seen = lab.doors.connections().slice(before);
    expect(seen.length).toBeGreaterThan(0);
    // Every connection that carried a request sent SNI localhost (one closed right after a prompt's handshake records none).
    const carrying = seen.filter((connection) => connection.bytes > 0);
    expect(carrying.length).toBeGreaterThan(0);
    expect(carrying.filter((connection) => connection.servername !== 'localhost')).toEqual([]);
    expect(seen.filter((connection) => connection.servername !== null && connection.servername !== 'localhost')).toEqual([]);
    expectAllTunnelled(carried);
  });

  it("the workbook's fingerprint is honoured through the tunnel without a pin or a question", async () => {
    const trust = memoryTrustStore();
    const prompt = vi.fn<TrustPrompt>(async () => 'reject');
    const { session } = open(trust, { prompt, fingerprints: [keys.fingerprint.replace(/:/g, '').toLowerCase()] });
    await session.call('compute', 'GET', '/flavors/detail', signal);
    expect(prompt).not.toHaveBeenCalled();
    expect(trust.pins).toEqual([]);
  });

  it('a changed certificate is refused through the tunnel, naming old and new, without asking and before a byte', async () => {
    const trust = memoryTrustStore();
    for (const url of Object.values(lab.urls)) trust.addPin({ kind: 'tls', host: 'localhost', port: portOf(url), fingerprint: keys.fingerprint, subject: null }, 0);
    lab.doors.setCertificate(renewed);
    try {
      const before = lab.doors.connections().length;
      const prompt = vi.fn<TrustPrompt>(async () => 'trust-always');
      const { session } = open(trust, { prompt });
      const failure = await failureOf(session.token(signal));
      expect(failure.appError.code).toBe('tls_untrusted');
      expect(failure.appError.title).toContain(`localhost:${portOf(lab.urls.identity)} changed`);
      expect(failure.appError.title).toContain(renewed.fingerprint);
      expect(failure.appError.title).toContain(keys.fingerprint);
      expect(prompt).not.toHaveBeenCalled();
      expect(trust.pins).toHaveLength(4);
      const seen = lab.doors.connections().slice(before);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((connection) => connection.bytes === 0)).toBe(true);
    } finally {
      lab.doors.setCertificate(keys);
    }
  });

  it("preflight through the jump host shows Keystone's certificate for its own host:port; once trusted, the login passes", async () => {
    const trust = memoryTrustStore();
    const before = lab.doors.connections().length;
    const carried = carriers.length;
    const [unknown] = await runPreflight(plan, { trust, lab: false, signal, timeouts: { apiMs: 15_000, tlsMs: 15_000 } });
    const keystonePort = portOf(lab.urls.identity);
    expect(unknown!.certificate).toMatchObject({ host: 'localhost', port: keystonePort, fingerprint: keys.fingerprint, trusted: false, trust: { status: 'unknown' } });
    const tls = unknown!.checks.find((entry) => entry.id === 'tls')!;
    expect(tls.status).toBe('blocker');
    expect(JSON.stringify(tls.message)).toContain(keys.fingerprint);
    expect(unknown!.checks.find((entry) => entry.id === 'reachable')!.status).toBe('ok');
    expect(unknown!.checks.find((entry) => entry.id === 'login')!.status).toBe('skipped');
    expect(lab.doors.connections().slice(before).every((connection) => connection.bytes === 0)).toBe(true);
    expectAllTunnelled(carried);

    // What trust:accept stores for the certificate the Connect screen showed.
    const shown = unknown!.certificate!;
    trust.addPin({ kind: 'tls', host: shown.host, port: shown.port, fingerprint: shown.fingerprint, subject: shown.subject }, 1);
    const [loggedIn] = await runPreflight(plan, { trust, lab: false, signal, timeouts: { apiMs: 15_000, tlsMs: 15_000 } });
    expect(loggedIn!.checks.find((entry) => entry.id === 'login')!.status).toBe('ok');
    // The catalog's other services, read through their own tunnels, asked about as the one certificate they share.
    const services = loggedIn!.certificate!;
    expect(services).toMatchObject({ host: 'localhost', fingerprint: keys.fingerprint, trusted: false, trust: { status: 'unknown' } });
    expect(services.services!.map((entry) => `${entry.service} ${entry.host}:${entry.port}`)).toEqual(
      (['compute', 'network', 'image'] as const).map((service) => `${service} localhost:${portOf(lab.urls[service])}`),
    );
    expect(loggedIn!.checks.find((entry) => entry.id === 'tls')!.status).toBe('blocker');
    // Named for the catalog's host:ports, never a tunnel end.
    expect(JSON.stringify([services, loggedIn!.checks.find((entry) => entry.id === 'tls')])).not.toMatch(/127\.0\.0\.1/);
    expectAllTunnelled(carried);

    for (const service of services.services!) trust.addPin({ kind: 'tls', host: service.host, port: service.port, fingerprint: services.fingerprint, subject: services.subject }, 2);
    const [trusted] = await runPreflight(plan, { trust, lab: false, signal, timeouts: { apiMs: 15_000, tlsMs: 15_000 } });
    expect(trusted!.certificate).toMatchObject({ host: 'localhost', port: keystonePort, trusted: true, trust: { status: 'trusted', by: 'pinned' } });
    expect(Object.fromEntries(trusted!.checks.map((entry) => [entry.id, entry.status]))).toMatchObject({ reachable: 'ok', tls: 'ok', login: 'ok', version: 'ok', capacity: 'ok', storages: 'ok' });
  });
});
