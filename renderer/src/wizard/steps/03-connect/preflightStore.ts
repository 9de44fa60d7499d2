import { create } from 'zustand';
import type { Certificate, EndpointPreflight, HostKey, JumpHostPreflight } from '../../../../../shared/contract/wizardChannels';
import type { AppError } from '../../../../../shared/errors';
import { call } from '../../../api/client';
import { planRefOf, useWorkbookStore } from '../../../features/workbook/workbookStore';
import { mergeByName } from '../../../lib/preflight';

/*
 * The endpoint checks of one import and target (`key`). Checking everything
 * replaces the list; checking one endpoint replaces its entry only.
 *
 *   idle ──checkAll──> checking ──reply──> done ──checkAll / checkEndpoint──> checking / done (one endpoint busy)
 *                         └──failure──> failed
 *
 * A certificate the user trusts is pinned (trust:accept) and its endpoint
 * checked again; one the user rejects stays a blocker, marked as rejected,
 * until the endpoint is checked again. Only an 'unknown' certificate may be
 * trusted that way: a 'changed' one goes through replacePin (trust:replace),
 * which the engine grants only with the typed confirmation. Jump hosts' SSH
 * host keys follow the same rules (kind 'ssh'); re-checking a jump host
 * touches no endpoint, and the reverse.
 */
export type PreflightStatus = 'idle' | 'checking' | 'done' | 'failed';

interface PreflightState {
  /** `importId:lab` of the workbook the results belong to. */
  key: string | null;
  status: PreflightStatus;
  endpoints: EndpointPreflight[];
  jumpHosts: JumpHostPreflight[];
  /** Endpoints and jump hosts being checked alone (their names). */
  busy: string[];
  error: AppError | null;
  /** Fingerprints the user rejected since they were last checked. */
  rejected: string[];
  checkAll(): Promise<void>;
  checkEndpoint(name: string): Promise<void>;
  trust(name: string): Promise<boolean>;
  /** Revokes the old pin(s) of a changed certificate and pins the presented one; `confirmation` is what the user typed. */
  replacePin(name: string, confirmation: string): Promise<boolean>;
  reject(name: string): void;
  checkJumpHost(name: string): Promise<void>;
  trustHostKey(name: string): Promise<boolean>;
  replaceHostKey(name: string, confirmation: string): Promise<boolean>;
  rejectHostKey(name: string): void;
  dismissError(): void;
}

export function preflightKeyOf(workbook: { importId: number; lab: boolean }): string {
  return `${workbook.importId}:${workbook.lab}`;
}

const currentKey = (): string => preflightKeyOf(useWorkbookStore.getState());

const pinRequest = (certificate: Certificate) => ({
  kind: 'tls' as const,
  host: certificate.host,
  port: certificate.port,
  fingerprint: certificate.fingerprint,
  subject: certificate.subject || null,
});

const hostKeyPinRequest = (key: HostKey) => ({ kind: 'ssh' as const, host: key.host, port: key.port, fingerprint: key.fingerprint, subject: key.keyType });

/** Marks `name` busy while `pin` runs; on success checks it again (`recheck`), on failure keeps the error. */
async function pinAndRecheck(
  name: string,
  pin: () => Promise<{ ok: true } | { ok: false; error: AppError }>,
  recheck: (name: string) => Promise<void> = (endpoint) => usePreflightStore.getState().checkEndpoint(endpoint),
): Promise<boolean> {
  const { getState, setState } = usePreflightStore;
  setState({ busy: [...getState().busy, name], error: null });
  const reply = await pin();
  setState({ busy: getState().busy.filter((entry) => entry !== name) });
  if (!reply.ok) {
    setState({ error: reply.error });
    return false;
  }
  await recheck(name);
  return true;
}

