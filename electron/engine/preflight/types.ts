import type { EndpointPreflight } from '../../../shared/contract/wizardChannels';
import type { preflightCheckIds, preflightStatuses } from '../../../shared/contract/wizardChannels';
import type { AppError, ErrorWords } from '../../../shared/errors';
import { say, type TextRef } from '../../../shared/i18n/engineText';
import type { TrustStore } from '../net';
import type { ProviderRegistry } from '../providers/registry';

export type PreflightCheckId = (typeof preflightCheckIds)[number];
export type PreflightStatus = (typeof preflightStatuses)[number];
export type PreflightCheck = EndpointPreflight['checks'][number];
export type NodeCapacity = EndpointPreflight['nodes'][number];
export type { EndpointPreflight };

/** A TCP connect's outcome; `refused` still means a host answered at that address. */
export type TcpOutcome = { state: 'open' } | { state: 'closed'; code: string; message: string; text?: TextRef };
export type TcpProbe = (host: string, port: number, timeoutMs: number, signal?: AbortSignal) => Promise<TcpOutcome>;

export interface PreflightOptions {
  /** Pins are read (never written) to decide whether a certificate is trusted. */
  trust: TrustStore;
  /** A lab rehearsal: the endpoints the plan deploys onto already point at the lab, its addresses are fictional. */
  lab: boolean;
  /** Who logs into each kind of endpoint; default the built-in providers. */
  providers?: ProviderRegistry;
  /** Only this endpoint of the plan (by name). */
  endpoint?: string | undefined;
  signal?: AbortSignal;
  /** Replaceable for tests; defaults to a real TCP connect. */
  probe?: TcpProbe;
  /** Ports that tell a planned address is already in use; default 22 (SSH) and 3389 (RDP). */
  ipPorts?: number[];
  timeouts?: Partial<PreflightTimeouts>;
}

export interface PreflightTimeouts {
  connectMs: number;
  tlsMs: number;
  apiMs: number;
  ipProbeMs: number;
}

export const defaultTimeouts: PreflightTimeouts = { connectMs: 3000, tlsMs: 5000, apiMs: 10_000, ipProbeMs: 500 };

/** A check's result; catalogue text keeps its English in `message`/`detail` and its key in `text`/`detailText`. */
export function check(id: PreflightCheckId, status: PreflightStatus, message: ErrorWords, detail: ErrorWords | null = null): PreflightCheck {
  return withWords({ id, status }, message, detail);
}

export function withWords<C extends { id: string; status: PreflightStatus }>(base: C, message: ErrorWords, detail: ErrorWords | null): C & Omit<PreflightCheck, 'id' | 'status'> {
  const result: C & Omit<PreflightCheck, 'id' | 'status'> = {
    ...base,
    message: typeof message === 'string' ? message : say('en', message),
    detail: detail === null || typeof detail === 'string' ? detail : say('en', detail),
  };
  if (typeof message !== 'string') result.text = message;
  if (detail !== null && typeof detail !== 'string') result.detailText = detail;
  return result;
}

/** An error's hint or detail as a check's detail: the hint's catalogue text when it has one. */
export function errorDetail(error: AppError, prefer: 'hint' | 'detail' = 'hint'): ErrorWords | null {
  const hint = error.hintText ?? error.hint;
  return prefer === 'hint' ? (hint ?? error.detail ?? null) : (error.detail ?? hint ?? null);
}
