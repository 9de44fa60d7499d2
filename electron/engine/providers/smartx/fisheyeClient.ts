import { AppFailure, appError } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { HttpFailure } from '../../net/httpErrors';
import { LoginRefused } from '../../net/endpointSessions';
import { TokenApi, type ApiRequest } from './tokenApi';
import { retitled } from './words';

type Query = Record<string, string | number | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== null && value !== undefined) params.set(key, String(value));
  const encoded = params.toString();
  return encoded ? `${path}?${encoded}` : path;
}

/** The `ec`/`error` of SMTX OS's v2 envelope, from a 2xx or an error body. */
function envelopeError(body: unknown): { ec: string; message: string } | null {
  if (body === null || typeof body !== 'object' || !('ec' in body)) return null;
  const { ec, error } = body as { ec: unknown; error?: unknown };
  if (ec === 'EOK') return null;
  const detail = error && typeof error === 'object' ? ((error as { msg?: unknown; message?: unknown }).msg ?? (error as { message?: unknown }).message) : error;
  return { ec: String(ec), message: typeof detail === 'string' && detail ? detail : String(ec) };
}

/**
 * SMTX OS's own API ("fisheye", `https://VIP/api`): `POST /api/v3/sessions`
 * gives a token sent as `X-SmartX-Token`; v2 answers `{ec: "EOK", error, data}`
 * and any other `ec` is a failure, whatever the HTTP status says.
 */
export class FisheyeClient extends TokenApi {
  async login(signal: AbortSignal): Promise<string> {
    const { endpoint } = this.options;
    let body: unknown;
    try {
      body = await this.send(
        { method: 'POST', url: '/api/v3/sessions', data: () => ({ body: { username: endpoint.username, password: endpoint.password.reveal() } }) },
        signal,
        false,
      );
    } catch (error) {
      if (error instanceof HttpFailure && (error.status === 400 || error.status === 401 || error.status === 403)) throw this.refused(error);
      throw error;
    }
    const token = (body as { token?: unknown } | null)?.token ?? (body as { data?: { token?: unknown } } | null)?.data?.token;
    if (typeof token !== 'string' || token === '') {
      throw new AppFailure(appError('auth', text('smartx.fisheye.noToken', { name: this.endpointName }), { retryable: false }));
    }
    this.redactor.add(token);
    return token;
  }

  protected authHeaders(token: string): Record<string, string> {
    return { 'X-SmartX-Token': token };
  }

  private refused(failure: HttpFailure): LoginRefused {
    const { endpoint } = this.options;
    const said = envelopeError(failure.data)?.message ?? `HTTP ${failure.status}`;
    return new LoginRefused(
      appError('auth', text('smartx.fisheye.refused', { name: this.endpointName, user: endpoint.username, said: this.redact(said) }), {
        hint: endpoint.credentialCell ? text('smartx.fisheye.refusedHintCell', { cell: `${endpoint.credentialCell.sheet}!${endpoint.credentialCell.cell}` }) : text('smartx.fisheye.refusedHint'),
        retryable: false,
        ...(endpoint.credentialCell ? { cell: endpoint.credentialCell } : {}),
      }),
    );
  }

  /** A v2 call: answers `data`, or fails with the platform's `ec` and message. */
  async call<T>(method: ApiRequest['method'], path: string, signal: AbortSignal, options: { query?: Query; body?: unknown; data?: ApiRequest['data']; timeoutMs?: number } = {}): Promise<T> {
    const url = withQuery(path, options.query);
    const data = options.data ?? (options.body !== undefined ? () => ({ body: options.body }) : undefined);
    let body: unknown;
    try {
      body = await this.send({ method, url, ...(data ? { data } : {}), ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) }, signal);
    } catch (error) {
      const said = error instanceof HttpFailure ? envelopeError(error.data) : null;
      if (error instanceof HttpFailure && said) {
        throw new HttpFailure(
          retitled(error.appError, text('smartx.fisheye.callFailed', { name: this.endpointName, method, path, ec: said.ec, said: this.redact(said.message) })),
          error.request,
          error.status,
          error.data,
        );
      }
      throw error;
    }
    const said = envelopeError(body);
    if (said) {
      throw new AppFailure(appError('step_failed', text('smartx.fisheye.callAnswered', { name: this.endpointName, method, path, ec: said.ec, said: this.redact(said.message) }), { retryable: false }));
    }
    if (body === null || typeof body !== 'object' || !('data' in body)) {
      throw new AppFailure(
        appError('network', text('smartx.fisheye.noEnvelope', { name: this.endpointName, method, path }), {
          hint: text('smartx.fisheye.noEnvelopeHint'),
          retryable: false,
        }),
      );
    }
    return (body as { data: T }).data;
  }
}
