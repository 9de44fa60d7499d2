import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointPreflight } from '../../../shared/contract/wizardChannels';
import { say } from '../../../shared/i18n/engineText';
import type { Plan } from '../../../shared/plan/model';
import { makeSelfSigned, memoryTrustStore, type KeyPair } from '../../engine/net/tlsTestKit';
import { runPreflight } from '../../engine/preflight';
import { startOpenStackLab, type OpenStackLab } from '../../lab/openstack';
import { englishLeft } from '../englishLeft';
import { simulatorPlan } from './simulatorPlan';

/*
 * Issue 15: an OpenStack on HTTPS whose services answer on ports of their
 * own (the simulator's catalog: Keystone, Nova, Neutron and Glance each on
 * its own localhost:PORT, one certificate). Trusting Keystone's certificate
 * lets the password out; before a run would meet Nova's, Neutron's and
 * Glance's certificates mid-deployment, the Connect screen must be able to
 * ask about them, once for a certificate they share, and then pass.
 */

const signal = new AbortController().signal;
const portOf = (url: string): number => Number(new URL(url).port);
const timeouts = { apiMs: 15_000, tlsMs: 15_000 };

describe('OpenStack on HTTPS: the services beyond Keystone are trusted at Connect, not met mid-run', () => {
  let keys: KeyPair;
  let lab: OpenStackLab;
  let dir: string;
  let plan: Plan;

  beforeAll(async () => {
    keys = makeSelfSigned('os-head', 'DNS:localhost');
    lab = await startOpenStackLab({ host: '127.0.0.1', advertisedHost: 'localhost', tls: keys, buildMs: 20 });
    dir = mkdtempSync(join(tmpdir(), 'rp-os-services-'));
    plan = simulatorPlan(lab, dir);
  });

  afterAll(async () => {
    await lab?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const tlsOf = (result: EndpointPreflight) => result.checks.find((entry) => entry.id === 'tls')!;
  const statusOf = (result: EndpointPreflight) => Object.fromEntries(result.checks.map((entry) => [entry.id, entry.status]));

  it("asks about Keystone first, then once about the certificate Nova, Neutron and Glance share, and passes once it is pinned for each", async () => {
    const trust = memoryTrustStore();
    const [first] = await runPreflight(plan, { trust, lab: false, signal, timeouts });
    expect(first!.certificate).toMatchObject({ host: 'localhost', port: portOf(lab.urls.identity), trust: { status: 'unknown' } });
    expect(first!.certificate!.services).toBeUndefined();
    expect(statusOf(first!)).toMatchObject({ tls: 'blocker', login: 'skipped' });
    trust.addPin({ kind: 'tls', host: 'localhost', port: portOf(lab.urls.identity), fingerprint: keys.fingerprint, subject: null }, 1);

    const [second] = await runPreflight(plan, { trust, lab: false, signal, timeouts });
    // Logged in; the run would go on to three more host:ports, none trusted: asked about as one certificate.
    expect(statusOf(second!)).toMatchObject({ reachable: 'ok', tls: 'blocker', login: 'ok', version: 'skipped', capacity: 'skipped', templates: 'skipped', storages: 'skipped' });
    const asked = second!.certificate!;
    expect(asked).toMatchObject({ host: 'localhost', fingerprint: keys.fingerprint, trusted: false, trust: { status: 'unknown' } });
    const services = ['compute', 'network', 'image'] as const;
    expect(asked.services).toEqual(services.map((service) => ({ service, host: 'localhost', port: portOf(lab.urls[service]) })));
    expect(asked.port).toBe(portOf(lab.urls.compute));
    const tls = tlsOf(second!);
    for (const service of services) expect(tls.message).toContain(`${service} at localhost:${portOf(lab.urls[service])}`);
    expect(tls.message).toContain(keys.fingerprint);
    // Said in Chinese with the services and the fingerprint as they are.
    const zh = say('zh', tls.text!);
    expect(englishLeft(zh, [keys.fingerprint, 'os-head', ...services])).toEqual([]);

    // What the Connect screen's Trust stores for it: a pin for each service that presented it.
    for (const service of asked.services!) trust.addPin({ kind: 'tls', host: service.host, port: service.port, fingerprint: asked.fingerprint, subject: asked.subject }, 2);
    const [third] = await runPreflight(plan, { trust, lab: false, signal, timeouts });
    expect(statusOf(third!)).toMatchObject({ reachable: 'ok', tls: 'ok', login: 'ok', version: 'ok', capacity: 'ok', storages: 'ok' });
    expect(third!.certificate).toMatchObject({ port: portOf(lab.urls.identity), trusted: true });
  });

  it("a service not pinned yet is asked about by itself; the workbook's fingerprint covers every service without a pin", async () => {
    const trust = memoryTrustStore();
    trust.addPin({ kind: 'tls', host: 'localhost', port: portOf(lab.urls.identity), fingerprint: keys.fingerprint, subject: null }, 1);
    trust.addPin({ kind: 'tls', host: 'localhost', port: portOf(lab.urls.compute), fingerprint: keys.fingerprint, subject: null }, 1);
    trust.addPin({ kind: 'tls', host: 'localhost', port: portOf(lab.urls.image), fingerprint: keys.fingerprint, subject: null }, 1);
    const [result] = await runPreflight(plan, { trust, lab: false, signal, timeouts });
    expect(result!.certificate!.services).toEqual([{ service: 'network', host: 'localhost', port: portOf(lab.urls.network) }]);

    const named = simulatorPlan(lab, dir);
    named.endpoints[0]!.tlsFingerprint = keys.fingerprint;
    const [expected] = await runPreflight(named, { trust: memoryTrustStore(), lab: false, signal, timeouts });
    expect(statusOf(expected!)).toMatchObject({ tls: 'ok', login: 'ok', version: 'ok' });
  });
});
