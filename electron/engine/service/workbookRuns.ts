import { basename, dirname, resolve } from 'node:path';
import type { WorkbookSource } from '../../../shared/contract/channels';
import { fail } from '../../../shared/errors';
import type { Finding } from '../../../shared/plan/findings';
import { whereOf, type Endpoint, type Plan } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import { labEnvironmentPrefix } from '../../../shared/runModel';
import { importPlan } from '../plan/importPlan';
import { buildProxmoxSteps, createProxmoxStepKinds, resolveProxmoxEndpoint } from '../providers/proxmox';
import type { StepKind, StepSpec } from '../runner/types';
import type { RunStore } from '../store';
import type { Redactor } from '../util/redactor';
import type { LabController, LabPreparation } from './types';

export interface PreparedRun {
  planName: string;
  environment: string;
  steps: StepSpec[];
  kinds: Record<string, StepKind>;
}

export interface WorkbookRunDeps {
  store: RunStore;
  redactor: Redactor;
  lab?: LabController | undefined;
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
  fail('plan_invalid', `${basename(path)} has ${errors.length} error(s); the first is at ${at}: ${first.message}`, {
    hint: `${first.hint} Validate the workbook to see every finding.`,
    ...(first.sheet && first.cell ? { cell: { sheet: first.sheet, cell: first.cell } } : {}),
  });
}

/** The lab mirrors what the plan expects to find: its templates, storages and bridges. */
export function labNeedsOf(plan: Plan): LabPreparation {
  const imagesByName = new Map(plan.images.map((image) => [image.name, image]));
  const templates = new Map<string, 'l26' | 'win11'>();
  const storages = new Set<string>();
  for (const vm of plan.vms) {
    const image = vm.image ? imagesByName.get(vm.image) : undefined;
    if (image?.kind === 'template') templates.set(image.remoteName ?? image.name, vm.os === 'windows' ? 'win11' : 'l26');
    if (vm.storage) storages.add(vm.storage);
  }
  for (const image of plan.images) if (image.storage) storages.add(image.storage);
  const bridges = new Set(plan.networks.map((network) => network.bridge).filter((bridge): bridge is string => !!bridge && /^vmbr\d+$/.test(bridge)));
  return { templates: [...templates].map(([name, ostype]) => ({ name, ostype })), storages: [...storages], bridges: [...bridges] };
}

/** A rehearsal: every Proxmox endpoint of the plan points at the lab, with the lab's throwaway login and certificate. */
async function pointAtLab(plan: Plan, lab: LabController | undefined, redactor: Redactor): Promise<void> {
  if (!lab) fail('unsupported', 'This host has no built-in lab to rehearse on.');
  const prepared = await lab.ensureStarted(labNeedsOf(plan));
  const target = prepared.find((endpoint) => endpoint.kind === 'proxmox');
  if (!target) fail('internal', 'The lab started without a Proxmox simulator.');
  redactor.add(target.password);
  const url = new URL(target.url);
  for (const endpoint of plan.endpoints) {
    if (endpoint.kind !== 'proxmox') continue;
    Object.assign(endpoint, {
      address: url.hostname,
      port: Number(url.port),
      username: target.username,
      password: new Secret(target.password),
      apiToken: null,
      tlsFingerprint: target.fingerprint,
    } satisfies Partial<Endpoint>);
  }
}

function requireProviders(plan: Plan): Endpoint[] {
  const byName = new Map(plan.endpoints.map((endpoint) => [endpoint.name, endpoint]));
  for (const vm of plan.vms) {
    const endpoint = byName.get(vm.endpoint);
    if (endpoint && endpoint.kind !== 'proxmox') {
      const cell = whereOf(vm, 'endpoint');
      fail('unsupported', `VM ${vm.name} targets ${endpoint.name}, a ${endpoint.kind} endpoint; this build deploys onto Proxmox VE only.`, {
        hint: 'Remove the VM from this plan or deploy it with a build that has that provider.',
        ...(cell ? { cell } : {}),
      });
    }
  }
  return plan.endpoints.filter((endpoint) => endpoint.kind === 'proxmox');
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

/**
 * Reads the workbook again (secrets live only in memory and in the file),
 * refuses a plan with errors, registers its secrets and, for a rehearsal,
 * points its Proxmox endpoints at the lab. Preflight starts here too, so it
 * checks exactly what a run would connect to.
 */
export async function loadWorkbookPlan(source: WorkbookSource, deps: WorkbookRunDeps): Promise<LoadedWorkbookPlan> {
  const path = resolve(source.path);
  const imported = await importPlan(path, { profile: source.profile, hashes: deps.store.fileHashes });
  const plan = imported.plan;
  if (!plan) fail('plan_invalid', `${basename(path)} is not a planning workbook Rackpilot knows.`, { hint: imported.findings[0]?.hint ?? '' });
  refuseErrors(path, imported.findings);
  registerSecrets(plan, deps.redactor);
  if (source.lab) await pointAtLab(plan, deps.lab, deps.redactor);
  return { plan, path };
}

/**
 * Builds the graph and the step kinds bound to the workbook's plan.
 * Resuming after a restart calls this again for the kinds.
 */
export async function prepareWorkbookRun(source: WorkbookSource, deps: WorkbookRunDeps): Promise<PreparedWorkbookRun> {
  const { plan, path } = await loadWorkbookPlan(source, deps);
  const endpoints = requireProviders(plan);
  const environment = `${source.lab ? labEnvironmentPrefix : 'proxmox:'}${endpoints.map((endpoint) => endpoint.name).sort().join('+')}`;
  const byName = new Map(endpoints.map((endpoint) => [endpoint.name, endpoint]));
  const vmsByName = new Map(plan.vms.map((vm) => [vm.name, vm]));
  const kinds = createProxmoxStepKinds({
    resolveEndpoint: (name) => {
      const endpoint = byName.get(name);
      if (!endpoint) fail('plan_invalid', `The plan has no Proxmox endpoint named ${name}.`);
      return resolveProxmoxEndpoint(endpoint);
    },
    trust: deps.store,
    reservations: deps.store,
    environment,
    workbookDir: dirname(path),
    fileHashes: deps.store.fileHashes,
    vmPassword: (vmName) => vmsByName.get(vmName)?.password ?? null,
  });
  const planName = plan.project.name || basename(path);
  return { planName: source.lab ? `${planName} (lab rehearsal)` : planName, environment, steps: buildProxmoxSteps(plan), kinds, plan };
}
