import { AppFailure, appError } from '../../../../shared/errors';
import { text as catalogueText, type TextRef } from '../../../../shared/i18n/engineText';
import { createHttpClient, type HttpClient, type HttpLog, type TrustPrompt, type TrustStore } from '../../net';
import { LoginRefused, type EndpointSession } from '../../net/endpointSessions';
import { Redactor } from '../../util/redactor';
import { faultFromEnvelope, isFaultOf, type VimCall } from './faults';
import { openVimSession } from './session';
import type { ResolvedVsphereEndpoint, VimCookie } from './types';
import { child, envelope, moref, parseXml, text, type MoRef, type XmlNode } from './xml';

export interface VimClientOptions {
  endpoint: ResolvedVsphereEndpoint;
  trust: TrustStore;
  prompt?: TrustPrompt;
  /** Per request; default 60 s (RetrievePropertiesEx on a big inventory takes a while). */
  timeoutMs?: number;
  httpLog?: HttpLog;
  /** The endpoint's session, shared by the run's clients (see runVimSession); without one the client logs in itself. */
  session?: EndpointSession<VimCookie>;
}

/** The managed objects every call starts from (`RetrieveServiceContent`). */
export interface ServiceContent {
  rootFolder: MoRef;
  propertyCollector: MoRef;
  viewManager: MoRef;
  sessionManager: MoRef;
  fileManager: MoRef | null;
  /** `VMware vCenter Server 8.0.2 build-...`. */
  fullName: string;
  apiVersion: string;
  apiType: string;
}

const serviceInstance: MoRef = { type: 'ServiceInstance', value: 'ServiceInstance' };
const cookieName = 'vmware_soap_session';

/**
 * A vim25 SOAP client: envelopes built and answers parsed with
 * fast-xml-parser, faults as VimFaults naming the call and the object,
 * the session cookie from the endpoint's shared session. A call that meets
 * `NotAuthenticated` (the session timed out, vCenter restarted) tells the
 * session, which logs in again once, and is sent once more.
 */
export class VimClient {
  readonly endpointName: string;
  readonly http: HttpClient;
  private readonly redactor = new Redactor();
  private content: ServiceContent | null = null;
  private ownSession: EndpointSession<VimCookie> | null = null;

  constructor(private readonly options: VimClientOptions) {
    this.endpointName = options.endpoint.name;
    this.redactor.add(options.endpoint.password.reveal());
    this.http = createHttpClient({
      baseURL: options.endpoint.url.replace(/\/+$/, ''),
      trust: options.trust,
      ...(options.prompt ? { prompt: options.prompt } : {}),
      expectedFingerprints: options.endpoint.fingerprints,
      timeoutMs: options.timeoutMs ?? 60_000,
      redactor: this.redactor,
      ...(options.httpLog ? { onLog: options.httpLog } : {}),
    });
  }

  /** The service content, read once per client (it needs no session). */
  async serviceContent(signal: AbortSignal): Promise<ServiceContent> {
    if (this.content) return this.content;
    const answer = await this.send('RetrieveServiceContent', serviceInstance, {}, null, signal);
    const about = child(answer, 'about');
    const need = (name: string): MoRef => {
      const found = moref(child(answer, name));
      if (!found) throw this.malformed(catalogueText('vsphere.soap.contentLacks', { endpoint: this.endpointName, name }));
      return found;
    };
    this.content = {
      rootFolder: need('rootFolder'),
      propertyCollector: need('propertyCollector'),
      viewManager: need('viewManager'),
      sessionManager: need('sessionManager'),
      fileManager: moref(child(answer, 'fileManager')),
      fullName: text(child(about, 'fullName')) ?? '',
      apiVersion: text(child(about, 'apiVersion')) ?? '',
      apiType: text(child(about, 'apiType')) ?? '',
    };
    return this.content;
  }

  /** One call with the session's cookie: the `returnval` of its answer (undefined for a void method). */
  async call(method: string, thisRef: MoRef, args: XmlNode, signal: AbortSignal): Promise<unknown> {
    const session = this.session;
    for (let attempt = 1; ; attempt++) {
      const credential = await session.current(signal);
      this.redactor.add(credential.cookie);
      try {
        return await this.send(method, thisRef, args, credential.cookie, signal);
      } catch (error) {
        if (!isFaultOf(error, 'NotAuthenticated') || attempt > 1) throw error;
        await session.expired(credential, signal);
      }
    }
  }

