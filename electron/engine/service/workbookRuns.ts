import { basename, dirname, resolve } from 'node:path';
import type { WorkbookSource } from '../../../shared/contract/channels';
import { fail } from '../../../shared/errors';
import { sentences, text } from '../../../shared/i18n/engineText';
import type { Finding } from '../../../shared/plan/findings';
import { whereOf, type Endpoint, type Plan } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import { labEnvironmentPrefix } from '../../../shared/runModel';
import { importPlan } from '../plan/importPlan';
import type { ProviderRegistry } from '../providers/registry';
import type { ProviderRunDeps } from '../providers/types';
import type { StepKind, StepSpec } from '../runner/types';
import { buildScriptSteps, pointSshAtLab, scriptKind, scriptStepKind, sshLabPreparation } from '../scripts';
import type { RunStore } from '../store';
import type { Redactor } from '../util/redactor';
import { fillEnteredSecrets, refuseMissingSecrets } from './secrets/planSecrets';
import type { SecretVault } from './secrets/secretVault';
import type { LabController, LabNeed } from './types';
import type { UsageSource } from './usagePoller';

export interface PreparedRun {
  planName: string;
  environment: string;
  steps: StepSpec[];
  kinds: Record<string, StepKind>;
  /** The endpoints whose provider reads quota use, bound to this run's plan and trust (for the usage poller). */
  usageSources?: UsageSource[];
}

export interface WorkbookRunDeps {
  store: RunStore;
  redactor: Redactor;
  lab?: LabController | undefined;
  providers: ProviderRegistry;
  /** Passwords entered in the UI for cells the workbook leaves empty. */
  secrets: SecretVault;
}

export interface LoadOptions {
  /** False where only the plan's shape matters (the review graph): a password still to be entered is no reason to refuse. */
  requireSecrets?: boolean;
}

