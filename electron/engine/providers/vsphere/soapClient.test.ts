import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../../shared/plan/secret';
import { memoryTrustStore } from '../../net/tlsTestKit';
import { failureOf } from '../../testing/failureOf';
import { VimClient } from './soapClient';

/*
 * A minimal vim25 peer: the envelope and fault shapes vCenter (and vcsim)
 * answer with, HTTP 500 for faults, the session cookie set by Login. It
 * reads requests with its own parser, so it checks what the client sends.
 */
const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true });
const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
const fault = (type: string, text: string): string =>
  envelope(`<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>${text}</faultstring><detail><${type}Fault xmlns="urn:vim25" xsi:type="${type}"></${type}Fault></detail></soapenv:Fault>`);
const serviceContent = envelope(
  '<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval><rootFolder type="Folder">group-d1</rootFolder><propertyCollector type="PropertyCollector">propertyCollector</propertyCollector><viewManager type="ViewManager">ViewManager</viewManager><about><fullName>VMware vCenter Server 8.0.2</fullName><apiType>VirtualCenter</apiType><apiVersion>8.0.2.0</apiVersion></about><sessionManager type="SessionManager">SessionManager</sessionManager></returnval></RetrieveServiceContentResponse>',
);

interface Peer {
  url: string;
  calls: Array<{ method: string; cookie: string | null; body: Record<string, unknown> }>;
  /** Sessions the server forgets (as after a vCenter restart). */
  expire(): void;
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

async function startPeer(password: string): Promise<Peer> {
  const calls: Peer['calls'] = [];
  const sessions = new Set<string>();
  let logins = 0;
  const read = (request: IncomingMessage): Promise<string> =>
    new Promise((resolve) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => resolve(text));
    });
  const server = createServer(async (request, response) => {
    const text = await read(request);
    const body = parser.parse(text).Envelope.Body as Record<string, Record<string, unknown>>;
    const method = Object.keys(body)[0] as string;
    const cookie = request.headers.cookie ?? null;
    calls.push({ method, cookie, body: body[method] as Record<string, unknown> });
    const send = (status: number, xml: string, headers: Record<string, string> = {}): void => {
      response.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8', ...headers });
      response.end(xml);
    };
    if (method === 'RetrieveServiceContent') return send(200, serviceContent);
    if (method === 'Login') {
      if (body.Login?.password !== password) return send(500, fault('InvalidLogin', 'Login failure'));
      const id = `vmware_soap_session="s${++logins}"`;
      sessions.add(id);
      return send(200, envelope('<LoginResponse xmlns="urn:vim25"><returnval><userName>admin</userName></returnval></LoginResponse>'), { 'Set-Cookie': `${id}; Path=/; HttpOnly` });
    }
    if (!cookie || !sessions.has(cookie)) return send(500, fault('NotAuthenticated', 'The session is not authenticated.'));
    if (method === 'CurrentTime') return send(200, envelope('<CurrentTimeResponse xmlns="urn:vim25"><returnval>2026-01-01T00:00:00Z</returnval></CurrentTimeResponse>'));
    if (method === 'Destroy_Task') return send(500, fault('ManagedObjectNotFound', 'The object has already been deleted or has not been completely created'));
    return send(500, fault('MethodNotFound', `${method} is not implemented`));
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    expire: () => sessions.clear(),
    close: () => new Promise((done) => server.close(() => done())),
  };
}

const clientFor = (peer: Peer, password: string): VimClient =>
  new VimClient({ endpoint: { name: 'vc1', url: peer.url, username: 'administrator@vsphere.local', password: new Secret(password), fingerprints: [], datacenter: null, cluster: null, credentialCell: { sheet: 'Endpoints', cell: 'F2' } }, trust: memoryTrustStore(), timeoutMs: 5000 });

const time = { type: 'ServiceInstance', value: 'ServiceInstance' };

describe('the vim25 SOAP client', () => {
  it('logs in once, sends the session cookie and the SOAPAction of the version vCenter announces', async () => {
    const peer = await startPeer('VMware1!');
    const client = clientFor(peer, 'VMware1!');
    const signal = AbortSignal.timeout(5000);
    expect(await client.call('CurrentTime', time, {}, signal)).toBe('2026-01-01T00:00:00Z');
    expect(await client.call('CurrentTime', time, {}, signal)).toBe('2026-01-01T00:00:00Z');
    expect(peer.calls.map((call) => call.method)).toEqual(['RetrieveServiceContent', 'Login', 'CurrentTime', 'CurrentTime']);
    expect(peer.calls.at(-1)?.cookie).toBe('vmware_soap_session="s1"');
    expect(peer.calls[1]?.body).toMatchObject({ _this: { '#text': 'SessionManager', '@_type': 'SessionManager' }, userName: 'administrator@vsphere.local' });
    client.close();
  });

  it('logs in again once on NotAuthenticated and repeats the call', async () => {
    const peer = await startPeer('VMware1!');
    const client = clientFor(peer, 'VMware1!');
    const signal = AbortSignal.timeout(5000);
    await client.call('CurrentTime', time, {}, signal);
    peer.expire();
    expect(await client.call('CurrentTime', time, {}, signal)).toBe('2026-01-01T00:00:00Z');
    expect(peer.calls.filter((call) => call.method === 'Login')).toHaveLength(2);
    expect(peer.calls.at(-1)?.cookie).toBe('vmware_soap_session="s2"');
    client.close();
  });

  it('refuses a wrong password once, naming the endpoint and the cell, and never sends it again', async () => {
    const peer = await startPeer('VMware1!');
    const client = clientFor(peer, 'wrong-password');
    const signal = AbortSignal.timeout(5000);
    const first = await failureOf(client.call('CurrentTime', time, {}, signal));
    const second = await failureOf(client.call('CurrentTime', time, {}, signal));
    expect(first.appError).toMatchObject({ code: 'auth', retryable: false, cell: { sheet: 'Endpoints', cell: 'F2' } });
    expect(first.appError.title).toContain('vCenter vc1 refused the login as administrator@vsphere.local: Login failure');
    expect(second.appError.code).toBe('auth');
    expect(peer.calls.filter((call) => call.method === 'Login')).toHaveLength(1);
    expect(JSON.stringify(first.appError)).not.toContain('wrong-password');
    client.close();
  });

  it('turns a fault into an error naming the method, the object, the fault type and faultstring', async () => {
    const peer = await startPeer('VMware1!');
    const client = clientFor(peer, 'VMware1!');
    const failure = await failureOf(client.call('Destroy_Task', { type: 'VirtualMachine', value: 'vm-42' }, {}, AbortSignal.timeout(5000)));
    expect(failure.appError.code).toBe('not_found');
    expect(failure.appError.title).toBe('vCenter vc1: Destroy_Task on VirtualMachine vm-42 failed: The object has already been deleted or has not been completely created (ManagedObjectNotFound).');
    client.close();
  });

  it('says clearly when the address answers something that is not SOAP', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html><body>Welcome</body>');
    });
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const peer = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } as Peer;
    const failure = await failureOf(clientFor(peer, 'x').serviceContent(AbortSignal.timeout(5000)));
    expect(failure.appError.title).toBe('vCenter vc1: RetrieveServiceContent answered HTTP 200 without a SOAP envelope.');
  });
});
