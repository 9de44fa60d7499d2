import type { Certificate, ParallelLimit } from '../../../shared/contract/wizardChannels';
import type { Endpoint, Plan } from '../../../shared/plan/model';
import type { CreatedResource } from '../../../shared/runModel';
import type { TrustPrompt, TrustStore } from '../net';
import type { EndpointSessions } from '../net/endpointSessions';
import type { EndpointNeeds } from '../preflight/planNeeds';
import type { NodeCapacity, PreflightCheck } from '../preflight/types';
import type { StepKind, StepSpec } from '../runner/types';
import type { FileHashCache } from '../transfer';
import type { NewReservation, Reservation } from '../store';
import type { HostKeyStore } from '../ssh';
import type { Redactor } from '../util/redactor';

/*
 * The one seam a platform plugs into. A provider is registered by endpoint
 * kind in `registry.ts`; the service, preflight, review graph, lab
 * preparation and exports ask the registry and never name a platform.
 * Everything platform-specific (its API client, its task model, its quirks)
 * stays in the provider's folder, and no provider imports another.
 */

/** The part of the store a provider's steps keep resources in between "chosen" and "created" (VMIDs, names). */
export interface ProviderReservations {
  reserve(reservation: NewReservation, now: number): boolean;
  releaseReservation(environment: string, resourceKind: string, value: string): boolean;
  listReservations(environment: string, resourceKind: string): Reservation[];
}

/** What one run gives a provider's step kinds. */
export interface ProviderRunDeps {
  /** The plan's endpoint by name (a rehearsal has already pointed it at the lab); throws a plan error for a name it does not serve. */
  endpoint(name: string): Endpoint;
  trust: TrustStore;
  prompt?: TrustPrompt;
  reservations: ProviderReservations;
  /** The run's target environment (`proxmox:pve1`, `lab:pve1`): reservations and the one-active-run rule are per environment. */
  environment: string;
  /** The workbook's folder: file paths in the plan are relative to it. */
  workbookDir: string;
  /** Digests of local files computed before (at import), so uploads send them without hashing again. */
  fileHashes?: FileHashCache;
  plan: Plan;
  /** Host-key pins, for steps that reach the VMs they create over SSH (the CloudTower installer). */
  hostKeys?: HostKeyStore;
  /** The run's redactor: it knows every secret of the plan. */
  redactor?: Redactor;
  /** What an earlier step of the same run recorded (a pipeline's last stage gathers its stages' results). */
  artifactOf?(runId: string, stepId: string, key: string): unknown;
}

/** What a preflight asks a provider once the endpoint answers and its certificate is trusted. */
export interface ProviderPreflightRequest {
  endpoint: Endpoint;
  /** The whole plan, for providers that resolve each VM's placement as their steps will (networks, images). */
  plan: Plan;
  /** What the plan puts on this endpoint: VMs, templates, storages, addresses. */
  needs: EndpointNeeds;
  /** Pins are read, never written: the certificate is already trusted when this is called. */
  trust: TrustStore;
  timeoutMs: number;
  signal: AbortSignal;
}

/** The checks only a logged-in client can tell, in this order: login, version, capacity, templates, storages. */
export interface ProviderPreflight {
  checks: PreflightCheck[];
  /**
   * The certificate the provider read itself, when only a jump host reaches
   * the endpoint (through its tunnel, judged for the endpoint's own host:port),
   * or one the platform's other services presented (OpenStack's catalog): what
   * the Connect screen offers to trust. Absent when the shared TLS check covers it.
   */
  certificate?: Certificate | null;
  version: string | null;
  nodes: NodeCapacity[];
}

/** What the Review screen counts for a step: the VM it creates, the file it uploads (relative to the workbook). */
export interface StepInventory {
  vm?: string;
  uploadFile?: string;
}

/** A step's line in the run report and the workbook's Results sheet. */
export interface StepResultItem {
  kind: 'vm' | 'image' | 'step';
  name: string;
  /** What the step created, by name (`vmid`, `node`, `volid`, `moref`...). */
  createdIds: Record<string, string>;
}

export interface StoredStepView {
  id: string;
  kind: string;
  title: string;
  input: unknown;
}

/** One bar of the Deploy screen's platform use: raw numbers; `quota` -1 = unlimited, `total` null = not visible to the account. */
export interface UsageMeter {
  id: 'instances' | 'vcpus' | 'ramMiB';
  used: number;
  quota: number;
  /** The platform's own capacity (the hypervisors'), when the account may see it. */
  total: number | null;
}

export interface PlatformUsage {
  endpoint: string;
  meters: UsageMeter[];
}

export interface Provider {
  /** Endpoint kinds this provider serves (`proxmox`; `smartx` and `cloudtower` may share one). */
  readonly kinds: readonly string[];
  /** The platform's name in messages: "Proxmox VE". */
  readonly title: string;
  /** Names of the step kinds `stepKinds()` returns, known without a run (reports, review). */
  readonly stepKindNames: readonly string[];
  /**
   * The provider's part of the graph, for the plan's endpoints of its kinds.
   * Ids depend only on the plan's names, so they are stable across runs;
   * dependencies may name shared steps (image uploads, scripts).
   */
  buildSteps(plan: Plan): StepSpec[];
  /** Its step kinds, with their policies (retry, timeout, concurrency key), bound to one run. */
  stepKinds(deps: ProviderRunDeps): Record<string, StepKind>;
  /** Login, version, capacity, templates and storages for one endpoint; problems are checks, never throws. */
  preflight(request: ProviderPreflightRequest): Promise<ProviderPreflight>;
  /**
   * The limits its steps keep on the platform (clones per datastore, tasks
   * per node...), for the Review's "what runs in parallel". Built from the
   * same constants and keys the step kinds use, so the review cannot promise
   * other limits than the run keeps. Optional: a provider without limits of
   * its own leaves it out.
   */
  parallelLimits?(steps: readonly StepSpec[]): ParallelLimit[];
  /** What the Review screen totals count for one of its steps. */
  inventoryOf(step: StepSpec): StepInventory;
  /**
   * What a rehearsal needs the lab's simulator of its kind to hold
   * (templates, storages, networks), as plain data the simulator parses: the
   * lab never imports the engine.
   */
  labPreparation(plan: Plan): object;
  /** True for an endpoint the plan itself installs (CloudTower): preflight expects it not to answer yet. */
  installsEndpoint?(endpoint: Endpoint, plan: Plan): boolean;
  /** True when its steps reach the plan's VMs over SSH themselves: a rehearsal points that SSH at the lab's SSH simulator. */
  usesSsh?(plan: Plan): boolean;
  /** How the report names one of its steps and what it created, from the step and the artifacts it recorded. */
  resultOf(step: StoredStepView, artifacts: ReadonlyArray<{ key: string; value: unknown }>): StepResultItem;
  /**
   * What one of its steps created and has not removed, read from the artifacts it recorded (not from
   * the platform: a cancelled interrupted run may not reach the endpoint at all).
   */
  createdResources(step: StoredStepView, artifacts: ReadonlyArray<{ key: string; value: unknown }>): CreatedResource[];
  /**
   * The platform's use against its quota and capacity, for a poller during runs (optional: OpenStack has one).
   * `deps` and `sessions` are the run's own, so a reading rides on the session its steps use (the same
   * login, token renewal and tunnels) rather than logging in every few seconds.
   */
  usage?(request: { endpoint: Endpoint; deps: ProviderRunDeps; sessions: EndpointSessions; signal: AbortSignal }): Promise<PlatformUsage>;
}