  /** `SessionManager.Login`; InvalidLogin is a LoginRefused, which the session never sends again. */
  async login(signal: AbortSignal): Promise<VimCookie> {
    const { sessionManager } = await this.serviceContent(signal);
    const { username, password } = this.options.endpoint;
    const response = await this.post('Login', sessionManager, { userName: username, password: password.reveal() }, null, signal).catch((error: unknown) => {
      if (!isFaultOf(error, 'InvalidLogin')) throw error;
      const cell = this.options.endpoint.credentialCell;
      throw new LoginRefused(
        appError('auth', catalogueText('vsphere.login.refused', { endpoint: this.endpointName, user: username, message: error.faultString }), {
          hint: cell
            ? catalogueText('vsphere.hint.loginRefusedAt', { endpoint: this.endpointName, cell: `${cell.sheet}!${cell.cell}` })
            : catalogueText('vsphere.hint.loginRefused', { endpoint: this.endpointName }),
          retryable: false,
          ...(cell ? { cell } : {}),
        }),
      );
    });
    const cookie = sessionCookie(response.headers['set-cookie']);
    if (!cookie) throw new AppFailure(appError('auth', catalogueText('vsphere.login.noCookie', { endpoint: this.endpointName, user: username, cookie: cookieName }), { retryable: false }));
    this.redactor.add(cookie);
    return { cookie };
  }

  /** Ends a session (best effort: an expired one is gone already). */
  async logout(credential: VimCookie, signal: AbortSignal): Promise<void> {
    const { sessionManager } = await this.serviceContent(signal);
    await this.send('Logout', sessionManager, {}, credential.cookie, signal);
  }

  /** A cheap call that resets the session's idle timer on vCenter. */
  async keepAlive(credential: VimCookie, signal: AbortSignal): Promise<void> {
    await this.send('CurrentTime', serviceInstance, {}, credential.cookie, signal);
  }

  redact(textToClean: string): string {
    return this.redactor.redact(textToClean);
  }

  /** Hides a value (a guest password, a product key) from every message this client writes. */
  addSecret(value: string | null | undefined): void {
    this.redactor.add(value);
  }

  /** The session cookie header for calls outside SOAP (datastore uploads). */
  async cookieHeader(signal: AbortSignal): Promise<string> {
    const credential = await this.session.current(signal);
    return credential.cookie;
  }

  /** Drops the pooled connections; a session of the client's own is logged out first (vCenter limits sessions), without waiting long. */
  close(): void {
    const own = this.ownSession;
    const ready = own?.stateName === 'ready' ? own.current(AbortSignal.timeout(5000)) : null;
    own?.close();
    if (!ready) {
      this.http.close();
      return;
    }
    void ready
      .then((credential) => this.logout(credential, AbortSignal.timeout(5000)))
      .catch(() => undefined)
      .finally(() => this.http.close());
  }

  private get session(): EndpointSession<VimCookie> {
    if (this.options.session) return this.options.session;
    // A client used outside a run (preflight) keeps a session of its own.
    this.ownSession ??= openVimSession(this);
    return this.ownSession;
  }

  private async send(method: string, thisRef: MoRef, args: XmlNode, cookie: string | null, signal: AbortSignal): Promise<unknown> {
    const response = await this.post(method, thisRef, args, cookie, signal);
    return response.returnval;
  }

  private async post(method: string, thisRef: MoRef, args: XmlNode, cookie: string | null, signal: AbortSignal): Promise<{ returnval: unknown; headers: Record<string, unknown> }> {
    const call: VimCall = { endpoint: this.endpointName, method, object: thisRef };
    const version = this.content?.apiVersion || '6.5';
    const response = await this.http.post<string>('/sdk', envelope(method, thisRef, args), {
      headers: { 'Content-Type': 'text/xml; charset="utf-8"', SOAPAction: `urn:vim25/${version}`, ...(cookie ? { Cookie: cookie } : {}) },
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      // Faults come as 500 with a SOAP body: read them here, not as HTTP errors.
      validateStatus: (status) => status === 200 || status === 500,
      signal,
    });
    const body = child(child(parseXml(String(response.data ?? '')), 'Envelope'), 'Body');
    if (body === undefined) throw this.malformed(catalogueText('vsphere.soap.noEnvelope', { endpoint: this.endpointName, method, status: response.status }));
    const fault = child(body, 'Fault');
    if (fault !== undefined) throw faultFromEnvelope(fault, call);
    if (response.status !== 200) throw this.malformed(catalogueText('vsphere.soap.noFault', { endpoint: this.endpointName, method, status: response.status }));
    const answer = child(body, `${method}Response`);
    if (answer === undefined) throw this.malformed(catalogueText('vsphere.soap.noResponse', { endpoint: this.endpointName, method }));
    return { returnval: child(answer, 'returnval'), headers: response.headers as Record<string, unknown> };
  }

  private malformed(title: TextRef): AppFailure {
    return new AppFailure(
      appError('network', title, {
        hint: catalogueText('vsphere.hint.notSdk'),
        retryable: false,
      }),
    );
  }
}

/** The `name=value` of the session cookie among Set-Cookie headers. */
export function sessionCookie(header: unknown): string | null {
  const lines = Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
  for (const line of lines) {
    const first = String(line).split(';')[0]?.trim() ?? '';
    if (first.startsWith(`${cookieName}=`) && first.length > cookieName.length + 1) return first;
  }
  return null;
}