/** Every secret in the plan goes to the redactor before any step can log it. */
function registerSecrets(value: unknown, redactor: Redactor, seen = new Set<unknown>()): void {
  if (value instanceof Secret) {
    if (!value.isEmpty) redactor.add(value.reveal());
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  for (const child of Object.values(value)) registerSecrets(child, redactor, seen);
}

function refuseErrors(path: string, findings: readonly Finding[]): void {
  const errors = findings.filter((finding) => finding.severity === 'error');
  const first = errors[0];
  if (!first) return;
  const at = first.sheet && first.cell ? `${first.sheet}!${first.cell}` : first.sheet ?? basename(path);
  fail('plan_invalid', text('service.plan.errors', { file: basename(path), count: errors.length, at, message: first.message }), {
    hint: sentences(first.hint || null, text('service.plan.validateHint')),
    ...(first.sheet && first.cell ? { cell: { sheet: first.sheet, cell: first.cell } } : {}),
  });
}

/** The plan's endpoints this build deploys onto; validation has already warned about the others. */
function servedEndpoints(plan: Plan, providers: ProviderRegistry): Endpoint[] {
  return plan.endpoints.filter((endpoint) => providers.forKind(endpoint.kind));
}

/** The lab's SSH simulator, which stands in for every VM and jump host of a rehearsal that runs scripts. */
const sshLabKind = 'ssh';

/** One need per endpoint kind the plan deploys onto (that kind's simulator, prepared as its provider asks), and SSH when it runs scripts. */
export function labNeedsOf(plan: Plan, providers: ProviderRegistry): LabNeed[] {
  const kinds = [...new Set(servedEndpoints(plan, providers).map((endpoint) => endpoint.kind))];
  const needs: LabNeed[] = kinds.map((kind) => ({ kind, preparation: providers.forKind(kind)!.labPreparation(plan) }));
  const ssh = sshLabPreparation(plan);
  if (ssh) needs.push({ kind: sshLabKind, preparation: ssh });
  return needs;
}

/** A rehearsal: every endpoint the plan deploys onto points at the lab's simulator of its kind, with its throwaway login and certificate. */
async function pointAtLab(plan: Plan, deps: WorkbookRunDeps): Promise<void> {
  if (!deps.lab) fail('unsupported', text('service.lab.noneToRehearse'));
  const needs = labNeedsOf(plan, deps.providers);
  const running = await deps.lab.ensureStarted(needs);
  const ssh = running.find((candidate) => candidate.kind === sshLabKind);
  const providerSsh = servedEndpoints(plan, deps.providers).some((endpoint) => deps.providers.forKind(endpoint.kind)?.usesSsh?.(plan));
  if (ssh && (plan.scripts.length > 0 || providerSsh)) {
    deps.redactor.add(ssh.password);
    pointSshAtLab(plan, ssh);
  }
  for (const endpoint of servedEndpoints(plan, deps.providers)) {
    const target = running.find((candidate) => candidate.kind === endpoint.kind);
    if (!target) fail('internal', `The lab started without a ${endpoint.kind} simulator.`);
    deps.redactor.add(target.password);
    const url = new URL(target.url);
    Object.assign(endpoint, {
      // A plain-HTTP simulator (OpenStack's, like Keystone on an internal network) keeps its scheme;
      // a bare host would mean https to the provider.
      address: url.protocol === 'http:' ? target.url : url.hostname,
      port: Number(url.port),
      username: target.username,
      password: new Secret(target.password),
      apiToken: null,
      tlsFingerprint: target.fingerprint,
      // The simulator listens on loopback: a rehearsal dials it directly, never the plan's bastion
      // (as every other provider, which reaches its API without a jump host).
      jumpHost: null,
    } satisfies Partial<Endpoint>);
  }
}

/** The plan's scripts, after the provider steps that create their VMs (found through the registry: no platform is named here). */
function addScriptSteps(steps: StepSpec[], kinds: Record<string, StepKind>, runDeps: ProviderRunDeps, deps: WorkbookRunDeps): void {
  const createStepOf = new Map<string, string>();
  for (const step of steps) {
    const vm = deps.providers.forStepKind(step.kind)?.inventoryOf(step).vm;
    if (vm !== undefined) createStepOf.set(vm.toLowerCase(), step.id);
  }
  const scriptSteps = buildScriptSteps(runDeps.plan, (vm) => createStepOf.get(vm.toLowerCase()));
  if (scriptSteps.length === 0) return;
  steps.push(...scriptSteps);
  kinds[scriptKind] = scriptStepKind({ plan: runDeps.plan, workbookDir: runDeps.workbookDir, hostKeys: deps.store, redactor: deps.redactor }) as StepKind;
}

/** A VM on an endpoint no provider serves cannot be deployed: refused with its cell before anything starts. */
function refuseUnserved(plan: Plan, providers: ProviderRegistry): void {
  const byName = new Map(plan.endpoints.map((endpoint) => [endpoint.name, endpoint]));
  for (const vm of plan.vms) {
    const endpoint = byName.get(vm.endpoint);
    if (endpoint && !providers.forKind(endpoint.kind)) {
      const cell = whereOf(vm, 'endpoint');
      fail('unsupported', text('service.plan.unserved', { vm: vm.name, endpoint: endpoint.name, platform: endpoint.kind, platforms: text('text.commas', { items: [...providers.kinds] }) }), {
        hint: text('service.plan.unservedHint'),
        ...(cell ? { cell } : {}),
      });
    }
  }
}

/** A workbook's plan as a run would see it: checked, its secrets known to the redactor, pointed at the lab on a rehearsal. */
export interface LoadedWorkbookPlan {
  plan: Plan;
  /** The workbook's absolute path. */
  path: string;
}

/** The run's preparation plus the plan it came from (review totals, preflight). */
export interface PreparedWorkbookRun extends PreparedRun {
  plan: Plan;
}

/** The workbook's plan and findings as imported, nothing checked yet beyond its being a plan. */
export async function readWorkbookPlan(source: Pick<WorkbookSource, 'path' | 'profile'>, deps: Pick<WorkbookRunDeps, 'store' | 'providers'>) {
  const path = resolve(source.path);
  const imported = await importPlan(path, { profile: source.profile, hashes: deps.store.fileHashes, providerKinds: deps.providers.kinds });
  const plan = imported.plan;
  if (!plan) fail('plan_invalid', text('service.plan.notWorkbook', { file: basename(path) }), { hint: text('service.plan.findingHint', { hint: imported.findings[0]?.hint ?? '' }) });
  return { plan, path, findings: imported.findings };
}

/**
 * Reads the workbook again (secrets live only in memory and in the file),
 * refuses a plan with errors, fills the passwords it leaves empty from
 * those entered in the UI (refusing with `secret_required` when one is
 * still missing), registers its secrets and, for a rehearsal, points its
 * endpoints at the lab. Preflight starts here too, so it checks exactly
 * what a run would connect to; so does a resumed run.
 */
export async function loadWorkbookPlan(source: WorkbookSource, deps: WorkbookRunDeps, options: LoadOptions = {}): Promise<LoadedWorkbookPlan> {
  const { plan, path, findings } = await readWorkbookPlan(source, deps);
  refuseErrors(path, findings);
  const missing = await fillEnteredSecrets(plan, deps.secrets, { lab: source.lab });
  if (options.requireSecrets !== false) refuseMissingSecrets(missing);
  registerSecrets(plan, deps.redactor);
  if (source.lab) await pointAtLab(plan, deps);
  return { plan, path };
}

/**
 * Builds the graph and the step kinds bound to the workbook's plan.
 * Resuming after a restart calls this again for the kinds.
 */
export async function prepareWorkbookRun(source: WorkbookSource, deps: WorkbookRunDeps, options: LoadOptions = {}): Promise<PreparedWorkbookRun> {
  const { plan, path } = await loadWorkbookPlan(source, deps, options);
  refuseUnserved(plan, deps.providers);
  const endpoints = servedEndpoints(plan, deps.providers);
  const providers = [...new Set(endpoints.map((endpoint) => deps.providers.require(endpoint)))];
  const platforms = [...new Set(endpoints.map((endpoint) => endpoint.kind))].sort().join('+');
  // A run without endpoints still has a name; a Proxmox-only plan keeps the `proxmox:` of earlier runs.
  const environment = `${source.lab ? labEnvironmentPrefix : `${platforms || 'none'}:`}${endpoints.map((endpoint) => endpoint.name).sort().join('+')}`;
  const byName = new Map(endpoints.map((endpoint) => [endpoint.name, endpoint]));
  const runDeps: ProviderRunDeps = {
    endpoint: (name) => byName.get(name) ?? fail('plan_invalid', text('service.plan.noEndpoint', { name })),
    trust: deps.store,
    reservations: deps.store,
    environment,
    workbookDir: dirname(path),
    fileHashes: deps.store.fileHashes,
    plan,
    hostKeys: deps.store,
    redactor: deps.redactor,
    artifactOf: (runId, stepId, key) => deps.store.getArtifact(runId, stepId, key),
  };
  const kinds: Record<string, StepKind> = {};
  const steps: StepSpec[] = [];
  for (const provider of providers) {
    Object.assign(kinds, provider.stepKinds(runDeps));
    steps.push(...provider.buildSteps(plan));
  }
  addScriptSteps(steps, kinds, runDeps, deps);
  const planName = plan.project.name || basename(path);
  return { planName, environment, steps, kinds, plan, usageSources: usageSourcesOf(endpoints, runDeps, deps) };
}

/** One source per endpoint whose provider has `usage`; it reads with the run's own deps and sessions, as its steps do. */
function usageSourcesOf(endpoints: readonly Endpoint[], runDeps: ProviderRunDeps, deps: WorkbookRunDeps): UsageSource[] {
  const sources: UsageSource[] = [];
  for (const endpoint of endpoints) {
    const provider = deps.providers.require(endpoint);
    if (!provider.usage) continue;
    const usage = provider.usage.bind(provider);
    sources.push({ endpoint: endpoint.name, read: (signal, sessions) => usage({ endpoint, deps: runDeps, sessions, signal }) });
  }
  return sources;
}
