import { say, type TextRef } from '../../../shared/i18n/engineText';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plan } from '../../../shared/plan/model';
import type { LogLevel } from '../../../shared/runModel';
import { Secret } from '../../../shared/plan/secret';
import { EndpointSessions } from '../../engine/net/endpointSessions';
import { importPlan } from '../../engine/plan/importPlan';
import { resolveVsphereEndpoint } from '../../engine/providers/vsphere/endpoint';
import { vsphereLabPreparation, type VsphereLabPreparation } from '../../engine/providers/vsphere/labPreparation';
import { VimClient } from '../../engine/providers/vsphere/soapClient';
import { createVsphereStepKinds } from '../../engine/providers/vsphere/stepKinds';
import { SlotRegistry, type SlotLimits, type StepContext, type StepKind, type StepSpec } from '../../engine/runner';
import { openStore, type RunStore } from '../../engine/store';
import { SoapTestClient } from '../../lab/vsphere/soapTestClient';
import { vsphereSimulator } from '../../lab/vsphere/simulator';
import { vcsimForTests } from '../../lab/vsphere/vcsimForTests';
import type { RunningSimulator } from '../../lab/simulators';

export const vcsimBinary = { path: vcsimForTests() };

export const vsphereSamplePath = fileURLToPath(new URL('../../../assets/sample-plan/sample-vsphere.en.xlsx', import.meta.url));

/** The sample plan with its one vCenter endpoint pointed at `lab`. */
export async function sampleOn(lab: RunningSimulator<unknown>): Promise<Plan> {
  const plan = (await importPlan(vsphereSamplePath, { lang: 'en' })).plan!;
  const endpoint = plan.endpoints[0]!;
  endpoint.address = lab.endpoint.url;
  endpoint.username = lab.endpoint.username;
  endpoint.password = new Secret(lab.endpoint.password);
  endpoint.tlsFingerprint = lab.endpoint.fingerprint;
  return plan;
}

export interface VsphereRehearsal {
  lab: RunningSimulator<unknown>;
  plan: Plan;
  store: RunStore;
  /** A fresh step kind table, as a new process of the app would build it. */
  kinds(): Record<string, StepKind>;
  /** The engine's client on the lab. */
  client(): VimClient;
  /** A client written apart from the engine's (the lab's tests' own), logged in. */
  checker(): Promise<SoapTestClient>;
  close(): Promise<void>;
}

/** vcsim-lab prepared for the sample plan after `adjust` changed it, a run store in a temp folder. */
export async function startVsphereRehearsal(adjust: (plan: Plan) => void = () => undefined, prepare: (prep: VsphereLabPreparation) => VsphereLabPreparation = (prep) => prep): Promise<VsphereRehearsal> {
  const lab = await vsphereSimulator.start({});
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-vs-it-'));
  const clients: VimClient[] = [];
  try {
    const plan = await sampleOn(lab);
    adjust(plan);
    await lab.prepare(prepare(vsphereLabPreparation(plan)));
    const store = openStore(join(dir, 'runs.sqlite'));
    const endpointOf = (name: string) => resolveVsphereEndpoint(plan.endpoints.find((entry) => entry.name === name)!);
    return {
      lab,
      plan,
      store,
      kinds: () =>
        createVsphereStepKinds({
          resolveEndpoint: endpointOf,
          trust: store,
          workbookDir: dir,
          vmSecrets: (vmName) => {
            const vm = plan.vms.find((entry) => entry.name === vmName);
            return { password: vm?.password ?? null, productKey: vm?.productKey ?? null, domainPassword: vm?.domainPassword ?? null };
          },
          guest: { timeoutMs: 30_000, probeTimeoutMs: 200 },
        }),
      client: () => {
        const client = new VimClient({ endpoint: endpointOf(plan.endpoints[0]!.name), trust: store });
        clients.push(client);
        return client;
      },
      checker: async () => {
        const checker = new SoapTestClient(`${lab.endpoint.url}/sdk`);
        await checker.connect();
        await checker.login(lab.endpoint.username, lab.endpoint.password);
        return checker;
      },
      close: async () => {
        for (const client of clients) client.close();
        store.close();
        await lab.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface Attempt {
  outcome: 'already done' | 'ran' | unknown;
  lines: string[];
  /** Rackpilot's own lines (those with catalogue text) as a Chinese reader sees them. */
  chinese: string[];
  phases: string[];
  /** Every slot the attempt asked for, with the limit it asked with. */
  slots: Array<{ key: string; limit: number }>;
}

/**
 * One "process" running one step: a fresh step kind table, signal and
 * sessions, the artifacts in the store. `crashWhen` aborts the attempt the
 * moment an artifact it likes is recorded, as if the app died there.
 */
export async function attemptStep(rehearsal: VsphereRehearsal, runId: string, step: StepSpec, crashWhen?: (artifact: unknown) => boolean): Promise<Attempt> {
  const kind = rehearsal.kinds()[step.kind]!;
  const controller = new AbortController();
  const stored = rehearsal.store.artifactsFor(runId, step.id);
  const lines: string[] = [];
  const chinese: string[] = [];
  const phases: string[] = [];
  const asked: Attempt['slots'] = [];
  const registry = new SlotRegistry();
  const slots: SlotLimits = {
    run: (key, limit, signal, work) => {
      asked.push({ key, limit });
      return registry.run(key, limit, signal, work);
    },
  };
  const ctx: StepContext = {
    runId,
    step,
    attempt: 1,
    signal: controller.signal,
    log: (_level: LogLevel, words: string | TextRef) => {
      lines.push(typeof words === 'string' ? words : say('en', words));
      if (typeof words !== 'string') chinese.push(say('zh', words));
    },
    progress: (progress) => {
      if (progress.phase && phases.at(-1) !== progress.phase) phases.push(progress.phase);
    },
    slots,
    sessions: new EndpointSessions(),
    artifacts: {
      get: (key) => stored.get(key),
      set: (key, value) => {
        stored.set(key, value);
        if (crashWhen?.(value)) controller.abort(new Error('crash'));
      },
    },
  };
  try {
    const done = await kind.check(ctx);
    const outcome = done ? 'already done' : await kind.run(ctx).then(() => 'ran', (error: unknown) => error);
    return { outcome, lines, chinese, phases, slots: asked };
  } finally {
    ctx.sessions.close();
  }
}

/** Undo of one step as the engine's rollback calls it: a fresh process, the run's artifacts. */
export async function undoStep(rehearsal: VsphereRehearsal, runId: string, step: StepSpec): Promise<string[]> {
  const kind = rehearsal.kinds()[step.kind]!;
  const lines: string[] = [];
  const sessions = new EndpointSessions();
  try {
    await kind.undo!({ runId, step, attempt: 1, signal: AbortSignal.timeout(60_000), log: (_level, text) => void lines.push(typeof text === 'string' ? text : say('en', text)), progress: () => undefined, artifacts: rehearsal.store.artifactsFor(runId, step.id), slots: new SlotRegistry(), sessions });
    return lines;
  } finally {
    sessions.close();
  }
}
