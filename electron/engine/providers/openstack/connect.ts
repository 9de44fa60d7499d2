import type { TrustPrompt, TrustStore } from '../../net';
import type { StepContext } from '../../runner/types';
import type { HostKeyStore, TunnelPool } from '../../ssh';
import type { FileHashCache } from '../../transfer';
import { OpenStackSession } from './session';
import type { ResolvedOpenStackEndpoint } from './types';

export interface OpenStackDeps {
  resolveEndpoint(name: string): ResolvedOpenStackEndpoint;
  trust: TrustStore;
  prompt?: TrustPrompt;
  hostKeys?: HostKeyStore;
  workbookDir: string;
  fileHashes?: FileHashCache;
  /** Request and response lines in the step log (secrets removed). */
  httpDebug?: boolean;
  /** Waits between polls of a server or an image. Default 2 s. */
  pollMs?: number;
  /** A pool to use instead of each session's own (tests watch its tunnels). */
  tunnels?: TunnelPool;
  onRequest?: ConstructorParameters<typeof OpenStackSession>[0]['onRequest'];
}

/** The run's one session with an endpoint, shared by all its steps; closed when the run settles. */
export function sessionFor(deps: OpenStackDeps, ctx: Pick<StepContext, 'sessions' | 'log'>, endpointName: string): OpenStackSession {
  return ctx.sessions.get(`openstack:${endpointName}`, () => {
    const session = new OpenStackSession({
      endpoint: deps.resolveEndpoint(endpointName),
      trust: deps.trust,
      ...(deps.prompt ? { prompt: deps.prompt } : {}),
      ...(deps.hostKeys ? { hostKeys: deps.hostKeys } : {}),
      ...(deps.tunnels ? { tunnels: deps.tunnels } : {}),
      ...(deps.httpDebug ? { httpLog: ctx.log } : {}),
      ...(deps.onRequest ? { onRequest: deps.onRequest } : {}),
    });
    return { value: session, close: () => session.close() };
  });
}

/** Waits `ms`, or rejects when the step is cancelled. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
