import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppError } from '../../../shared/errors';
import type { TextRef } from '../../../shared/i18n/engineText';
import type { Plan } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import type { LogLevel, Progress, StepState } from '../../../shared/runModel';
import {
  createProxmoxStepKinds,
  ProxmoxClient,
  resolveProxmoxEndpoint,
  type ProxmoxDeps,
  type RecordedRequest,
} from '../../engine/providers/proxmox';
import { buildProxmoxSteps } from '../../engine/providers/proxmox/steps';
import { Runner, type RunnerOutcome, type StepSpec } from '../../engine/runner';
import { openStore, type RunStore } from '../../engine/store';
import { startLab, type LabHandle } from '../../lab';
import type { ProxmoxLabOptions } from '../../lab/proxmox';

/** Short lab latencies: the flows stay the same, the tests stay quick. */
export const quickLatency: ProxmoxLabOptions['latency'] = {
  taskMs: 20,
  tasks: { qmclone: 150, qmstart: 40, qmshutdown: 40, imgcopy: 30 },
  guestAgentMs: 50,
  authFailureMs: 10,
};

export interface Rehearsal {
  lab: LabHandle;
  store: RunStore;
  dir: string;
  requests: RecordedRequest[];
  /** The plan's endpoint, pointed at the lab (its fingerprint pinned in advance). */
  endpoint: { url: string; username: string; password: string; fingerprint: string };
  deps(plan: Plan, overrides?: Partial<ProxmoxDeps>): ProxmoxDeps;
  /** A client of its own on the lab, for checking what the provider did. */
  client(): ProxmoxClient;
  close(): Promise<void>;
}

export async function startRehearsal(options: ProxmoxLabOptions = {}): Promise<Rehearsal> {
  const lab = await startLab({ proxmox: { latency: quickLatency, ...options } });
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-pve-it-'));
  const store = openStore(join(dir, 'runs.sqlite'));
  const labEndpoint = lab.endpoints[0];
  if (!labEndpoint) throw new Error('the lab started without an endpoint');
  const endpoint = { url: labEndpoint.url, username: labEndpoint.username, password: labEndpoint.password, fingerprint: labEndpoint.fingerprint };
  const requests: RecordedRequest[] = [];
  const clients: ProxmoxClient[] = [];
  return {
    lab,
    store,
    dir,
    requests,
    endpoint,
    deps: (plan, overrides = {}) => ({
      resolveEndpoint: (name) => {
        const found = plan.endpoints.find((entry) => entry.name === name);
        if (!found) throw new Error(`no endpoint ${name}`);
        return resolveProxmoxEndpoint(found);
      },
      trust: store,
      reservations: store,
      environment: 'lab-site',
      workbookDir: dir,
      vmPassword: (vm) => plan.vms.find((entry) => entry.name === vm)?.password ?? null,
      guestWait: { enabled: true, timeoutMs: 5000, required: true },
      onRequest: (_endpoint, request) => requests.push(request),
      lockRetry: { attempts: 8, baseDelayMs: 50, maxDelayMs: 300 },
      ...overrides,
    }),
    client: () => {
      const client = new ProxmoxClient({
        endpoint: { name: 'check', url: endpoint.url, auth: { kind: 'token', tokenId: lab.proxmox.apiToken.tokenid, secret: new Secret(lab.proxmox.apiToken.secret) }, fingerprints: [endpoint.fingerprint] },
        trust: store,
      });
      clients.push(client);
      return client;
    },
    close: async () => {
      for (const client of clients) client.close();
      store.close();
      await lab.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RunResult {
  outcome: RunnerOutcome;
  steps: StepSpec[];
  finalStates: Map<string, { state: StepState; error: AppError | null }>;
  /** `ref` is the line's catalogue text when it is Rackpilot's own words. */
  logs: { stepId: string | null; level: LogLevel; text: string; ref?: TextRef }[];
  progress: { stepId: string; progress: Progress }[];
}

/** Runs the plan's Proxmox steps through the real runner, with artifacts and reservations in the real store. */
export async function runPlan(rehearsal: Rehearsal, plan: Plan, runId: string, overrides: Partial<ProxmoxDeps> = {}): Promise<RunResult> {
  const steps = buildProxmoxSteps(plan);
  rehearsal.store.createRun(
    { id: runId, planName: plan.project.name, environment: 'lab-site', source: { kind: 'test' }, createdAt: Date.now() },
    steps.map(({ id, kind, title, target, deps, input }) => ({ id, kind, title, target, deps, input })),
  );
  const finalStates: RunResult['finalStates'] = new Map();
  const logs: RunResult['logs'] = [];
  const progress: RunResult['progress'] = [];
  const runner = new Runner({
    runId,
    steps,
    kinds: createProxmoxStepKinds(rehearsal.deps(plan, overrides)),
    concurrency: 6,
    // Retries without the production back-off.
    sleep: (_ms, signal) => new Promise((resolve, reject) => (signal.aborted ? reject(signal.reason) : setTimeout(resolve, 20))),
    hooks: {
      onStepState: (stepId, state, _attempt, error) => finalStates.set(stepId, { state, error }),
      onProgress: (stepId, update) => progress.push({ stepId, progress: update }),
      onLog: (stepId, level, text, ref) => logs.push({ stepId, level, text, ...(ref ? { ref } : {}) }),
      artifactsFor: (stepId) => rehearsal.store.artifactsFor(runId, stepId),
    },
  });
  const outcome = await runner.start();
  return { outcome, steps, finalStates, logs, progress };
}
