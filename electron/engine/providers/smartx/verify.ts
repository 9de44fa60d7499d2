import { AppFailure, appError } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { createHttpClient, fetchCertificate, sleep, type TrustPrompt, type TrustStore } from '../../net';
import { HttpFailure } from '../../net/httpErrors';
import type { ResolvedSmartxEndpoint, StepLog } from './types';
import { reasonOf } from './words';

export interface VerifyTimings {
  tries: number;
  intervalMs: number;
  timeoutMs: number;
}

export interface VerifyResult {
  url: string;
  fingerprint: string;
  subject: string;
  /** Named apart from the pipeline's `status` (SERVICE_READY) so the report labels them apart. */
  httpStatus: number;
}

/**
 * CloudTower is up when its HTTPS port answers (any HTTP status: the web
 * server is there). Tried 3 times, 10 s apart, as the design says. The
 * request goes through the pinned client, so an unknown certificate is
 * shown to the user for trust, and its fingerprint is logged.
 */
export async function verifyHttps(tower: ResolvedSmartxEndpoint, trust: TrustStore, prompt: TrustPrompt | undefined, signal: AbortSignal, log: StepLog, timings: VerifyTimings): Promise<VerifyResult> {
  const url = new URL(tower.url);
  const port = Number(url.port) || 443;
  let last: unknown = null;
  for (let attempt = 1; attempt <= timings.tries; attempt++) {
    const http = createHttpClient({ baseURL: tower.url, trust, ...(prompt ? { prompt } : {}), expectedFingerprints: tower.fingerprints, timeoutMs: timings.timeoutMs });
    try {
      const certificate = await fetchCertificate(url.hostname, port, signal, { timeoutMs: timings.timeoutMs });
      log('info', text('smartx.log.certificate', { name: tower.name, subject: certificate.subject, issuer: certificate.issuer, fingerprint: certificate.fingerprint }));
      let status = 0;
      try {
        status = (await http.get('/', { signal, validateStatus: () => true })).status;
      } catch (error) {
        // A page that is not JSON still proves the server is up.
        if (error instanceof HttpFailure && error.status !== undefined) status = error.status;
        else throw error;
      }
      log('info', text('smartx.log.httpsAnswered', { url: `https://${url.host}/`, status, attempt, tries: timings.tries }));
      return { url: tower.url, fingerprint: certificate.fingerprint, subject: certificate.subject, httpStatus: status };
    } catch (error) {
      if (signal.aborted || (error instanceof AppFailure && error.appError.code === 'tls_untrusted')) throw error;
      last = error;
      log('warn', text('smartx.log.httpsNotYet', { name: tower.name, attempt, tries: timings.tries, error: reasonOf(error, (said) => said) }));
      if (attempt < timings.tries) await sleep(timings.intervalMs, signal, text('wait.smartxVerify'));
    } finally {
      http.close();
    }
  }
  throw new AppFailure(
    appError('network', text('smartx.verify.noAnswer', { name: tower.name, url: `https://${url.host}/`, tries: timings.tries, seconds: Math.round(timings.intervalMs / 1000) }), {
      hint: text('smartx.verify.noAnswerHint'),
      retryable: true,
      detail: last instanceof Error ? last.message : undefined,
    }),
  );
}
