import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { say } from '../../../shared/i18n/engineText';
import type { Plan } from '../../../shared/plan/model';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { EndpointSessions } from '../../engine/net/endpointSessions';
import type { OpenStackDeps } from '../../engine/providers/openstack/connect';
import type { ProviderRunDeps } from '../../engine/providers/types';
import { resolveOpenStackEndpoint } from '../../engine/providers/openstack/endpoint';
import { createOpenStackStepKinds } from '../../engine/providers/openstack/stepKinds';
import { buildOpenStackSteps } from '../../engine/providers/openstack/steps';
import { Runner, SlotRegistry, type StepContext, type StepKind, type StepSpec } from '../../engine/runner';
import { recordingHooks, type RecordingHooks } from '../../engine/runner/testFakes';
import type { HostKeyStore, TunnelPool } from '../../engine/ssh';

/** A run of the provider's graph with the engine's runner, and a rollback that undoes every step, dependants first. */
export interface LabRun {
  /** The run's id: what its servers carry as their `rackpilot-run` tag, and what the rollback undoes under. */
  runId: string;
  steps: StepSpec[];
  kinds: Record<string, StepKind>;
  hooks: RecordingHooks;
  outcome: string;
  /** Every URL the session asked for, and where it was sent. */
  requests: Array<{ url: string; sentTo: string }>;
}

export const noHostKeyPins: HostKeyStore = { findPins: () => [], addPin: () => undefined };

/** A 1 MiB file standing for a disk image (the fake virt driver never reads it). */
export function writeDiskImage(dir: string, seed = 1): string {
  const bytes = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + seed) & 0xff;
  const path = join(dir, 'disk.raw');
  writeFileSync(path, bytes);
  return path;
}

export function depsFor(plan: Plan, workbookDir: string, extra: Partial<OpenStackDeps> = {}): OpenStackDeps & { requests: LabRun['requests'] } {
  const requests: LabRun['requests'] = [];
  return {
    resolveEndpoint: (name) => resolveOpenStackEndpoint(plan.endpoints.find((endpoint) => endpoint.name === name)!, plan, workbookDir),
    trust: memoryTrustStore(),
    hostKeys: noHostKeyPins,
    workbookDir,
    pollMs: 500,
    onRequest: (request) => requests.push({ url: request.url, sentTo: request.sentTo }),
    ...extra,
    requests,
  };
}

/** What the engine gives a provider for one run of `plan` (no reservations: OpenStack makes none). */
export function runDepsFor(plan: Plan, workbookDir: string): ProviderRunDeps {
  return {
    endpoint: (name) => plan.endpoints.find((endpoint) => endpoint.name === name)!,
    trust: memoryTrustStore(),
    reservations: { reserve: () => { throw new Error('OpenStack reserves nothing'); } } as unknown as ProviderRunDeps['reservations'],
    environment: 'openstack:test',
    workbookDir,
    plan,
  };
}

/** Runs the plan's steps (those `only` keeps, when given: it must keep their dependencies too). */
export async function deploy(plan: Plan, deps: OpenStackDeps & { requests: LabRun['requests'] }, onStepStarted?: (stepId: string) => void, only?: (step: StepSpec) => boolean): Promise<LabRun> {
  const steps = buildOpenStackSteps(plan).filter((step) => !only || only(step));
  const kinds = createOpenStackStepKinds(deps, plan);
  const hooks = recordingHooks();
  const onStepState = hooks.onStepState.bind(hooks);
  hooks.onStepState = (stepId, state, attempt, error) => {
    onStepState(stepId, state, attempt, error);
    if (state === 'running') onStepStarted?.(stepId);
  };
  const runId = `os-${Date.now()}`;
  const runner = new Runner({ runId, steps, kinds, concurrency: 4, hooks });
  const outcome = await runner.start();
  return { runId, steps, kinds, hooks, outcome, requests: deps.requests };
}

/** Undoes the steps in the reverse of the graph's order (a server before its ports' network). */
export async function rollback(run: LabRun, signal = AbortSignal.timeout(5 * 60_000)): Promise<void> {
  const sessions = new EndpointSessions();
  const slots = new SlotRegistry();
  try {
    const order = topological(run.steps).reverse();
    for (const step of order) {
      const kind = run.kinds[step.kind];
      if (!kind?.undo) continue;
      const ctx: StepContext = {
        runId: run.runId,
        step,
        attempt: 1,
        signal,
        log: (level, text) => run.hooks.logs.push({ stepId: step.id, level, text: typeof text === 'string' ? text : say('en', text) }),
        progress: () => undefined,
        artifacts: run.hooks.artifactsFor(step.id),
        slots,
        sessions,
      };
      await kind.undo(ctx);
    }
  } finally {
    sessions.close();
  }
}

function topological(steps: StepSpec[]): StepSpec[] {
  const done = new Set<string>();
  const out: StepSpec[] = [];
  const visit = (step: StepSpec): void => {
    if (done.has(step.id)) return;
    done.add(step.id);
    for (const dep of step.deps) {
      const found = steps.find((entry) => entry.id === dep);
      if (found) visit(found);
    }
    out.push(step);
  };
  steps.forEach(visit);
  return out;
}
