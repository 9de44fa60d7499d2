import { createHash } from 'node:crypto';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { XMLParser } from 'fast-xml-parser';

/*
 * A minimal vim25 SOAP client for the lab's tests, written from the vSphere
 * Web Services API reference (envelopes, ServiceContent, PropertyCollector),
 * independent of the engine's provider: it checks what vcsim-lab serves.
 */
export interface Ref {
  type: string;
  value: string;
}

export class SoapFault extends Error {
  constructor(readonly faultType: string, message: string) {
    super(message);
  }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false });
const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
export const refXml = (tag: string, ref: Ref) => `<${tag} type="${ref.type}">${escapeXml(ref.value)}</${tag}>`;
export const textXml = (tag: string, text: string) => `<${tag}>${escapeXml(text)}</${tag}>`;

export class SoapTestClient {
  private cookie = '';
  /** SHA-256 of the certificate the server presented on the last call, `AB:CD:...`. */
  lastFingerprint = '';
  content: Record<string, Ref> = {};

  constructor(private readonly sdk: string) {}

  async call(method: string, thisRef: Ref, body = ''): Promise<unknown> {
    const envelope = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:vim25"><soapenv:Body><${method}>${refXml('_this', thisRef)}${body}</${method}></soapenv:Body></soapenv:Envelope>`;
    const { status, text } = await this.post(envelope);
    const parsed = parser.parse(text) as { Envelope: { Body: Record<string, unknown> } };
    const result = parsed.Envelope.Body;
    if (status !== 200 || 'Fault' in result) {
      const fault = result.Fault as { faultstring?: string; detail?: Record<string, unknown> };
      throw new SoapFault(Object.keys(fault?.detail ?? {})[0] ?? 'unknown', fault?.faultstring ?? `HTTP ${status}`);
    }
    return (result[`${method}Response`] as { returnval?: unknown } | undefined)?.returnval;
  }

  async connect(): Promise<void> {
    const content = (await this.call('RetrieveServiceContent', { type: 'ServiceInstance', value: 'ServiceInstance' })) as Record<string, { '@type': string; '#text': string }>;
    for (const [key, value] of Object.entries(content)) if (value && typeof value === 'object' && '@type' in value) this.content[key] = asRef(value);
  }

  login(username: string, password: string): Promise<unknown> {
    return this.call('Login', this.content.sessionManager!, textXml('userName', username) + textXml('password', password));
  }

  async find(path: string): Promise<Ref | null> {
    const found = await this.call('FindByInventoryPath', this.content.searchIndex!, textXml('inventoryPath', path));
    return found ? asRef(found as { '@type': string; '#text': string }) : null;
  }

  /** The named properties of one object, as parsed XML values. */
  async properties(ref: Ref, paths: string[]): Promise<Record<string, unknown>> {
    const spec = `<specSet><propSet>${textXml('type', ref.type)}${paths.map((path) => textXml('pathSet', path)).join('')}</propSet><objectSet>${refXml('obj', ref)}</objectSet></specSet>`;
    const returned = (await this.call('RetrieveProperties', this.content.propertyCollector!, spec)) as { propSet?: unknown } | undefined;
    const props = [returned?.propSet ?? []].flat() as Array<{ name: string; val: unknown }>;
    return Object.fromEntries(props.map((prop) => [prop.name, scalar(prop.val)]));
  }

  /** Runs a *_Task method and waits for it; a failed task throws its fault. */
  async task(method: string, thisRef: Ref, body = ''): Promise<unknown> {
    const task = asRef((await this.call(method, thisRef, body)) as { '@type': string; '#text': string });
    for (;;) {
      const { info } = (await this.properties(task, ['info'])) as { info: { state: string; result?: unknown; error?: { localizedMessage?: string } } };
      if (info.state === 'success') return info.result;
      if (info.state === 'error') throw new SoapFault('task', info.error?.localizedMessage ?? `${method} failed`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private post(envelope: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        this.sdk,
        {
          method: 'POST',
          // The test checks the presented certificate itself (lastFingerprint) against the lab's.
          rejectUnauthorized: false,
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'urn:vim25/6.5', ...(this.cookie ? { cookie: this.cookie } : {}) },
        },
        (res) => {
          const raw = (res.socket as TLSSocket).getPeerCertificate().raw;
          this.lastFingerprint = createHash('sha256').update(raw).digest('hex').toUpperCase().match(/../g)!.join(':');
          const setCookie = res.headers['set-cookie']?.[0];
          if (setCookie) this.cookie = setCookie.split(';')[0]!;
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(envelope);
    });
  }
}

export const asRef = (value: { '@type': string; '#text': string }): Ref => ({ type: value['@type'], value: value['#text'] });

/** `<val xsi:type="xsd:long">5</val>` parses as `{ '#text': '5', '@type': 'xsd:long' }`: the test wants `'5'` (enums alike). */
const scalar = (value: unknown): unknown =>
  value && typeof value === 'object' && '#text' in value && Object.keys(value).every((key) => key === '#text' || key === '@type') ? (value as { '#text': string })['#text'] : value;