export const usePreflightStore = create<PreflightState>()((set, get) => ({
  key: null,
  status: 'idle',
  endpoints: [],
  jumpHosts: [],
  busy: [],
  error: null,
  rejected: [],

  async checkAll() {
    const plan = planRefOf(useWorkbookStore.getState());
    const key = currentKey();
    // A check of another import or target is superseded; one of this very plan is already on its way.
    if (!plan || (get().status === 'checking' && get().key === key)) return;
    set({ key, status: 'checking', error: null, busy: [], rejected: [], ...(get().key === key ? {} : { endpoints: [], jumpHosts: [] }) });
    const reply = await call('preflight:run', { plan });
    if (get().key !== key) return;
    set(reply.ok ? { status: 'done', endpoints: reply.value.endpoints, jumpHosts: reply.value.jumpHosts } : { status: 'failed', error: reply.error });
  },

  async checkEndpoint(name) {
    const plan = planRefOf(useWorkbookStore.getState());
    const key = currentKey();
    if (!plan || get().key !== key || get().busy.includes(name)) return;
    set({ busy: [...get().busy, name], error: null });
    const reply = await call('preflight:run', { plan, endpoint: name });
    if (get().key !== key) return;
    const busy = get().busy.filter((entry) => entry !== name);
    if (!reply.ok) return set({ busy, error: reply.error });
    const fresh = reply.value.endpoints;
    const freshPrints = new Set(fresh.map((endpoint) => endpoint.certificate?.fingerprint));
    set({ busy, endpoints: mergeByName(get().endpoints, fresh), rejected: get().rejected.filter((print) => !freshPrints.has(print)) });
  },

  async trust(name) {
    const certificate = get().endpoints.find((entry) => entry.name === name)?.certificate;
    if (certificate?.trust.status !== 'unknown') return false;
    // One certificate several services presented (OpenStack's catalog) is pinned for each of their host:ports.
    const addresses = certificate.services ?? [{ host: certificate.host, port: certificate.port }];
    return pinAndRecheck(name, async () => {
      for (const address of addresses) {
        const reply = await call('trust:accept', { ...pinRequest(certificate), host: address.host, port: address.port });
        if (!reply.ok) return reply;
      }
      return { ok: true as const };
    });
  },

  async replacePin(name, confirmation) {
    const certificate = get().endpoints.find((entry) => entry.name === name)?.certificate;
    if (certificate?.trust.status !== 'changed') return false;
    return pinAndRecheck(name, () => call('trust:replace', { ...pinRequest(certificate), confirmation }));
  },

  reject(name) {
    const print = get().endpoints.find((entry) => entry.name === name)?.certificate?.fingerprint;
    if (print && !get().rejected.includes(print)) set({ rejected: [...get().rejected, print] });
  },

  async checkJumpHost(name) {
    const plan = planRefOf(useWorkbookStore.getState());
    const key = currentKey();
    if (!plan || get().key !== key || get().busy.includes(name)) return;
    set({ busy: [...get().busy, name], error: null });
    const reply = await call('preflight:run', { plan, jumpHost: name });
    if (get().key !== key) return;
    const busy = get().busy.filter((entry) => entry !== name);
    if (!reply.ok) return set({ busy, error: reply.error });
    const fresh = reply.value.jumpHosts;
    const freshPrints = new Set(fresh.map((jump) => jump.hostKey?.fingerprint));
    set({ busy, jumpHosts: mergeByName(get().jumpHosts, fresh), rejected: get().rejected.filter((print) => !freshPrints.has(print)) });
  },

  async trustHostKey(name) {
    const key = get().jumpHosts.find((entry) => entry.name === name)?.hostKey;
    if (key?.trust.status !== 'unknown') return false;
    return pinAndRecheck(name, () => call('trust:accept', hostKeyPinRequest(key)), get().checkJumpHost);
  },

  async replaceHostKey(name, confirmation) {
    const key = get().jumpHosts.find((entry) => entry.name === name)?.hostKey;
    if (key?.trust.status !== 'changed') return false;
    return pinAndRecheck(name, () => call('trust:replace', { ...hostKeyPinRequest(key), confirmation }), get().checkJumpHost);
  },

  rejectHostKey(name) {
    const print = get().jumpHosts.find((entry) => entry.name === name)?.hostKey?.fingerprint;
    if (print && !get().rejected.includes(print)) set({ rejected: [...get().rejected, print] });
  },

  dismissError() {
    set({ error: null });
  },
}));
